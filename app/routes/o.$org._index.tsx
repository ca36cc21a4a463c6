import type { LoaderFunctionArgs } from "@remix-run/node";
import { Link, useLoaderData } from "@remix-run/react";
import { BarsChart } from "~/components/charts/BarsChart";
import { CentreTrend, PEOPLE_COLUMNS, PeopleMonthTable, type PeopleColumn } from "~/components/people/CentreFigures";
import { durationText } from "~/i18n/sections/attendance";
import { fmt, num, pct, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { inboxCounts } from "~/modules/inbox/inbox.server";
import { INBOX_KINDS } from "~/modules/inbox/kinds";
import { centreOverview } from "~/modules/org/overview.server";
import { centreDashboard, staffDashboard } from "~/modules/people/dashboard.server";
import { formatDate, formatDateTime, formatDeadline } from "~/utils/time";

export const meta = titled((t) => t.nav.overview);

const SORTABLE = PEOPLE_COLUMNS;
type SortKey = PeopleColumn;

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "centre.view");
  const now = context.now();
  const leader = can(member.roles, "dashboard.centre");
  const url = new URL(request.url);
  const sortParam = url.searchParams.get("sort") ?? "name";
  const sort: SortKey = (SORTABLE as readonly string[]).includes(sortParam) ? (sortParam as SortKey) : "name";
  const dir: "asc" | "desc" = url.searchParams.get("dir") === "desc" ? "desc" : "asc";
  const [overview, centre, mine, waiting] = await Promise.all([
    centreOverview(context.db, member.org.id, member.membershipId, can(member.roles, "audit.view")),
    leader ? centreDashboard(context.db, member.org.id, member.membershipId, now) : Promise.resolve(null),
    staffDashboard(context.db, member.org.id, member.membershipId, now),
    inboxCounts(context.db, { orgId: member.org.id, membershipId: member.membershipId, roles: member.roles }),
  ]);
  if (centre) {
    centre.people.sort((a, b) => {
      const x = a[sort];
      const y = b[sort];
      const cmp = typeof x === "string" ? x.localeCompare(String(y), "vi") : (x ?? -1) - ((y as number | null) ?? -1);
      return dir === "asc" ? cmp : -cmp;
    });
  }
  // Admins see the centre's figures but do not open tasks: no links to where they would be refused.
  const openTasks = can(member.roles, "tasks.viewAll");
  return { overview, centre, mine, waiting, openTasks, sort, dir, roles: member.roles, fullName: member.user.full_name, slug: member.org.slug, orgName: member.org.name, me: member.membershipId };
}

function Tile({ label, value, previous }: { label: string; value: number | null; previous: number | null }) {
  const all = useT();
  const t = all.people.dash;
  const diff = value !== null && previous !== null ? value - previous : null;
  return (
    <div className="card">
      <p className="text-sm text-slate-600">{label}</p>
      <p className="text-3xl font-bold text-brand-800 tabular-nums">{pct(all, value)}</p>
      <p className={`text-xs ${diff === null ? "text-slate-500" : diff >= 0 ? "text-green-700" : "text-red-700"}`}>
        {diff === null ? t.noChange : fmt(t.change, { n: num(all, diff, { signed: true, maxDecimals: 1 }) })}
      </p>
    </div>
  );
}

/**
 * A dashboard card's heading — the title alone, so the heading reads as what it is — with its count
 * and its "Xem tất cả" link beside it; the link's name says what it shows ("Xem tất cả: Quá hạn").
 */
function CardHead({ title, count, href }: { title: string; count: number; href: string | null }) {
  const t = useT().people.dash;
  return (
    <div className="mb-2 flex flex-wrap items-center justify-between gap-2">
      <h2 className="font-semibold">{title}</h2>
      <span className="flex items-center gap-2">
        <span className="badge tabular-nums">{count}</span>
        {href ? (
          <Link to={href} className="text-sm">
            {t.all}
            <span className="sr-only">: {title}</span>
          </Link>
        ) : null}
      </span>
    </div>
  );
}

