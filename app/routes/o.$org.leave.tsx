import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors, type FieldMeta } from "~/components/Field";
import { fmt, num, useT } from "~/i18n";
import { messages } from "~/i18n/messages.server";
import { titled } from "~/i18n/meta";
import { leaveDaysText, leaveErrorText } from "~/i18n/sections/leave";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { cancelLeave, decideLeave, leaveBalance, leaveHeadline, myLeaveRequests, onLeaveOn, pendingLeaveRequests, requestLeave } from "~/modules/leave/leave.server";
import { LEAVE_KINDS, type LeavePart, type LeaveStatus } from "~/modules/leave/rules";
import { cancelLeaveSchema, decideLeaveSchema, leaveRequestSchema } from "~/modules/leave/schema";
import { vnDateOf } from "~/utils/dates";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { firstError } from "~/utils/reply";
import type { NoticeKey } from "~/i18n/sections/notices";
import { formatDate, formatDateTime } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.leave.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "leave.request");
  const today = vnDateOf(context.now());
  const year = Number(today.slice(0, 4));
  const leader = can(member.roles, "leave.decide");
  const [balance, requests, pending, away] = await Promise.all([
    leaveBalance(context.db, member.org.id, member.membershipId, year),
    myLeaveRequests(context.db, member.org.id, member.membershipId),
    leader ? pendingLeaveRequests(context.db, member.org.id) : Promise.resolve(null),
    leader ? onLeaveOn(context.db, member.org.id, today) : Promise.resolve(null),
  ]);
  return { today, balance, requests, pending, away, me: member.membershipId };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "leave.request");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const t = messages(member.user.locale);
  // Says which request: its kind (in the reader's language), dates and member.
  const ok = async (key: NoticeKey, id: string) => {
    const h = await leaveHeadline(context.db, ctx.orgId, id);
    const kind = t.leave.kinds[h.kind as keyof typeof t.leave.kinds] ?? h.kind;
    return succeeded(request, context, key, { kind: kind.toLocaleLowerCase(member.user.locale === "en" ? "en" : "vi"), name: h.name, from: formatDate(h.startDate), to: formatDate(h.endDate) });
  };
  switch (intent) {
    case "request":
      return handleForm(formData, leaveRequestSchema, async (v) => ok("leaveRequested", await requestLeave(context.db, ctx, v)), { intent });
    case "cancel":
      return handleForm(formData, cancelLeaveSchema, async (v) => (await cancelLeave(context.db, ctx, v.id), ok("leaveCancelled", v.id)), { intent });
    case "approve":
    case "refuse":
      requirePermission(member, "leave.decide");
      return handleForm(formData, decideLeaveSchema, async (v) => (await decideLeave(context.db, ctx, v), ok(v.intent === "approve" ? "leaveApproved" : "leaveRefused", v.id)), { intent });
    default:
      badRequest();
  }
}

const STATUS_STYLE: Record<LeaveStatus, string> = {
  pending: "bg-amber-100 text-amber-900",
  approved: "bg-green-100 text-green-800",
  refused: "bg-red-100 text-red-800",
  cancelled: "bg-slate-100 text-slate-600",
};

/** The intent of the form the reply answers (only error replies carry one). */
function replyIntent(reply: ReturnType<typeof useActionData<typeof action>>): string | undefined {
  return reply && "intent" in reply ? reply.intent : undefined;
}

function useLeaveT() {
  const t = useT();
  return { t, l: t.leave };
}

/** "12/03/2026 (buổi sáng)", "12/03/2026 – 13/03/2026 · 2 ngày". */
function Span({ r }: { r: { startDate: string; endDate: string; part: LeavePart; days: number } }) {
  const { t, l } = useLeaveT();
  const dates = r.startDate === r.endDate ? formatDate(r.startDate) : fmt(l.range, { from: formatDate(r.startDate), to: formatDate(r.endDate) });
  const part = r.part === "morning" || r.part === "afternoon" ? ` (${l.parts[r.part].toLowerCase()})` : "";
  const days = r.days === 0.5 ? l.halfDayCount : fmt(l.daysCount, { n: leaveDaysText(t, r.days) });
  return (
    <>
      {dates}
      {part} · {days}
    </>
  );
}

/** A labelled control whose error key may be one of the section's own (leaveErrorText). */
function LeaveField(props: { meta: FieldMeta; label: ReactNode; hint?: string; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => leaveErrorText(t, key)} />;
}

