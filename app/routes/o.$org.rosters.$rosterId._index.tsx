import { data, type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { errorText, fmt, num, useT } from "~/i18n";
import { getSchedule } from "~/modules/calendar/schedule.server";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { groupByDate, lunarLabel } from "~/modules/rosters/days";
import { autoFillRoster, publishRoster, requestSwap, rosterPage, saveSlots, shiftState } from "~/modules/rosters/rosters.server";
import { swapRequestSchema } from "~/modules/rosters/schema";
import { badRequest, FieldError, notFound } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { firstError } from "~/utils/reply";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { formatDate, formatDateTime } from "~/utils/time";
import { metaMessages } from "~/i18n/meta";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  return [{ title: `${data?.roster.title ?? t.rosters.title} — ${t.app.name}` }];
};

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const manage = can(member.roles, "rosters.manage");
  const page = await rosterPage(context.db, member.org.id, params.rosterId!);
  if (page.roster.status === "draft" && !manage) notFound();
  const now = context.now();
  const settings = (await getSchedule(context.db, member.org.id, page.roster.start_date)).settings;
  const names = new Map(page.candidates.map((c) => [c.membershipId, c.name]));
  return {
    roster: page.roster,
    days: groupByDate(page.slots.map((s) => ({ ...s, state: shiftState(s, now) }))).map((d) => ({ ...d, lunar: lunarLabel(d.date) })),
    candidates: page.candidates.filter((c) => c.active).map((c) => ({ id: c.membershipId, name: c.name, kinds: c.kinds })),
    conflicts: page.conflicts.map((c) => ({ ...c, name: names.get(c.membershipId) ?? "" })),
    totals: page.totals,
    swaps: page.swaps,
    changes: page.changes,
    weights: { holiday: settings.holidayWeight, weekend: settings.weekendWeight },
    me: member.membershipId,
    manage,
    slug: member.org.slug,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const ctx = ctxOf(member, context);
  const rosterId = params.rosterId!;
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const version = Number(formData.get("version"));
  const ok = (key: NoticeKey, values?: NoticeValues) => succeeded(request, context, key, values);
  const refused = (key: string) => data({ result: undefined, intent, error: key }, { status: 400 });
  const guarded = async (fn: () => Promise<Response>) => {
    try {
      return await fn();
    } catch (err) {
      if (err instanceof FieldError) return refused(err.key);
      throw err;
    }
  };
  switch (intent) {
    case "save": {
      requirePermission(member, "rosters.manage");
      // Each picker comes with the value the page showed ("was."): only the slots the director
      // changed are written, and each must still hold what was shown (see saveSlots).
      const changes = new Map<string, { to: string | null; was: string | null }>();
      for (const [k, v] of formData) {
        if (!k.startsWith("slot.")) continue;
        const slotId = k.slice(5);
        const to = String(v) || null;
        const was = formData.has(`was.${slotId}`) ? String(formData.get(`was.${slotId}`)) || null : to;
        if (to !== was) changes.set(slotId, { to, was });
      }
      return guarded(async () => {
        const { changed } = await saveSlots(context.db, ctx, rosterId, version, changes);
        return changed ? ok("rosterSaved", { n: changed }) : ok("rosterSavedNothing");
      });
    }
    case "autoFill":
      requirePermission(member, "rosters.manage");
      return guarded(async () => {
        const r = await autoFillRoster(context.db, ctx, rosterId, version);
        return r.unfilled ? ok("rosterAutoFilledGaps", { filled: r.filled, n: r.unfilled }) : ok("rosterAutoFilled", { filled: r.filled });
      });
    case "publish":
      requirePermission(member, "rosters.manage");
      // Publishing cannot be undone: the form asks for a tick first (also without JavaScript).
      if (formData.get("confirm") !== "on") return refused("confirmPublish");
      return guarded(async () => {
        const r = await publishRoster(context.db, ctx, rosterId, version);
        return ok("rosterPublished", { title: r.title, n: r.notified });
      });
    case "requestSwap":
      return handleForm(
        formData,
        swapRequestSchema,
        async (v) => {
          const r = await requestSwap(context.db, ctx, v);
          return ok("swapRequested", { date: formatDate(r.date), name: r.targetName });
        },
        { intent },
      );
    default:
      badRequest();
  }
}

const STATE_STYLE: Record<string, string> = {
  done: "text-green-700",
  missed: "text-red-700 font-medium",
  open: "text-amber-800",
  upcoming: "text-slate-500",
  empty: "text-slate-500",
};