export default function Dashboard() {
  const t = useT();
  const tp = t.people;
  const { overview, centre, mine, waiting, openTasks, sort, dir, roles, fullName, slug, orgName, me } = useLoaderData<typeof loader>();
  const sortLink = (key: SortKey) => `?sort=${key}&dir=${sort === key && dir === "asc" ? "desc" : "asc"}`;
  const monthLabel = (m: string) => `${m.slice(5)}/${m.slice(0, 4)}`;
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="page-title">{fmt(t.overview.greeting, { name: fullName })}</h1>
        <p className="mt-1 text-slate-600">{orgName}</p>
      </div>

      <section className="card" aria-labelledby="dash-inbox" data-testid="dash-inbox">
        <div className="flex flex-wrap items-baseline justify-between gap-2">
          <h2 id="dash-inbox" className="font-semibold">
            {t.inbox.title}
          </h2>
          {waiting.total > 0 ? <span className="badge bg-amber-100 text-amber-900">{fmt(t.inbox.count, { n: waiting.total })}</span> : null}
        </div>
        {waiting.total === 0 ? (
          <p className="mt-1 text-sm text-slate-600">{t.inbox.empty}</p>
        ) : (
          <ul className="mt-2 grid gap-x-6 gap-y-1 text-sm sm:grid-cols-2">
            {INBOX_KINDS.filter((k) => waiting[k] > 0).map((k) => (
              <li key={k} className="flex justify-between gap-3">
                <Link to={`/o/${slug}/inbox#${k}`}>{t.inbox.kinds[k]}</Link>
                <span className="font-semibold tabular-nums" data-testid={`dash-inbox-${k}`}>
                  {waiting[k]}
                </span>
              </li>
            ))}
          </ul>
        )}
      </section>

      <section className="grid gap-4 md:grid-cols-2">
        <div className="card">
          <h2 className="font-semibold">{tp.mine.title}</h2>
          <p className="mt-2 text-sm">
            <span className="font-medium">{tp.mine.checkIn}: </span>
            {mine.todayStatus?.checkIn
              ? `${formatDateTime(mine.todayStatus.checkIn).slice(11)}${mine.todayStatus.lateMinutes ? ` · ${fmt(t.attendance.late, { n: durationText(t, mine.todayStatus.lateMinutes) })}` : ""}`
              : mine.todayStatus?.working
                ? tp.mine.notYet
                : t.attendance.state.off}{" "}
            <Link to={`/o/${slug}/attendance`}>{t.nav.attendance}</Link>
          </p>
          <p className="mt-1 text-sm">
            <span className="font-medium">{tp.mine.nextShift}: </span>
            {mine.nextShift ? (
              <Link to={`/o/${slug}/rosters/${mine.nextShift.rosterId}`}>
                {formatDate(mine.nextShift.date)} · {t.rosters.kind[mine.nextShift.kind]}
              </Link>
            ) : (
              tp.duty.none
            )}
          </p>
          <p className="mt-1 text-sm">
            <span className="font-medium">{tp.mine.findings}: </span>
            <Link to={`/o/${slug}/inspections`}>{mine.openFindings}</Link>
            {mine.overdueFindings ? <span className="text-red-700"> ({fmt(tp.dash.overdueFindings, { n: mine.overdueFindings })})</span> : null}
          </p>
          <p className="mt-1 text-sm">
            <span className="font-medium">{tp.mine.evaluation}: </span>
            <Link to={`/o/${slug}/evaluations/${me}?period=${mine.evaluation.month}`}>
              {t.evaluations.status[mine.evaluation.status]}
              {mine.evaluation.band ? ` · ${t.evaluations.bands[mine.evaluation.band]}` : ""}
            </Link>
          </p>
          <h3 className="mt-3 text-sm font-medium text-slate-600">{tp.mine.dueSoon}</h3>
          {mine.tasks.length ? (
            <ul className="mt-1 space-y-1 text-sm">
              {mine.tasks.map((task) => (
                <li key={task.id} className="flex flex-wrap items-center justify-between gap-2">
                  <Link to={`/o/${slug}/tasks/${task.id}`}>{task.title}</Link>
                  <span className={task.overdue ? "text-red-700" : "text-slate-600"}>
                    {formatDeadline(task.deadlineDate, task.deadlineTime)}
                    {task.state === "submittedOnTime" || task.state === "submittedLate" ? ` · ${t.tasks.deadlineState[task.state]}` : ""}
                  </span>
                </li>
              ))}
            </ul>
          ) : (
            <p className="text-sm text-slate-600">{t.tasks.empty}</p>
          )}
          <p className="mt-3">
            <Link to={`/o/${slug}/people/${me}`} className="btn-secondary">
              {tp.mine.open}
            </Link>
          </p>
        </div>
        <div className="card">
          <h2 className="text-sm font-medium text-slate-600">{t.overview.yourPosition}</h2>
          <p className="mt-1 text-lg font-semibold">{overview.mine.positionName ?? t.overview.noPosition}</p>
          {overview.mine.counter ? <p className="text-sm text-slate-600">{overview.mine.counter}</p> : null}
          <p className="mt-2 flex flex-wrap gap-1">
            {roles.map((r) => (
              <span key={r} className="badge">
                {t.roles[r]}
              </span>
            ))}
          </p>
          {overview.mine.duties ? <p className="mt-2 whitespace-pre-line text-sm text-slate-800">{overview.mine.duties}</p> : null}
        </div>
      </section>

      {centre ? (
        <>
          <section className="card">
            <h2 className="mb-2 font-semibold">
              {tp.dash.today} — {formatDate(centre.today)}
            </h2>
            <dl className="grid grid-cols-3 gap-2 text-center sm:grid-cols-6">
              {(
                [
                  [tp.dash.present, centre.board.present.length + centre.board.late.length],
                  [tp.dash.late, centre.board.late.length],
                  [tp.dash.pending, centre.board.pending.length],
                  [tp.dash.absent, centre.board.absent.length],
                  [tp.dash.leave, centre.board.leave.length + centre.board.business.length],
                  [tp.dash.duty, centre.board.duty.length],
                ] as const
              ).map(([label, n]) => (
                <div key={label} className="rounded-md border border-slate-100 p-2">
                  <dt className="text-xs text-slate-600">{label}</dt>
                  <dd className="text-2xl font-semibold tabular-nums">
                    <Link to={`/o/${slug}/attendance`}>{n}</Link>
                  </dd>
                </div>
              ))}
            </dl>
          </section>

          <section className="grid gap-4 md:grid-cols-2 xl:grid-cols-4">
            {(
              [
                [tp.dash.overdue, centre.overdue, `/o/${slug}/tasks?tab=all&overdue=1`],
                [tp.dash.dueWeek, centre.dueWeek, `/o/${slug}/tasks?tab=all&week=1`],
                [tp.dash.waiting, centre.waiting, `/o/${slug}/tasks?tab=approval`],
              ] as const
            ).map(([title, list, href]) => (
              <div key={title} className="card">
                <CardHead title={title} count={list.length} href={openTasks ? href : null} />
                {list.length ? (
                  <ul className="space-y-2 text-sm">
                    {list.slice(0, 5).map((task) => (
                      <li key={task.id}>
                        {openTasks ? <Link to={`/o/${slug}/tasks/${task.id}`}>{task.title}</Link> : <span>{task.title}</span>}
                        <span className="block text-xs text-slate-600">
                          {task.assigneeName ?? "—"} · {formatDeadline(task.deadlineDate, task.deadlineTime)}
                        </span>
                      </li>
                    ))}
                  </ul>
                ) : (
                  <p className="text-sm text-slate-600">{tp.dash.none}</p>
                )}
              </div>
            ))}
            <div className="card">
              <CardHead title={tp.dash.openFindings} count={centre.actions.open} href={`/o/${slug}/inspections`} />
              <p className="text-sm">
                {centre.actions.overdue ? <span className="font-medium text-red-700">{fmt(tp.dash.overdueFindings, { n: centre.actions.overdue })}</span> : tp.dash.none}
              </p>
            </div>
          </section>

          <section>
            <h2 className="mb-2 font-semibold">{fmt(tp.dash.tiles, { month: monthLabel(centre.month) })}</h2>
            <div className="grid grid-cols-2 gap-4 lg:grid-cols-4">
              <Tile label={tp.dash.onTimeRate} value={centre.current.onTimeRate} previous={centre.previous.onTimeRate} />
              <Tile label={tp.dash.punctuality} value={centre.current.punctuality} previous={centre.previous.punctuality} />
              <Tile label={tp.dash.dutyCompliance} value={centre.current.dutyCompliance} previous={centre.previous.dutyCompliance} />
              <Tile label={tp.dash.inspectionPass} value={centre.current.inspectionPass} previous={centre.previous.inspectionPass} />
            </div>
          </section>

          <section className="card">
            <h2 className="mb-2 font-semibold">{tp.trends.title}</h2>
            <CentreTrend trend={centre.trend} />
          </section>

          <section className="card">
            <h2 className="mb-2 font-semibold">{tp.dash.findingsByItem}</h2>
            <BarsChart
              data={centre.findingsByItem.map((f) => ({ label: f.code, value: f.count, title: f.text }))}
              caption={tp.dash.findingsByItem}
              labelHeader={t.inspections.title}
              valueHeader={tp.dash.cols.findings}
            />
          </section>

          <section className="card">
            <h2 className="mb-2 font-semibold">{fmt(tp.dash.comparison, { month: monthLabel(centre.month) })}</h2>
            <PeopleMonthTable people={centre.people} sorting={{ sort, dir, href: sortLink }} personHref={(id) => `/o/${slug}/people/${id}`} />
          </section>
        </>
      ) : null}

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