function RequestForm({ lastResult, today }: { lastResult?: SubmissionResult<string[]>; today: string }) {
  const { t, l } = useLeaveT();
  const [form, fields] = useForm<{ kind: string; startDate: string; endDate: string; part: string; reason: string }>({
    id: "leave-request",
    lastResult,
    defaultValue: { kind: "annual", startDate: today, endDate: today, part: "full", reason: "" },
    shouldRevalidate: "onSubmit",
  });
  const partError = leaveErrorText(t, fields.part.errors?.[0]);
  const partValue = (fields.part.initialValue as string | undefined) ?? "full";
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="request" />
      <FormErrors invalid={lastResult?.status === "error"} />
      <LeaveField meta={fields.kind} label={l.form.kind}>
        <select {...getSelectProps(fields.kind)} className="input">
          {LEAVE_KINDS.map((k) => (
            <option key={k} value={k}>
              {l.kinds[k]}
            </option>
          ))}
        </select>
      </LeaveField>
      <div className="grid gap-4 sm:grid-cols-2">
        <LeaveField meta={fields.startDate} label={l.form.startDate}>
          <DateInput {...getInputProps(fields.startDate, { type: "text" })} className="input" />
        </LeaveField>
        <LeaveField meta={fields.endDate} label={l.form.endDate}>
          <DateInput {...getInputProps(fields.endDate, { type: "text" })} className="input" />
        </LeaveField>
      </div>
      <fieldset aria-describedby={`${fields.part.descriptionId}${partError ? ` ${fields.part.errorId}` : ""}`}>
        <legend className="label">{l.form.part}</legend>
        <div className="mt-1 flex flex-col gap-2 text-sm sm:flex-row sm:flex-wrap sm:gap-x-5">
          {(
            [
              ["full", l.form.partFull],
              ["morning", l.form.partMorning],
              ["afternoon", l.form.partAfternoon],
            ] as const
          ).map(([value, label]) => (
            <label key={value} className="flex min-h-8 items-center gap-2">
              <input type="radio" name={fields.part.name} value={value} defaultChecked={partValue === value} className="h-4 w-4" />
              {label}
            </label>
          ))}
        </div>
        <p id={fields.part.descriptionId} className="hint">
          {l.form.partHint}
        </p>
        {partError ? (
          <p id={fields.part.errorId} className="field-error" role="alert">
            {partError}
          </p>
        ) : null}
      </fieldset>
      <LeaveField meta={fields.reason} label={l.form.reason} hint={l.form.reasonHint}>
        <textarea {...getTextareaProps(fields.reason, { ariaDescribedBy: fields.reason.descriptionId })} rows={2} className="input" />
      </LeaveField>
      <p className="text-sm text-slate-600">{l.form.daysHint}</p>
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {l.form.submit}
      </button>
    </Form>
  );
}

type LoaderData = ReturnType<typeof useLoaderData<typeof loader>>;

function BalanceCard({ balance }: { balance: LoaderData["balance"] }) {
  const { t, l } = useLeaveT();
  const days = (n: number) => fmt(l.balance.days, { n: leaveDaysText(t, n) });
  const rows: [string, number, string][] = [
    [l.balance.entitlement, balance.entitlement, "text-slate-900"],
    [l.balance.taken, balance.taken, "text-slate-900"],
    [l.balance.pending, balance.pending, balance.pending > 0 ? "text-amber-800" : "text-slate-900"],
  ];
  return (
    <section className="card" aria-labelledby="leave-balance">
      <h2 id="leave-balance" className="font-semibold">
        {fmt(l.balance.heading, { year: balance.year })}
      </h2>
      <p className="mt-2 text-3xl font-semibold text-brand-700">
        {days(balance.remaining)} <span className="text-base font-normal text-slate-600">{l.balance.remaining.toLowerCase()}</span>
      </p>
      <dl className="mt-3 grid grid-cols-3 gap-2 text-sm lg:grid-cols-1 lg:gap-1">
        {rows.map(([label, n, style]) => (
          <div key={label} className="rounded-md bg-slate-50 px-2 py-1.5 lg:flex lg:items-baseline lg:justify-between lg:gap-2">
            <dt className="text-slate-600">{label}</dt>
            <dd className={`font-medium ${style}`}>{days(n)}</dd>
          </div>
        ))}
      </dl>
      <p className="hint">
        {balance.extra > 0
          ? fmt(l.balance.basis, { base: balance.base, extra: balance.extra, years: balance.yearsOfService, year: balance.year })
          : fmt(l.balance.basisNoExtra, { base: balance.base, per: balance.yearsPerExtra })}
      </p>
      {balance.prorated ? (
        <>
          <p className="mt-1 text-sm font-medium text-slate-800" data-testid="leave-prorata">
            {fmt(l.proRata.line, {
              months: balance.months,
              year: balance.year,
              full: leaveDaysText(t, balance.fullYear),
              exact: num(t, balance.exact),
              days: leaveDaysText(t, balance.entitlement),
            })}
          </p>
          <p className="hint">{l.proRata.basis}</p>
        </>
      ) : null}
      {balance.pending > 0 ? <p className="hint">{fmt(l.balance.afterPending, { n: leaveDaysText(t, balance.available) })}</p> : null}
    </section>
  );
}