export default function RosterPage() {
  const t = useT();
  const tr = t.rosters;
  const { roster, days, candidates, conflicts, totals, swaps, changes, weights, me, manage, slug } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = firstError(actionData);
  const editable = manage;
  const weekday = (d: string) => tr.weekdays[new Date(`${d}T00:00:00Z`).getUTCDay()];
  const colleagues = candidates.filter((c) => c.id !== me);
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <p>
        <Link to={`/o/${slug}/rosters`}>← {tr.title}</Link>
      </p>
      <div className="flex flex-wrap items-start justify-between gap-3">
        <div>
          <h1 className="page-title">{roster.title}</h1>
          <p className="mt-1 text-slate-600">
            {formatDate(roster.start_date)} – {formatDate(roster.end_date)} ·{" "}
            <span className={`badge ${roster.status === "published" ? "bg-green-100 text-green-800" : ""}`}>{tr.status[roster.status]}</span>
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link to={`/o/${slug}/rosters/${roster.id}/print`} className="btn-secondary">
            {tr.print}
          </Link>
          <a href={`/o/${slug}/rosters/${roster.id}/export.xlsx`} className="btn-secondary" download>
            {tr.export}
          </a>
        </div>
      </div>
      {error ? (
        <p className="alert" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}

      {conflicts.length ? (
        <section className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm text-amber-900" role="status">
          <h2 className="font-semibold">{tr.conflicts}</h2>
          <ul className="mt-1 list-disc pl-5">
            {conflicts.map((c) => (
              <li key={`${c.slotId}-${c.kind}`}>{fmt(tr.conflict[c.kind], { name: c.name, date: formatDate(c.date), roster: c.other ?? "" })}</li>
            ))}
          </ul>
        </section>
      ) : null}

      {editable && roster.status === "draft" ? (
        <section className="card flex flex-wrap items-center justify-between gap-3">
          <p className="max-w-2xl text-sm text-slate-700">{tr.autoFillHint}</p>
          <div className="flex flex-wrap gap-2">
            <Form method="post">
              <input type="hidden" name="version" value={roster.version} />
              <button name="intent" value="autoFill" className="btn-primary">
                {tr.autoFill}
              </button>
            </Form>
            <Form method="post" className="flex flex-wrap items-center gap-2 rounded-md border border-slate-200 p-2">
              <input type="hidden" name="version" value={roster.version} />
              <label className="flex max-w-xs items-start gap-2 text-sm">
                <input type="checkbox" name="confirm" required className="mt-0.5 h-4 w-4" aria-describedby="publish-hint" />
                <span>{tr.publishConfirm}</span>
              </label>
              <button name="intent" value="publish" className="btn-secondary">
                {tr.publish}
              </button>
              <p id="publish-hint" className="hint w-full">
                {tr.publishHint}
              </p>
            </Form>
          </div>
        </section>
      ) : null}

      {/* Keyed by the version: after any change (auto-assignment, a save, a swap) the pickers are
          rebuilt from what was stored instead of keeping the values they were first rendered with. */}
      <Form method="post" className="space-y-3" key={roster.version}>
        <input type="hidden" name="version" value={roster.version} />
        <ul className="divide-y divide-slate-100 rounded-lg border border-slate-200 bg-white">
          {days.map((d) => (
            <li key={d.date} className="grid gap-2 p-3 md:grid-cols-[9rem_1fr]">
              <p className="flex flex-wrap items-baseline gap-x-2 md:block">
                <span className="font-medium">{weekday(d.date)}</span>
                <span className="md:block">{formatDate(d.date)}</span>
                <span className="text-xs text-slate-500 md:block">{`${tr.lunar}: ${d.lunar}`}</span>
              </p>
              <ul className="grid gap-2 sm:grid-cols-2 lg:grid-cols-3">
                {d.slots.map((s) => (
                  <li key={s.id} className="rounded-md border border-slate-100 p-2">
                    <span className="block text-xs font-medium text-slate-600">
                      {tr.kind[s.kind]} · {s.start_time}–{s.end_time}
                    </span>
                    {editable ? (
                      <>
                        <label htmlFor={`slot-${s.id}`} className="sr-only">
                          {tr.kind[s.kind]} {formatDate(d.date)}
                        </label>
                        <input type="hidden" name={`was.${s.id}`} value={s.membership_id ?? ""} />
                        <select id={`slot-${s.id}`} name={`slot.${s.id}`} defaultValue={s.membership_id ?? ""} className="input mt-1 py-1 text-sm">
                          <option value="">{tr.unassigned}</option>
                          {candidates
                            .filter((c) => c.kinds.includes(s.kind) || c.id === s.membership_id)
                            .map((c) => (
                              <option key={c.id} value={c.id}>
                                {c.name}
                              </option>
                            ))}
                        </select>
                      </>
                    ) : (
                      <span className="block">{s.name ?? tr.unassigned}</span>
                    )}
                    {roster.status === "published" && s.membership_id ? (
                      <span className={`block text-xs ${STATE_STYLE[s.state]}`}>
                        {tr.state[s.state]}
                        {s.confirmed_at ? ` · ${tr.confirmed}` : ""}
                      </span>
                    ) : null}
                  </li>
                ))}
              </ul>
            </li>
          ))}
        </ul>
        {editable ? (
          <button name="intent" value="save" className="btn-primary">
            {tr.saveSlots}
          </button>
        ) : null}
      </Form>

      {roster.status === "published" && days.some((d) => d.slots.some((s) => s.membership_id === me && (s.state === "upcoming" || s.state === "open"))) ? (
        <section className="card max-w-2xl">
          <h2 className="mb-2 font-semibold">{tr.swap.request}</h2>
          <Form method="post" className="grid gap-3 sm:grid-cols-2">
            <input type="hidden" name="intent" value="requestSwap" />
            <div>
              <label htmlFor="swap-slot" className="label">
                {tr.shift}
              </label>
              <select id="swap-slot" name="slotId" className="input mt-1">
                {days.flatMap((d) =>
                  d.slots
                    .filter((s) => s.membership_id === me && (s.state === "upcoming" || s.state === "open"))
                    .map((s) => (
                      <option key={s.id} value={s.id}>
                        {formatDate(d.date)} · {tr.kind[s.kind]}
                      </option>
                    )),
                )}
              </select>
            </div>
            <div>
              <label htmlFor="swap-target" className="label">
                {tr.swap.target}
              </label>
              <select id="swap-target" name="targetId" className="input mt-1">
                {colleagues.map((c) => (
                  <option key={c.id} value={c.id}>
                    {c.name}
                  </option>
                ))}
              </select>
            </div>
            <div className="sm:col-span-2">
              <label htmlFor="swap-reason" className="label">
                {tr.swap.reason}
              </label>
              <input id="swap-reason" name="reason" className="input mt-1" />
            </div>
            <button className="btn-secondary w-fit">{tr.swap.send}</button>
          </Form>
        </section>
      ) : null}

      <div className="grid gap-4 lg:grid-cols-2">
        <section className="card">
          <h2 className="font-semibold">{fmt(tr.fairness, { year: roster.start_date.slice(0, 4) })}</h2>
          <p className="hint">{fmt(tr.fairnessHint, { holiday: num(t, weights.holiday), weekend: num(t, weights.weekend) })}</p>
          <div className="mt-2 overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{tr.fairnessCols.name}</th>
                  <th scope="col" className="text-right">{tr.fairnessCols.prior}</th>
                  <th scope="col" className="text-right">{tr.fairnessCols.here}</th>
                  <th scope="col" className="text-right">{tr.fairnessCols.shifts}</th>
                  <th scope="col" className="text-right">{tr.fairnessCols.year}</th>
                </tr>
              </thead>
              <tbody>
                {totals.map((x) => (
                  <tr key={x.membershipId}>
                    <td>{x.name}</td>
                    <td className="text-right tabular-nums">{num(t, x.prior)}</td>
                    <td className="text-right tabular-nums">{num(t, x.here)}</td>
                    <td className="text-right tabular-nums">{num(t, x.shifts)}</td>
                    <td className="text-right font-medium tabular-nums">{num(t, x.year)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        </section>
        <div className="space-y-4">
          <section className="card">
            <h2 className="mb-2 font-semibold">{tr.swap.title}</h2>
            {swaps.length === 0 ? (
              <p className="text-sm text-slate-600">{tr.swap.none}</p>
            ) : (
              <ul className="space-y-1 text-sm">
                {swaps.map((w) => (
                  <li key={w.id}>
                    {fmt(tr.swap.line, { from: w.requesterName, to: w.targetName, date: formatDate(w.date) })} —{" "}
                    <span className="text-slate-600">{tr.swap.status[w.status]}</span>
                  </li>
                ))}
              </ul>
            )}
          </section>
          {changes.length ? (
            <section className="card">
              <h2 className="mb-2 font-semibold">{tr.changes}</h2>
              <ul className="space-y-1 text-sm">
                {changes.map((c) => (
                  <li key={c.id}>
                    <span className="font-medium">{c.actorName ?? "—"}</span>{" "}
                    {fmt(tr.change[c.kind], { date: c.date ? formatDate(c.date) : "", from: c.fromName ?? "—", to: c.toName ?? "—" })}
                    <span className="block text-xs text-slate-500">{formatDateTime(c.createdAt)}</span>
                  </li>
                ))}
              </ul>
            </section>
          ) : null}
        </div>
      </div>
    </div>
  );
}
