import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { errorText, fmt, useT } from "~/i18n";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { slotActionSchema, swapDecisionSchema, swapRequestSchema } from "~/modules/rosters/schema";
import {
  checkInShift,
  confirmShift,
  decideSwap,
  listRosters,
  myOpenSwapSlots,
  myShifts,
  pendingSwaps,
  requestSwap,
  shiftState,
  swapColleagues,
} from "~/modules/rosters/rosters.server";
import { vnDateOf } from "~/modules/tasks/rules";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { firstError } from "~/utils/reply";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { formatDate, formatDateTime } from "~/utils/time";
import { titled } from "~/i18n/meta";

export const meta = titled((t) => t.rosters.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const now = context.now();
  const manage = can(member.roles, "rosters.manage");
  const [rosters, shifts, swaps, colleagues, swapping] = await Promise.all([
    listRosters(context.db, member.org.id, manage),
    myShifts(context.db, member.org.id, member.membershipId, vnDateOf(now)),
    pendingSwaps(context.db, member.org.id, member.membershipId, manage),
    swapColleagues(context.db, member.org.id, member.membershipId),
    myOpenSwapSlots(context.db, member.org.id, member.membershipId),
  ]);
  return {
    rosters,
    shifts: shifts.map((s) => ({ ...s, state: shiftState(s, now), swapPending: swapping.includes(s.id) })),
    colleagues,
    swaps: swaps.map((w) => ({ ...w, mine: w.targetId === member.membershipId })),
    slug: member.org.slug,
    manage,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "rosters.view");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const ok = (key: NoticeKey, values?: NoticeValues) => succeeded(request, context, key, values);
  switch (intent) {
    case "confirm":
    case "checkIn":
      return handleForm(
        formData,
        slotActionSchema,
        async (v) => {
          if (v.intent === "confirm") return ok("shiftConfirmed", { date: formatDate((await confirmShift(context.db, ctx, v.slotId)).date) });
          const r = await checkInShift(context.db, ctx, v.slotId);
          return ok("shiftCheckedIn", { date: formatDate(r.date), time: formatDateTime(r.at).slice(11) });
        },
        { intent },
      );
    case "requestSwap":
      // "Đổi ca" beside one's own shift: the same request as on the roster's page, back to this list.
      return handleForm(
        formData,
        swapRequestSchema,
        async (v) => {
          const r = await requestSwap(context.db, ctx, v);
          return ok("swapRequested", { date: formatDate(r.date), name: r.targetName });
        },
        { intent },
      );
    case "acceptSwap":
    case "declineSwap":
    case "approveSwap":
    case "refuseSwap":
      return handleForm(
        formData,
        swapDecisionSchema,
        async (v) => {
          const r = await decideSwap(context.db, ctx, member.roles, v);
          const date = formatDate(r.date);
          const key = ({ acceptSwap: "swapAccepted", declineSwap: "swapDeclined", approveSwap: "swapApproved", refuseSwap: "swapRefused" } as const)[v.intent];
          return ok(key, { date, name: r.requesterName, from: r.requesterName, to: r.targetName });
        },
        { intent },
      );
    default:
      badRequest();
  }
}

const STATE_STYLE: Record<string, string> = {
  done: "bg-green-100 text-green-800",
  missed: "bg-red-100 text-red-800",
  open: "bg-amber-100 text-amber-900",
  upcoming: "bg-sky-100 text-sky-800",
  empty: "bg-slate-100 text-slate-700",
};