function MyRequests({ requests }: { requests: LoaderData["requests"] }) {
  const { t, l } = useLeaveT();
  const actionData = useActionData<typeof action>();
  const cancelError = replyIntent(actionData) === "cancel" ? firstError(actionData) : undefined;
  return (
    <section className="card" aria-labelledby="leave-mine">
      <h2 id="leave-mine" className="mb-3 font-semibold">
        {l.mine.heading}
      </h2>
      {cancelError ? (
        <p className="alert mb-3" role="alert">
          {leaveErrorText(t, cancelError)}
        </p>
      ) : null}
      {requests.length === 0 ? (
        <p className="text-sm text-slate-600">{l.mine.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {requests.map((r) => (
            <li key={r.id} className="flex flex-wrap items-start justify-between gap-3 py-3">
              <div className="min-w-0 flex-1 basis-56">
                <p className="font-medium">{l.kinds[r.kind]}</p>
                <p className="text-sm text-slate-700">
                  <Span r={r} />
                </p>
                <p className="text-sm break-words text-slate-600">{r.reason}</p>
                {r.decidedAt && r.decidedByName ? (
                  <p className="mt-1 text-xs text-slate-500">{fmt(l.mine.decidedBy, { name: r.decidedByName, time: formatDateTime(r.decidedAt) })}</p>
                ) : null}
                {r.decisionNote ? <p className="mt-1 text-sm break-words text-slate-800">{fmt(l.mine.note, { note: r.decisionNote })}</p> : null}
              </div>
              <div className="flex shrink-0 flex-wrap items-center gap-2">
                <span className={`badge ${STATUS_STYLE[r.status]}`}>{l.status[r.status]}</span>
                {r.status === "pending" ? (
                  <Form method="post">
                    <input type="hidden" name="id" value={r.id} />
                    <button name="intent" value="cancel" className="btn-secondary">
                      {l.mine.cancel}
                    </button>
                  </Form>
                ) : null}
              </div>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function PendingList({ pending, me }: { pending: NonNullable<LoaderData["pending"]>; me: string }) {
  const { t, l } = useLeaveT();
  const actionData = useActionData<typeof action>();
  const decision =
    actionData && ["approve", "refuse"].includes(replyIntent(actionData) ?? "") && actionData.result.status === "error" ? actionData.result : null;
  const decisionFor = (decision?.initialValue as { id?: string } | undefined)?.id;
  const decisionError = leaveErrorText(t, decision ? firstError(actionData) : undefined);
  // The request has left the list (decided meanwhile) or is the leader's own: say so above the list.
  const shownWithForm = pending.some((r) => r.id === decisionFor && r.membershipId !== me);
  return (
    <section className="card" aria-labelledby="leave-pending">
      <h2 id="leave-pending" className="mb-3 font-semibold">
        {l.pending.heading} {pending.length ? <span className="badge ml-1 bg-amber-100 text-amber-900">{pending.length}</span> : null}
      </h2>
      {decisionError && !shownWithForm ? (
        <p className="alert mb-3" role="alert">
          {decisionError}
        </p>
      ) : null}
      {pending.length === 0 ? (
        <p className="text-sm text-slate-600">{l.pending.empty}</p>
      ) : (
        <ul className="divide-y divide-slate-100">
          {pending.map((r) => {
            const error = decisionFor === r.id ? decisionError : undefined;
            const noteId = `note-${r.id}`;
            return (
              <li key={r.id} className="grid gap-3 py-3 md:grid-cols-[minmax(0,1fr)_minmax(0,22rem)]">
                <div className="min-w-0">
                  <p className="font-medium">
                    {r.name} <span className="font-normal text-slate-600">· {r.title}</span>
                  </p>
                  <p className="text-sm text-slate-800">
                    {l.kinds[r.kind]} · <Span r={r} />
                  </p>
                  <p className="text-sm break-words text-slate-600">{r.reason}</p>
                  {r.balance ? (
                    <p className="mt-1 text-xs text-slate-600">
                      {fmt(l.pending.balanceLine, {
                        year: r.balance.year,
                        remaining: leaveDaysText(t, r.balance.remaining),
                        entitlement: leaveDaysText(t, r.balance.entitlement),
                        pending: leaveDaysText(t, r.balance.pending),
                      })}
                    </p>
                  ) : null}
                  <p className="mt-1 text-xs text-slate-500">{fmt(l.pending.sentAt, { time: formatDateTime(r.createdAt) })}</p>
                </div>
                {r.membershipId === me ? (
                  <p className="text-sm text-slate-600">{l.pending.yours}</p>
                ) : (
                  <Form method="post" className="space-y-2">
                    <input type="hidden" name="id" value={r.id} />
                    <div>
                      <label htmlFor={noteId} className="label">
                        {l.pending.note}
                      </label>
                      <input
                        id={noteId}
                        name="note"
                        type="text"
                        maxLength={500}
                        className="input mt-1"
                        aria-invalid={error ? true : undefined}
                        aria-describedby={`${noteId}-hint${error ? ` ${noteId}-error` : ""}`}
                      />
                      <p id={`${noteId}-hint`} className="hint">
                        {l.pending.noteHint}
                      </p>
                      {error ? (
                        <p id={`${noteId}-error`} className="field-error" role="alert">
                          {error}
                        </p>
                      ) : null}
                    </div>
                    <div className="flex flex-wrap gap-2">
                      <button name="intent" value="approve" className="btn-primary">
                        {l.pending.approve}
                      </button>
                      <button name="intent" value="refuse" className="btn-danger">
                        {l.pending.refuse}
                      </button>
                    </div>
                  </Form>
                )}
              </li>
            );
          })}
        </ul>
      )}
    </section>
  );
}

function OnLeaveToday({ away, today }: { away: NonNullable<LoaderData["away"]>; today: string }) {
  const { l } = useLeaveT();
  return (
    <section className="card" aria-labelledby="leave-today">
      <h2 id="leave-today" className="mb-2 font-semibold">
        {fmt(l.today.heading, { date: formatDate(today) })}
      </h2>
      {away.length === 0 ? (
        <p className="text-sm text-slate-600">{l.today.empty}</p>
      ) : (
        <ul className="space-y-2 text-sm">
          {away.map((a) => (
            <li key={a.id}>
              <p className="font-medium">{a.name}</p>
              <p className="text-slate-600">
                {l.kinds[a.kind]}
                {a.part === "morning" || a.part === "afternoon" ? ` · ${l.parts[a.part].toLowerCase()}` : ""}
                {a.endDate > today ? ` · ${fmt(l.today.until, { date: formatDate(a.endDate) })}` : ""}
              </p>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

export default function LeavePage() {
  const { l } = useLeaveT();
  const { today, balance, requests, pending, away, me } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const requestResult = replyIntent(actionData) === "request" ? actionData?.result : undefined;
  // A new request remounts the form, so it starts empty again.
  const formKey = requests.reduce((k, r) => (r.createdAt > k ? r.createdAt : k), "");
  return (
    <div className="mx-auto max-w-6xl space-y-6">
      <div>
        <h1 className="page-title">{l.title}</h1>
        <p className="mt-1 text-slate-600">{l.intro}</p>
      </div>
      {pending ? <PendingList pending={pending} me={me} /> : null}

      <div className="grid gap-6 lg:grid-cols-3">
        <aside className="space-y-6 lg:order-last">
          <BalanceCard balance={balance} />
          {away ? <OnLeaveToday away={away} today={today} /> : null}
        </aside>
        <div className="space-y-6 lg:col-span-2">
          <section className="card" aria-labelledby="leave-form">
            <h2 id="leave-form" className="mb-3 font-semibold">
              {l.form.heading}
            </h2>
            <RequestForm key={formKey} lastResult={requestResult} today={today} />
          </section>
          <MyRequests requests={requests} />
        </div>
      </div>
    </div>
  );
}
