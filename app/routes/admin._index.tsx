import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { ConsoleFrame } from "~/components/console/ConsoleFrame";
import { fmt, num, useT, type Messages } from "~/i18n";
import { titled } from "~/i18n/meta";
import { requireOperator } from "~/modules/auth/guard.server";
import { centresWithUsage } from "~/modules/console/usage.server";
import { vnDateOf } from "~/utils/dates";
import { formatDate } from "~/utils/time";
import { withoutTenant } from "../../db/tenant";

export const meta = titled((t) => t.console.title);

/** The operator console: the centres with their usage, 50 a page, searchable. Counts only. */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireOperator(request, context);
  const url = new URL(request.url);
  const q = (url.searchParams.get("q") ?? "").trim().slice(0, 100);
  const pageParam = Number(url.searchParams.get("page") ?? "1");
  const page = Number.isInteger(pageParam) && pageParam >= 1 && pageParam <= 10_000 ? pageParam : 1;
  const { rows, more, since } = await withoutTenant("the operator console lists every centre with usage counts", () =>
    // tenant-safe: the operator console: counts per centre for one page of centres, no centre content.
    centresWithUsage(context.db, { q, page, today: vnDateOf(context.now()) }),
  );
  return { userName: auth.user.full_name, q, page, more, since, rows };
}

function bytes(t: Messages, n: number): string {
  if (n < 1024) return `${num(t, n)} B`;
  if (n < 1024 ** 2) return `${num(t, n / 1024, { maxDecimals: 1 })} KB`;
  if (n < 1024 ** 3) return `${num(t, n / 1024 ** 2, { maxDecimals: 1 })} MB`;
  return `${num(t, n / 1024 ** 3, { maxDecimals: 2 })} GB`;
}

/** Active, suspended, or the date its data will be deleted. */
function StatusText({ row }: { row: { status: string; deletionDueAt: string | null } }) {
  const tc = useT().console;
  if (row.deletionDueAt) return <span className="text-red-800">{fmt(tc.statusDeletion, { date: formatDate(row.deletionDueAt) })}</span>;
  return row.status === "suspended" ? <span className="text-amber-800">{tc.statusSuspended}</span> : <span>{tc.statusActive}</span>;
}

export default function Console() {
  const t = useT();
  const tc = t.console;
  const { userName, q, page, more, since, rows } = useLoaderData<typeof loader>();
  const pageLink = (p: number) => `/admin?${new URLSearchParams({ ...(q ? { q } : {}), page: String(p) }).toString()}`;
  return (
    <ConsoleFrame userName={userName}>
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div>
          <h1 className="page-title">{tc.centres}</h1>
          <p className="mt-1 text-sm text-slate-600">{tc.subtitle}</p>
        </div>
        <Link to="/admin/centres/new" className="btn-primary">
          {tc.newCentre}
        </Link>
      </div>
      <Form method="get" className="flex flex-wrap items-end gap-2" role="search">
        <label className="min-w-0 flex-1 sm:max-w-md">
          <span className="label">{tc.search}</span>
          <input type="search" name="q" defaultValue={q} maxLength={100} className="input mt-1" />
        </label>
        <button type="submit" className="btn-secondary">
          {t.common.search}
        </button>
      </Form>
      {rows.length === 0 ? (
        <p className="card">{q ? fmt(tc.noneFound, { q }) : tc.none}</p>
      ) : (
        <section className="card">
          {/* Phones: one card per centre; wider screens: the table. */}
          <ul className="divide-y divide-slate-200 sm:hidden" data-testid="centre-usage-list">
            {rows.map((r) => (
              <li key={r.id} className="py-3 first:pt-0">
                <p className="font-medium">
                  <Link to={`/admin/centres/${r.slug}`}>{r.name}</Link>
                </p>
                <p className="text-sm text-slate-600">
                  <span className="font-mono">{r.slug}</span> · {tc.created} {formatDate(r.createdAt)} · <StatusText row={r} />
                </p>
                <dl className="mt-2 grid grid-cols-3 gap-2 text-sm">
                  <div>
                    <dt className="text-slate-600">{tc.members}</dt>
                    <dd className="font-semibold tabular-nums">{num(t, r.members)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{tc.active}</dt>
                    <dd className="font-semibold tabular-nums">{num(t, r.activeMembers)}</dd>
                  </div>
                  <div>
                    <dt className="text-slate-600">{tc.storage}</dt>
                    <dd className="font-semibold tabular-nums">{bytes(t, r.storageBytes)}</dd>
                  </div>
                </dl>
              </li>
            ))}
          </ul>
          <div className="hidden overflow-x-auto sm:block">
            <table className="data-table" data-testid="centre-usage">
              <thead>
                <tr>
                  <th scope="col">{tc.name}</th>
                  <th scope="col">{tc.slug}</th>
                  <th scope="col">{tc.created}</th>
                  <th scope="col">{tc.status}</th>
                  <th scope="col" className="text-right">
                    {tc.members}
                  </th>
                  <th scope="col" className="text-right">
                    {tc.active}
                  </th>
                  <th scope="col" className="text-right">
                    {tc.storage}
                  </th>
                </tr>
              </thead>
              <tbody>
                {rows.map((r) => (
                  <tr key={r.id} data-slug={r.slug}>
                    <th scope="row" className="font-medium">
                      <Link to={`/admin/centres/${r.slug}`}>{r.name}</Link>
                      <span className="block text-xs font-normal text-slate-500">{r.parentBody}</span>
                    </th>
                    <td className="font-mono text-sm">{r.slug}</td>
                    <td>{formatDate(r.createdAt)}</td>
                    <td>
                      <StatusText row={r} />
                    </td>
                    <td className="text-right tabular-nums">{num(t, r.members)}</td>
                    <td className="text-right tabular-nums">{num(t, r.activeMembers)}</td>
                    <td className="text-right tabular-nums">{bytes(t, r.storageBytes)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          <p className="mt-3 text-sm text-slate-600">{fmt(tc.usageNote, { date: formatDate(since) })}</p>
        </section>
      )}
      {page > 1 || more ? (
        <nav className="flex items-center gap-3" aria-label={fmt(t.common.page, { n: page })}>
          {page > 1 ? (
            <Link to={pageLink(page - 1)} className="btn-secondary">
              {t.common.previous}
            </Link>
          ) : null}
          <span className="text-sm text-slate-600">{fmt(t.common.page, { n: page })}</span>
          {more ? (
            <Link to={pageLink(page + 1)} className="btn-secondary">
              {t.common.next}
            </Link>
          ) : null}
        </nav>
      ) : null}
    </ConsoleFrame>
  );
}