export default function Rosters() {
  const t = useT();
  const tr = t.rosters;
  const { rosters, shifts, swaps, colleagues, slug, manage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const error = firstError(actionData);
  const base = `/o/${slug}/rosters`;
  return (
    <div className="mx-auto max-w-5xl space-y-6">
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{tr.title}</h1>
        {manage ? (
          <Link to={`${base}/new`} className="btn-primary">
            {tr.new}
          </Link>
        ) : null}
      </div>
      {error ? (
        <p className="alert" role="alert">
          {errorText(t, error)}
        </p>
      ) : null}

      <section className="card">
        <h2 className="mb-3 font-semibold">{tr.mine}</h2>
        {shifts.length === 0 ? (
          <p className="text-sm text-slate-600">{tr.noMine}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {shifts.map((s) => (
              <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p className="font-medium">
                    {tr.weekdays[new Date(`${s.date}T00:00:00Z`).getUTCDay()]}, {formatDate(s.date)} · {s.start_time}–{s.end_time}
                  </p>
                  <p className="text-sm text-slate-600">
                    {tr.kind[s.kind]} · <Link to={`${base}/${s.rosterId}`}>{s.title}</Link>
                  </p>
                  {s.checked_in_at ? <p className="text-xs text-slate-500">{fmt(tr.checkedInAt, { time: formatDateTime(s.checked_in_at) })}</p> : null}
                </div>
                <div className="flex flex-wrap items-center gap-2">
                  <span className={`badge ${STATE_STYLE[s.state]}`}>{tr.state[s.state]}</span>
                  {s.confirmed_at ? <span className="badge bg-green-100 text-green-800">{tr.confirmed}</span> : null}
                  {!s.confirmed_at && (s.state === "upcoming" || s.state === "open") ? (
                    <Form method="post">
                      <input type="hidden" name="slotId" value={s.id} />
                      <button name="intent" value="confirm" className="btn-secondary">
                        {tr.confirm}
                      </button>
                    </Form>
                  ) : null}
                  {s.state === "open" ? (
                    <Form method="post">
                      <input type="hidden" name="slotId" value={s.id} />
                      <button name="intent" value="checkIn" className="btn-primary">
                        {tr.checkIn}
                      </button>
                    </Form>
                  ) : null}
                  {s.swapPending ? <span className="badge bg-amber-100 text-amber-900">{tr.swap.waiting}</span> : null}
                </div>
                {(s.state === "upcoming" || s.state === "open") && !s.swapPending ? (
                  // Opens without JavaScript (details/summary); the request goes to the colleague chosen.
                  <details className="w-full">
                    <summary className="btn-secondary inline-flex cursor-pointer list-none">{tr.swap.title}</summary>
                    <Form method="post" className="mt-2 grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-2">
                      <input type="hidden" name="intent" value="requestSwap" />
                      <input type="hidden" name="slotId" value={s.id} />
                      <div>
                        <label htmlFor={`swap-target-${s.id}`} className="label">
                          {tr.swap.target}
                        </label>
                        <select id={`swap-target-${s.id}`} name="targetId" required defaultValue="" className="input mt-1">
                          <option value="" disabled>
                            {tr.swap.choose}
                          </option>
                          {colleagues.map((c) => (
                            <option key={c.id} value={c.id}>
                              {c.name}
                            </option>
                          ))}
                        </select>
                      </div>
                      <div>
                        <label htmlFor={`swap-reason-${s.id}`} className="label">
                          {tr.swap.reason}
                        </label>
                        <input id={`swap-reason-${s.id}`} name="reason" maxLength={500} className="input mt-1" />
                      </div>
                      <button className="btn-primary w-fit">{tr.swap.send}</button>
                    </Form>
                  </details>
                ) : null}
              </li>
            ))}
          </ul>
        )}
      </section>

      {swaps.length ? (
        <section className="card">
          <h2 className="mb-3 font-semibold">{tr.swap.pending}</h2>
          <ul className="divide-y divide-slate-100">
            {swaps.map((w) => (
              <li key={w.id} className="flex flex-wrap items-center justify-between gap-3 py-3">
                <div>
                  <p>{fmt(tr.swap.line, { from: w.requesterName, to: w.targetName, date: formatDate(w.date) })}</p>
                  <p className="text-sm text-slate-600">
                    {w.title} · {tr.swap.status[w.status]}
                    {w.reason ? ` · ${w.reason}` : ""}
                  </p>
                </div>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="swapId" value={w.id} />
                  {w.status === "requested" && w.mine ? (
                    <>
                      <button name="intent" value="acceptSwap" className="btn-primary">
                        {tr.swap.accept}
                      </button>
                      <button name="intent" value="declineSwap" className="btn-secondary">
                        {tr.swap.decline}
                      </button>
                    </>
                  ) : null}
                  {w.status === "accepted" && manage ? (
                    <>
                      <button name="intent" value="approveSwap" className="btn-primary">
                        {tr.swap.approve}
                      </button>
                      <button name="intent" value="refuseSwap" className="btn-secondary">
                        {tr.swap.refuse}
                      </button>
                    </>
                  ) : null}
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card">
        <h2 className="mb-3 font-semibold">{tr.list}</h2>
        {rosters.length === 0 ? (
          <p className="text-sm text-slate-600">{tr.empty}</p>
        ) : (
          <ul className="divide-y divide-slate-100">
            {rosters.map((r) => (
              <li key={r.id} className="flex flex-wrap items-center justify-between gap-2 py-3">
                <div>
                  <Link to={`${base}/${r.id}`} className="font-medium">
                    {r.title}
                  </Link>
                  <p className="text-sm text-slate-600">
                    {formatDate(r.startDate)} – {formatDate(r.endDate)} · {fmt(tr.slotsSummary, { n: Number(r.slots ?? 0), empty: Number(r.empty ?? 0) })}
                  </p>
                </div>
                <span className={`badge ${r.status === "published" ? "bg-green-100 text-green-800" : ""}`}>{tr.status[r.status]}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
    </div>
  );
}
