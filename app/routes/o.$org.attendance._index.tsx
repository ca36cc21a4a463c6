import { getFormProps, getInputProps, getSelectProps, useForm } from "~/utils/form-fields";
import { data, type ActionFunctionArgs, type AppLoadContext, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData, type ShouldRevalidateFunction } from "@remix-run/react";
import { Notice } from "~/components/Notice";
import { Field, FormErrors } from "~/components/Field";
import { errorText, fmt, useT } from "~/i18n";
import { durationText } from "~/i18n/sections/attendance";
import { titled } from "~/i18n/meta";
import {
  board,
  checkIn,
  checkOut,
  decideCorrection,
  myAttendance,
  pendingCorrections,
  requestCorrection,
  saveNetworks,
  undoCheckOut,
} from "~/modules/attendance/attendance.server";
import { correctionDecisionSchema, correctionSchema, networksSchema, punchSchema, undoCheckOutSchema } from "~/modules/attendance/schema";
import { ctxOf, requireMember, requirePermission, type Member } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import type { LeaveKind } from "~/modules/leave/rules";
import { vnDateOf } from "~/utils/dates";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { settled, succeeded } from "~/utils/notice.server";
import { isSettled } from "~/utils/revalidate";
import { firstError, replyIntent } from "~/utils/reply";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { dateParam, formatDate, formatDateTime } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.attendance.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "attendance.checkIn");
  return attendancePage(request, context, member);
}

/** What the page shows now: the loader's data, and a settled check-in's (one round trip with JavaScript). */
async function attendancePage(request: Request, context: AppLoadContext, member: Member) {
  const now = context.now();
  const boardDate = dateParam(new URL(request.url).searchParams, "date", vnDateOf(now));
  const showBoard = can(member.roles, "attendance.board");
  const decide = can(member.roles, "attendance.decide");
  const settings = can(member.roles, "attendance.settings");
  const [mine, todayBoard, corrections, networks] = await Promise.all([
    myAttendance(context.db, member.org.id, member.membershipId, now),
    showBoard ? board(context.db, member.org.id, boardDate, now) : Promise.resolve(null),
    decide ? pendingCorrections(context.db, member.org.id) : Promise.resolve([]),
    settings
      ? context.db.selectFrom("org_settings").select("allowed_networks").where("org_id", "=", member.org.id).executeTakeFirst()
      : Promise.resolve(undefined),
  ]);
  return {
    mine,
    board: todayBoard,
    boardDate,
    corrections,
    networks: settings ? (networks?.allowed_networks ?? "") : null,
    slug: member.org.slug,
    canTimesheet: can(member.roles, "attendance.timesheet"),
  };
}

/**
 * After a check-in, a check-out or its undo, nothing loads again when the action settled the page
 * (JavaScript): it sent what the page shows now. After any other form, this page's data loads
 * again, even when the form was refused (Remix would skip it), so that it never falls back to data
 * older than a settled check-in's.
 */
export const shouldRevalidate: ShouldRevalidateFunction = ({ actionResult, formMethod, defaultShouldRevalidate }) => {
  if (isSettled(actionResult)) return false;
  if (formMethod && formMethod.toUpperCase() !== "GET") return true;
  return defaultShouldRevalidate;
};

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "attendance.checkIn");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const opts = { intent };
  const ok = (key: NoticeKey, values?: NoticeValues) => succeeded(request, context, key, values);
  // A punch settles the page with JavaScript: its answer is the page's new state (decision 0037).
  const punched = (key: NoticeKey, values: NoticeValues) => settled(request, context, member.user.locale, key, values, () => attendancePage(request, context, member));
  const clock = (d: Date | string) => formatDateTime(d).slice(11);
  switch (intent) {
    case "checkIn":
      return handleForm(formData, punchSchema, async () => (await checkIn(context.db, ctx, context.clientIp), punched("checkedIn", { time: clock(ctx.now) })), opts);
    case "checkOut":
      return handleForm(
        formData,
        punchSchema,
        async (v) => {
          const out = await checkOut(context.db, ctx, context.clientIp, { confirmed: v.confirmed === "1" });
          // An early check-out is recorded only once confirmed: the page asks first (also without JavaScript).
          if (out.status === "confirm") return data({ result: undefined, intent, confirmEarly: out.earlyMinutes });
          return punched("checkedOut", { time: clock(out.at) });
        },
        opts,
      );
    case "undoCheckOut":
      return handleForm(formData, undoCheckOutSchema, async (v) => (await undoCheckOut(context.db, ctx, v.recordId), punched("checkOutUndone", { time: clock(ctx.now) })), opts);
    case "requestCorrection":
      return handleForm(formData, correctionSchema, async (v) => (await requestCorrection(context.db, ctx, v), ok("correctionRequested", { date: formatDate(v.date) })), opts);
    case "approveCorrection":
    case "refuseCorrection":
      requirePermission(member, "attendance.decide");
      return handleForm(
        formData,
        correctionDecisionSchema,
        async (v) => {
          const approve = v.intent === "approveCorrection";
          const r = await decideCorrection(context.db, ctx, { correctionId: v.correctionId, approve, note: v.note });
          return ok(approve ? "correctionApproved" : "correctionRefused", { name: r.name, date: formatDate(r.date) });
        },
        opts,
      );
    case "networks":
      requirePermission(member, "attendance.settings");
      return handleForm(
        formData,
        networksSchema,
        async (v) => {
          await saveNetworks(context.db, ctx, v.networks ?? "");
          const n = (v.networks ?? "").split(/[\s,]+/).filter(Boolean).length;
          return n ? ok("networksSaved", { n }) : ok("networksCleared");
        },
        opts,
      );
    default:
      badRequest();
  }
}

