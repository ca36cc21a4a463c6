import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { Pager } from "~/components/ListControls";
import { fmt, useT } from "~/i18n";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { listMembers } from "~/modules/org/org.server";
import { pageParam } from "~/utils/time";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "staff.view");
  const url = new URL(request.url);
  const q = url.searchParams.get("q")?.slice(0, 100) ?? "";
  const includeInactive = url.searchParams.get("all") === "1";
  const page = pageParam(url.searchParams);
  const list = await listMembers(context.db, member.org.id, { q, includeInactive, page });
  return {
    ...list,
    q,
    includeInactive,
    slug: member.org.slug,
    canManage: can(member.roles, "staff.manage"),
    canImport: can(member.roles, "staff.import"),
    canExport: can(member.roles, "centre.export"),
    canSeePeople: can(member.roles, "people.viewConduct"),
    me: member.membershipId,
  };
}

export default function StaffList() {
  const t = useT();
  const { members, hasMore, page, q, includeInactive, slug, canManage, canImport, canExport, canSeePeople, me } = useLoaderData<typeof loader>();
  const nameOf = (m: { id: string; fullName: string }) =>
    canSeePeople || m.id === me ? <Link to={`/o/${slug}/people/${m.id}`}>{m.fullName}</Link> : m.fullName;
  const base = `/o/${slug}/staff`;
  const pageLink = (p: number) => `?${new URLSearchParams({ ...(q ? { q } : {}), ...(includeInactive ? { all: "1" } : {}), page: String(p) })}`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{t.staff.title}</h1>
        <div className="flex flex-wrap gap-2">
          {canExport ? (
            <Link to={`/o/${slug}/settings/export`} className="btn-secondary">
              {t.nav.exportData}
            </Link>
          ) : null}
          {canImport ? (
            <Link to={`${base}/import`} className="btn-secondary">
              {t.invite.staff.import}
            </Link>
          ) : null}
          {canManage ? (
            <Link to={`${base}/new`} className="btn-primary">
              {t.staff.new}
            </Link>
          ) : null}
        </div>
      </div>
      {!canManage ? <p className="text-sm text-slate-600">{t.staff.readOnly}</p> : null}
      <Form method="get" className="flex flex-wrap items-end gap-3" role="search">
        <div className="w-full min-w-0 sm:w-auto sm:flex-1">
          <label htmlFor="q" className="label">
            {t.common.search}
          </label>
          <input id="q" name="q" defaultValue={q} placeholder={t.common.searchPlaceholder} className="input mt-1" />
        </div>
        <label className="flex items-center gap-2 py-2 text-sm">
          <input type="checkbox" name="all" value="1" defaultChecked={includeInactive} className="h-4 w-4" />
          {t.staff.showInactive}
        </label>
        <button type="submit" className="btn-secondary">
          {t.common.search}
        </button>
      </Form>
      <p className="text-sm text-slate-600">{fmt(t.staff.count, { n: members.length })}</p>
      {members.length === 0 ? (
        <p className="card text-slate-700">{t.staff.empty}</p>
      ) : (
        <>
          {/* Phone: cards. */}
          <ul className="space-y-2 md:hidden">
            {members.map((m) => (
              <li key={m.id} className="card">
                <div className="flex items-start justify-between gap-2">
                  <div className="min-w-0">
                    <p className="font-medium">{nameOf(m)}</p>
                    <p className="text-sm text-slate-600">{m.title || "—"}</p>
                    <p className="text-sm text-slate-700">{m.positionName ?? t.overview.noPosition}</p>
                    {m.counter ? <p className="text-xs text-slate-500">{m.counter}</p> : null}
                  </div>
                  {canManage ? (
                    <Link to={`${base}/${m.id}`} className="btn-secondary shrink-0 px-3 py-1">
                      {t.common.edit}
                    </Link>
                  ) : null}
                </div>
                <p className="mt-2 flex flex-wrap gap-1">
                  {m.roles.map((r) => (
                    <span key={r} className="badge">
                      {t.roles[r]}
                    </span>
                  ))}
                  {!m.active ? <span className="badge bg-red-100 text-red-800">{t.staff.inactive}</span> : null}
                  {m.active && m.awaitingPassword ? <span className="badge bg-amber-100 text-amber-900">{t.invite.staff.awaiting}</span> : null}
                </p>
              </li>
            ))}
          </ul>
          {/* Desktop: a table. */}
          <div className="card hidden overflow-x-auto p-0 md:block">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{t.staff.fullName}</th>
                  <th scope="col">{t.staff.title_}</th>
                  <th scope="col">{t.staff.position}</th>
                  <th scope="col">{t.staff.roles}</th>
                  <th scope="col">{t.staff.phone}</th>
                  <th scope="col">{t.staff.status}</th>
                  {canManage ? <th scope="col"><span className="sr-only">{t.staff.actions}</span></th> : null}
                </tr>
              </thead>
              <tbody>
                {members.map((m) => (
                  <tr key={m.id}>
                    <td>
                      <span className="font-medium">{nameOf(m)}</span>
                      <span className="block text-xs text-slate-500">{m.username}</span>
                    </td>
                    <td>{m.title || "—"}</td>
                    <td>
                      {m.positionName ?? "—"}
                      {m.counter ? <span className="block text-xs text-slate-500">{m.counter}</span> : null}
                    </td>
                    <td>{m.roles.map((r) => t.roles[r]).join(", ")}</td>
                    <td>{m.phone ?? "—"}</td>
                    <td>
                      {m.active ? t.staff.active : <span className="text-red-700">{t.staff.inactive}</span>}
                      {m.active && m.awaitingPassword ? <span className="block text-xs text-amber-800">{t.invite.staff.awaiting}</span> : null}
                    </td>
                    {canManage ? (
                      <td>
                        <Link to={`${base}/${m.id}`}>{t.common.edit}</Link>
                      </td>
                    ) : null}
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      <Pager page={page} hasNext={hasMore} link={pageLink} />
    </div>
  );
}
