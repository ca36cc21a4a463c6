import { redirect, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/auth/guard.server";
import { isOperator } from "~/modules/auth/operators.server";
import { groupsOfUser } from "~/modules/oversight/oversight.server";
import { withoutTenant } from "../../db/tenant";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireUser(request, context);
  // An operator has no centre: the console is their home (docs/decisions/0043).
  if (await isOperator(context.db, auth.user.id)) throw redirect("/admin");
  const centres = await withoutTenant("the centre chooser: the signed-in user's own memberships in every centre", () =>
    // tenant-safe: the centre chooser: the signed-in user's own memberships in every centre.
    context.db
      .selectFrom("memberships as m")
      .innerJoin("organizations as o", "o.id", "m.org_id")
      .select(["o.slug", "o.name", "o.parent_body as parentBody", "o.status"])
      .where("m.user_id", "=", auth.user.id)
      .where("m.active", "=", 1)
      .orderBy("o.name")
      .limit(100)
      .execute(),
  );
  // An overseer of a supervising body has groups (/g/…), usually no centre.
  const groups = await groupsOfUser(context.db, auth.user.id);
  if (centres.length === 1 && groups.length === 0) throw redirect(`/o/${centres[0]!.slug}`);
  if (groups.length === 1 && centres.length === 0) throw redirect(`/g/${groups[0]!.slug}`);
  return { centres, groups };
}

export default function Home() {
  const t = useT();
  const { centres, groups } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-lg px-4 py-12">
      <Notice />
      <h1 className="page-title">{t.home.chooseCentre}</h1>
      <p className="mt-2 text-slate-700">{t.home.chooseCentreIntro}</p>
      <ul className="mt-6 space-y-3">
        {centres.map((c) => (
          <li key={c.slug}>
            <Link to={`/o/${c.slug}`} className="card block no-underline hover:border-brand-600">
              <span className="block font-medium text-slate-900">
                {c.name}
                {c.status !== "active" ? (
                  <span className="ml-2 rounded bg-amber-100 px-2 py-0.5 text-xs font-medium text-amber-900" data-testid="centre-suspended-badge">
                    {t.home.centreSuspended}
                  </span>
                ) : null}
              </span>
              <span className="block text-sm text-slate-600">{c.parentBody}</span>
            </Link>
          </li>
        ))}
      </ul>
      {groups.length > 0 ? (
        <>
          <h2 className="mt-8 text-lg font-semibold">{t.oversight.chooseGroup}</h2>
          <ul className="mt-3 space-y-3">
            {groups.map((g) => (
              <li key={g.slug}>
                <Link to={`/g/${g.slug}`} className="card block no-underline hover:border-brand-600">
                  <span className="block font-medium text-slate-900">{g.name}</span>
                </Link>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      <Form method="post" action="/logout" className="mt-8">
        <button className="btn-secondary">{t.nav.logout}</button>
      </Form>
    </main>
  );
}
