import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { fmt, useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { centreOverview } from "~/modules/org/overview.server";
import { formatDateTime } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.view");
  const ctx = ctxOf(member, context);
  const overview = await centreOverview(context.db, ctx.orgId, member.membershipId, can(member.roles, "audit.view"));
  return { overview, roles: member.roles, fullName: member.user.full_name, slug: member.org.slug, orgName: member.org.name };
}

export default function Overview() {
  const t = useT();
  const { overview, roles, fullName, slug, orgName } = useLoaderData<typeof loader>();
  const { mine } = overview;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div>
        <h1 className="page-title">{fmt(t.overview.greeting, { name: fullName })}</h1>
        <p className="mt-1 text-slate-600">{orgName}</p>
      </div>
      <div className="grid gap-4 sm:grid-cols-2">
        <section className="card">
          <h2 className="text-sm font-medium text-slate-600">{t.overview.yourPosition}</h2>
          <p className="mt-1 text-lg font-semibold">{mine.positionName ?? t.overview.noPosition}</p>
          {mine.counter ? <p className="text-sm text-slate-600">{mine.counter}</p> : null}
          {mine.title ? <p className="text-sm text-slate-600">{mine.title}</p> : null}
          <p className="mt-2 flex flex-wrap gap-1">
            {roles.map((r) => (
              <span key={r} className="badge">
                {t.roles[r]}
              </span>
            ))}
          </p>
          {mine.duties ? (
            <>
              <h3 className="mt-3 text-sm font-medium text-slate-600">{t.overview.duties}</h3>
              <p className="mt-1 whitespace-pre-line text-sm text-slate-800">{mine.duties}</p>
            </>
          ) : null}
        </section>
        <section className="grid grid-cols-2 gap-4">
          <Link to={`/o/${slug}/staff`} className="card no-underline hover:border-brand-600">
            <p className="text-3xl font-bold text-brand-800">{overview.members}</p>
            <p className="text-sm text-slate-700">{t.overview.members}</p>
          </Link>
          <Link to={`/o/${slug}/positions`} className="card no-underline hover:border-brand-600">
            <p className="text-3xl font-bold text-brand-800">{overview.positions}</p>
            <p className="text-sm text-slate-700">{t.overview.positions}</p>
          </Link>
        </section>
      </div>
      {overview.activity.length > 0 ? (
        <section className="card">
          <h2 className="font-semibold">{t.overview.recentActivity}</h2>
          <ul className="mt-2 divide-y divide-slate-100 text-sm">
            {overview.activity.map((a) => (
              <li key={a.id} className="flex flex-wrap justify-between gap-2 py-2">
                <span>
                  <span className="font-medium">{a.actorName ?? "—"}</span>{" "}
                  <span className="text-slate-700">{(t.audit as Record<string, string>)[a.action] ?? a.action}</span>
                </span>
                <span className="text-slate-500">{formatDateTime(a.createdAt)}</span>
              </li>
            ))}
          </ul>
        </section>
      ) : null}
    </div>
  );
}