const STATE_STYLE: Record<string, string> = {
  present: "bg-green-100 text-green-800",
  absent: "bg-red-100 text-red-800",
  pending: "bg-amber-100 text-amber-900",
  leave: "bg-sky-100 text-sky-800",
  off: "bg-slate-100 text-slate-600",
  future: "bg-slate-100 text-slate-600",
};
const time = (iso: string | null) => (iso ? formatDateTime(iso).slice(11) : "—");

export default function Attendance() {
  const t = useT();
  const ta = t.attendance;
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  // A settled check-in (JavaScript) brought the page's state with it: nothing else was loaded.
  const punch = actionData && "settled" in actionData ? actionData : null;
  const view: typeof loaded = punch ? punch.state : loaded;
  const { mine, board: b, boardDate, corrections, networks, slug, canTimesheet } = view;
  const punchError = ["checkIn", "checkOut", "undoCheckOut"].includes(replyIntent(actionData) ?? "") ? firstError(actionData) : undefined;
  const confirmEarly = actionData && "confirmEarly" in actionData && mine.next === "checkOut" ? Number(actionData.confirmEarly) : null;
  const decisionError = ["approveCorrection", "refuseCorrection"].includes(replyIntent(actionData) ?? "") ? firstError(actionData) : undefined;
  const today = mine.todayStatus;
  const [corrForm, corrFields] = useForm({
    id: "correction",
    lastResult: actionData?.intent === "requestCorrection" ? actionData.result : undefined,
    defaultValue: { date: mine.today, session: "day", checkInTime: "", checkOutTime: "", reason: "" },
    shouldRevalidate: "onSubmit",
  });
  const [netForm, netFields] = useForm({
    id: "networks",
    lastResult: actionData?.intent === "networks" ? actionData.result : undefined,
    defaultValue: { networks: networks ?? "" },
    shouldRevalidate: "onSubmit",
  });
  const statusText = (d: typeof today) =>
    [
      d.leave ? ta.leaveKinds[d.leave.kind] : ta.state[d.state],
      d.lateMinutes ? fmt(ta.late, { n: durationText(t, d.lateMinutes) }) : null,
      d.earlyMinutes ? fmt(ta.early, { n: durationText(t, d.earlyMinutes) }) : null,
      d.onDuty ? ta.onDuty : null,
      d.corrected ? ta.corrected : null,
    ]
      .filter(Boolean)
      .join(" · ");
  const group = (title: string, rows: { membershipId: string; name: string; lateMinutes: number; leave: { kind: LeaveKind } | null }[], extra?: (r: (typeof rows)[number]) => string) => (
    <div>
      <h3 className="text-sm font-medium text-slate-600">
        {title} <span className="badge">{rows.length}</span>
      </h3>
      <p className="mt-1 text-sm">{rows.length ? rows.map((r) => r.name + (extra ? ` (${extra(r)})` : "")).join(", ") : ta.board.none}</p>
    </div>
  );

  return (
    <div className="mx-auto max-w-5xl space-y-6">
      {punch ? <Notice notice={punch.notice} /> : null}
      <div className="flex flex-wrap items-center justify-between gap-3">
        <h1 className="page-title">{ta.title}</h1>
        {canTimesheet ? (
          <Link to={`/o/${slug}/attendance/timesheet`} className="btn-secondary">
            {ta.timesheet}
          </Link>
        ) : null}
      </div>

      <section className="card text-center">
        <p className="text-slate-600">{fmt(ta.today, { date: formatDate(mine.today) })}</p>
        <p className="mt-1">
          <span className={`badge text-sm ${STATE_STYLE[today.state] ?? ""}`} data-testid="today-status">
            {statusText(today)}
          </span>
        </p>
        {punchError ? (
          <p className="alert mt-3" role="alert">
            {errorText(t, punchError)}
          </p>
        ) : null}
        {today.checkIn ? <p className="mt-2 text-sm">{fmt(ta.checkedIn, { time: time(today.checkIn) })}</p> : null}
        {today.checkOut ? <p className="text-sm">{fmt(ta.checkedOut, { time: time(today.checkOut) })}</p> : null}
        {confirmEarly !== null ? (
          // An early check-out waits for this confirmation; nothing is recorded yet.
          <div className="mx-auto mt-4 max-w-sm rounded-md border border-amber-300 bg-amber-50 p-3 text-amber-900" role="alert">
            <p className="font-medium">{fmt(ta.confirmEarly, { duration: durationText(t, confirmEarly) })}</p>
            <div className="mt-3 flex flex-wrap justify-center gap-2">
              <Form method="post">
                <input type="hidden" name="confirmed" value="1" />
                <button type="submit" name="intent" value="checkOut" className="btn-primary">
                  {ta.confirmCheckOut}
                </button>
              </Form>
              <Link to="." className="btn-secondary">
                {ta.notNow}
              </Link>
            </div>
          </div>
        ) : mine.next === "checkIn" ? (
          <Form method="post" className="mt-4">
            <button type="submit" name="intent" value="checkIn" className="btn-primary mx-auto h-20 w-full max-w-sm text-xl">
              {ta.checkIn}
            </button>
          </Form>
        ) : mine.next === "checkOut" ? (
          // Not the check-in button's look: a check-out is a different act, asked only when leaving.
          <Form method="post" className="mt-4">
            <button
              type="submit"
              name="intent"
              value="checkOut"
              aria-describedby="check-out-hint"
              className="btn-secondary mx-auto h-16 w-full max-w-sm border-2 border-brand-700 text-lg"
            >
              {ta.checkOut}
            </button>
            <p id="check-out-hint" className="hint mt-1">
              {ta.checkOutHint}
            </p>
          </Form>
        ) : (
          <p className="mt-4 font-medium text-slate-700">{ta.dayDone}</p>
        )}
        {mine.undo && confirmEarly === null ? (
          <Form method="post" className="mx-auto mt-3 max-w-sm rounded-md bg-slate-50 p-3 text-sm">
            <p>{fmt(ta.undoUntil, { time: time(mine.undo.until) })}</p>
            <input type="hidden" name="recordId" value={mine.undo.recordId} />
            <button type="submit" name="intent" value="undoCheckOut" className="btn-secondary mt-2">
              {ta.undoCheckOut}
            </button>
          </Form>
        ) : mine.next === null && confirmEarly === null ? (
          <p className="hint mt-1">{ta.askCorrection}</p>
        ) : null}
        <p className="hint mt-2">{ta.serverTime}</p>
      </section>

      <section className="card">
        <h2 className="mb-2 font-semibold">{ta.history}</h2>
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col">{ta.cols.date}</th>
              <th scope="col">{ta.cols.in}</th>
              <th scope="col">{ta.cols.out}</th>
              <th scope="col">{ta.cols.status}</th>
            </tr>
          </thead>
          <tbody>
            {mine.days.map((d) => (
              <tr key={d.date}>
                <td className="whitespace-nowrap">{formatDate(d.date).slice(0, 5)}</td>
                <td>{time(d.checkIn)}</td>
                <td>{time(d.checkOut)}</td>
                <td>
                  <span className={`badge ${STATE_STYLE[d.state] ?? ""}`}>{statusText(d)}</span>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </section>

      {b ? (
        <section className="card space-y-3">
          <div className="flex flex-wrap items-end justify-between gap-3">
            <h2 className="font-semibold">
              {ta.board.title} — {formatDate(boardDate)}
            </h2>
            <Form method="get" className="flex items-end gap-2">
              <div>
                <label htmlFor="board-date" className="label">
                  {ta.board.date}
                </label>
                <DateInput id="board-date" name="date" defaultValue={boardDate} className="input mt-1" />
              </div>
              <button className="btn-secondary">{ta.board.show}</button>
            </Form>
          </div>
          {!b.working ? <p className="text-sm text-slate-600">{fmt(ta.board.notWorking, { date: formatDate(boardDate), name: b.dayName ? ` (${b.dayName})` : "" })}</p> : null}
          <div className="grid gap-3 sm:grid-cols-2">
            {group(ta.board.present, b.present)}
            {group(ta.board.late, b.late, (r) => fmt(ta.board.lateBy, { n: durationText(t, r.lateMinutes) }))}
            {group(ta.board.pending, b.pending)}
            {group(ta.board.absent, b.absent)}
            {group(ta.board.leave, b.leave, (r) => ta.leaveKinds[r.leave!.kind])}
            {group(ta.board.business, b.business)}
            {group(ta.board.duty, b.duty)}
          </div>
        </section>
      ) : null}

      {decisionError ? (
        <p className="alert" role="alert">
          {errorText(t, decisionError)}
        </p>
      ) : null}

      {corrections.length ? (
        <section className="card">
          <h2 className="mb-2 font-semibold">{ta.correction.pending}</h2>
          <ul className="divide-y divide-slate-100">
            {corrections.map((c) => (
              <li key={c.id} className="flex flex-wrap items-center justify-between gap-3 py-3 text-sm">
                <div>
                  <p className="font-medium">
                    {c.name} · {formatDate(c.date)} · {ta.correction.sessions[c.session]}
                  </p>
                  <p className="text-slate-600">{c.originalIn ? fmt(ta.correction.original, { in: time(c.originalIn), out: time(c.originalOut) }) : ta.correction.noOriginal}</p>
                  <p>{fmt(ta.correction.asked, { in: c.check_in_time ?? "—", out: c.check_out_time ?? "—" })}</p>
                  <p className="text-slate-600">{c.reason}</p>
                </div>
                <Form method="post" className="flex gap-2">
                  <input type="hidden" name="correctionId" value={c.id} />
                  <button name="intent" value="approveCorrection" className="btn-primary">
                    {ta.correction.approve}
                  </button>
                  <button name="intent" value="refuseCorrection" className="btn-secondary">
                    {ta.correction.refuse}
                  </button>
                </Form>
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section className="card">
        <h2 className="font-semibold">{ta.correction.title}</h2>
        <p className="hint">{ta.correction.intro}</p>
        <Form method="post" {...getFormProps(corrForm)} className="mt-3 grid gap-3 sm:grid-cols-2">
          <input type="hidden" name="intent" value="requestCorrection" />
          <div className="sm:col-span-2">
            <FormErrors invalid={actionData?.intent === "requestCorrection" && actionData.result?.status === "error"} />
          </div>
          <Field meta={corrFields.date} label={ta.correction.date}>
            <DateInput {...getInputProps(corrFields.date, { type: "text" })} className="input" />
          </Field>
          <Field meta={corrFields.session} label={ta.correction.session}>
            <select {...getSelectProps(corrFields.session)} className="input">
              {(["day", "morning", "afternoon"] as const).map((s) => (
                <option key={s} value={s}>
                  {ta.correction.sessions[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field meta={corrFields.checkInTime} label={ta.correction.checkInTime} optional>
            <input {...getInputProps(corrFields.checkInTime, { type: "time" })} className="input" />
          </Field>
          <Field meta={corrFields.checkOutTime} label={ta.correction.checkOutTime} optional>
            <input {...getInputProps(corrFields.checkOutTime, { type: "time" })} className="input" />
          </Field>
          <div className="sm:col-span-2">
            <Field meta={corrFields.reason} label={ta.correction.reason}>
              <input {...getInputProps(corrFields.reason, { type: "text" })} className="input" />
            </Field>
          </div>
          <button className="btn-secondary w-fit">{ta.correction.send}</button>
        </Form>
        {mine.corrections.length ? (
          <div className="mt-4">
            <h3 className="text-sm font-medium text-slate-600">{ta.correction.mine}</h3>
            <ul className="mt-1 space-y-1 text-sm">
              {mine.corrections.map((c) => (
                <li key={c.id}>
                  {formatDate(c.date)} · {fmt(ta.correction.asked, { in: c.check_in_time ?? "—", out: c.check_out_time ?? "—" })} —{" "}
                  <span className="badge">{ta.correction.status[c.status]}</span>
                  {c.decision_note ? ` ${c.decision_note}` : ""}
                </li>
              ))}
            </ul>
          </div>
        ) : null}
      </section>

      {networks !== null ? (
        <section className="card">
          <h2 className="font-semibold">{ta.network.title}</h2>
          <Form method="post" {...getFormProps(netForm)} className="mt-2 space-y-3">
            <input type="hidden" name="intent" value="networks" />
            <Field meta={netFields.networks} label={ta.network.title} hint={ta.network.hint}>
              <textarea name={netFields.networks.name} id={netFields.networks.id} defaultValue={networks} rows={3} className="input font-mono" />
            </Field>
            <button className="btn-secondary">{ta.network.save}</button>
          </Form>
        </section>
      ) : null}
    </div>
  );
}
