import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs, type MetaFunction } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors, type FieldMeta } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { metaMessages } from "~/i18n/meta";
import { evaluationErrorText, percentText, periodText, pointsText } from "~/i18n/sections/evaluations";
import { ctxOf, requireMember, requirePermission } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import { getMember } from "~/modules/org/org.server";
import { finaliseEvaluation, memberEvaluation, saveGeneral, saveSelfAssessment } from "~/modules/evaluation/evaluation.server";
import { finaliseSchema, generalSchema, noteField, selfAssessmentSchema } from "~/modules/evaluation/schema";
import {
  COMPONENTS,
  CRITERION_MAX,
  GENERAL_CRITERIA,
  parsePeriod,
  periodContaining,
  periodOptions,
  shiftPeriod,
  TASK_POINTS,
  type TaskLine,
} from "~/modules/evaluation/score";
import { BandBadge, PeriodPicker, PointsOutOf, STATUS_STYLE } from "~/components/evaluation/EvaluationParts";
import { isEarly, parseYear, yearHeading, yearOptions } from "~/modules/evaluation/annual";
import { finaliseYear, memberYear, saveYearAssessment, saveYearSelf, yearPeriodCells } from "~/modules/evaluation/annual.server";
import { YearMemberPage, type YearMemberData } from "~/components/evaluation/AnnualPages";
import { yearAssessmentSchema, yearFinaliseSchema, yearSelfSchema } from "~/modules/evaluation/schema";
import type { Member } from "~/modules/auth/guard.server";
import { vnDateOf } from "~/utils/dates";
import { badRequest, forbidden, notFound } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import type { NoticeKey, NoticeValues } from "~/i18n/sections/notices";
import { formatDate, formatDateTime, formatDeadline } from "~/utils/time";

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => {
  const t = metaMessages(matches);
  const title = !data
    ? t.evaluations.title
    : data.view === "year"
      ? fmt(t.annual.memberTitle, { year: data.year, name: data.e.name })
      : fmt(t.evaluations.memberTitle, { name: data.e.name });
  return [{ title: `${title} — ${t.app.name}` }];
};

/** Staff reach only their own evaluation; anyone else's answers 404, as if it did not exist. */
async function access(request: Request, context: LoaderFunctionArgs["context"], params: LoaderFunctionArgs["params"]) {
  const member = await requireMember(request, context, params.org, "evaluations.view");
  const target = params.memberId ?? "";
  if (!can(member.roles, "evaluations.viewAll") && target !== member.membershipId) notFound();
  return { member, target };
}


/** `?period=YYYY`: the member's year. */
async function yearView(context: LoaderFunctionArgs["context"], member: Member, target: string, year: number, today: string): Promise<YearMemberData> {
  const page = await memberYear(context.db, member.org.id, target, year);
  const e = page.evaluation;
  return {
    ...yearHeading(year, today),
    slug: member.org.slug,
    early: isEarly(today, year),
    e,
    cells: yearPeriodCells(e),
    evaluatedByName: page.evaluatedByName,
    finalisedByName: page.finalisedByName,
    own: target === member.membershipId,
    manage: can(member.roles, "evaluations.manage"),
    canFinalise: can(member.roles, "evaluations.finaliseYear"),
    all: can(member.roles, "evaluations.viewAll"),
  };
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const { member, target } = await access(request, context, params);
  const now = context.now();
  const today = vnDateOf(now);
  const param = new URL(request.url).searchParams.get("period");
  const year = parseYear(param);
  if (year !== null) return yearView(context, member, target, year, today);
  // A malformed period falls back to the current month.
  const period = parsePeriod(param) ?? periodContaining(today);
  const page = await memberEvaluation(context.db, member.org.id, target, period, now);
  return {
    view: "period" as const,
    nav: { key: period.key, prev: shiftPeriod(period, -1).key, next: shiftPeriod(period, 1).key, options: [...periodOptions(today, period), ...yearOptions(today)] },
    year: period.year,
    periodEnd: period.end,
    e: page.evaluation,
    evaluatedByName: page.evaluatedByName,
    finalisedByName: page.finalisedByName,
    own: target === member.membershipId,
    manage: can(member.roles, "evaluations.manage"),
    all: can(member.roles, "evaluations.viewAll"),
    slug: member.org.slug,
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const { member, target } = await access(request, context, params);
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  const intent = String(formData.get("intent") ?? "");
  const period = String(formData.get("period") ?? new URL(request.url).searchParams.get("period") ?? "");
  const year = (): number => parseYear(period) ?? notFound();
  const name = async () => (await getMember(context.db, member.org.id, target)).fullName;
  const ok = async (key: NoticeKey, values: NoticeValues = {}) => succeeded(request, context, key, values);
  switch (intent) {
    case "yearAssessment":
      requirePermission(member, "evaluations.manage");
      return handleForm(
        formData,
        yearAssessmentSchema,
        async (v) => (await saveYearAssessment(context.db, ctx, target, year(), v), ok("yearAssessed", { name: await name(), year: String(year()) })),
        { intent },
      );
    case "yearSelf":
      if (target !== member.membershipId) forbidden();
      return handleForm(formData, yearSelfSchema, async (v) => (await saveYearSelf(context.db, ctx, year(), v), ok("yearSelf", { year: String(year()) })), { intent });
    case "yearFinalise":
      // Only the director finalises a year (a deputy may prepare the assessment).
      requirePermission(member, "evaluations.finaliseYear");
      return handleForm(formData, yearFinaliseSchema, async (v) => (await finaliseYear(context.db, ctx, target, year(), v), ok("yearFinalised", { name: await name(), year: String(year()) })), {
        intent,
      });
    case "general":
      requirePermission(member, "evaluations.manage");
      return handleForm(formData, generalSchema, async (v) => (await saveGeneral(context.db, ctx, target, period, v), ok("generalSaved", { name: await name() })), { intent });
    case "self":
      if (target !== member.membershipId) forbidden();
      return handleForm(formData, selfAssessmentSchema, async (v) => (await saveSelfAssessment(context.db, ctx, period, v), ok("selfSaved")), { intent });
    case "finalise":
      requirePermission(member, "evaluations.manage");
      return handleForm(formData, finaliseSchema, async (v) => (await finaliseEvaluation(context.db, ctx, target, period, v.version), ok("evaluationFinalised", { name: await name() })), {
        intent,
      });
    default:
      badRequest();
  }
}

type LoaderData = Extract<ReturnType<typeof useLoaderData<typeof loader>>, { view: "period" }>;
type Reply = ReturnType<typeof useActionData<typeof action>>;

function useEvalT() {
  const t = useT();
  return { t, e: t.evaluations };
}

/** A labelled control whose error key may be one of the section's own (evaluationErrorText). */
function EvalField(props: { meta: FieldMeta; label: ReactNode; hint?: string; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => evaluationErrorText(t, key)} />;
}

function Summary({ data }: { data: LoaderData }) {
  const { t, e } = useEvalT();
  const ev = data.e;
  const r = ev.result;
  return (
    <section className="card" aria-labelledby="eval-summary">
      <h2 id="eval-summary" className="sr-only">
        {e.summary.total}
      </h2>
      <div className="grid gap-3 sm:grid-cols-[auto_auto_minmax(0,1fr)] sm:items-center sm:gap-x-6">
        <div>
          <p className="text-sm text-slate-600">{e.summary.total}</p>
          <p className="text-4xl font-semibold text-brand-700 tabular-nums">
            {r.shown.total === null ? <span className="text-xl text-slate-500">{e.summary.notYet}</span> : pointsText(t, r.shown.total)}
          </p>
        </div>
        <div className="min-w-0">
          <BandBadge band={r.band} provisional={ev.periodOpen && ev.status !== "finalised"} />
          <p className="mt-1">
            <span className={`badge ${STATUS_STYLE[ev.status]}`}>{e.status[ev.status]}</span>
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:max-w-md">
          <div className="rounded-md bg-slate-50 px-2 py-1.5">
            <dt className="text-slate-600">{e.summary.taskPart}</dt>
            <dd className="tabular-nums">
              <PointsOutOf n={r.shown.taskPoints} max={TASK_POINTS} />
              {r.taskSource === "manual" ? <span className="block text-xs text-slate-500">{e.manualMark}</span> : null}
            </dd>
          </div>
          <div className="rounded-md bg-slate-50 px-2 py-1.5">
            <dt className="text-slate-600">{e.summary.generalPart}</dt>
            <dd className="tabular-nums"><PointsOutOf n={r.shown.generalPoints} max={30} /></dd>
          </div>
        </dl>
      </div>
      {r.overridden ? (
        <div className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          <p className="font-medium">{e.summary.overridden}</p>
          {r.scoreBand ? <p>{fmt(e.summary.overriddenScore, { band: e.bands[r.scoreBand] })}</p> : null}
          {ev.disciplinedIn ? <p>{fmt(e.summary.overriddenIn, { period: periodText(t, ev.disciplinedIn) })}</p> : null}
          {ev.disciplinedNote ? <p>{fmt(e.general.disciplinedShown, { note: ev.disciplinedNote })}</p> : null}
        </div>
      ) : null}
      {ev.status !== "finalised" && (ev.task.pending > 0 || ev.periodOpen) ? (
        <div className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {ev.periodOpen ? <p>{fmt(e.summary.running, { date: formatDate(data.periodEnd) })}</p> : null}
          {ev.task.pending > 0 ? <p>{fmt(e.summary.provisional, { n: ev.task.pending })}</p> : null}
        </div>
      ) : null}
      {ev.status === "finalised" && ev.finalisedAt ? (
        <p className="mt-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" role="status">
          {fmt(e.summary.finalised, { time: formatDateTime(ev.finalisedAt), name: data.finalisedByName ?? "—" })}
        </p>
      ) : null}
    </section>
  );
}

/** The rule applied to one task, in words, per component. */
function LineRules({ line }: { line: TaskLine }) {
  const { t, e } = useEvalT();
  const done = line.outcome === "done";
  const counted = line.counted;
  const quality = !done
    ? e.tasks.quality.no
    : line.returns === 0
      ? e.tasks.quality.clean
      : fmt(e.tasks.quality.returned, { n: line.returns, value: percentText(t, line.quality) });
  const timeliness = !done ? e.tasks.timeliness.no : e.tasks.timeliness[line.timing ?? "on_time"];
  if (!counted) return <p className="text-sm text-slate-500">{e.tasks.notCounted}</p>;
  const rows: [string, string][] = [
    [e.components.quantity, done ? e.tasks.quantity.yes : e.tasks.quantity.no],
    [e.components.quality, quality],
    [e.components.timeliness, timeliness],
  ];
  return (
    <dl className="space-y-0.5 text-sm">
      {rows.map(([k, v]) => (
        <div key={k} className="grid grid-cols-[6.5rem_1fr] gap-2">
          <dt className="text-slate-600">{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
      {done && line.extended && line.timingOriginal ? (
        <div className="grid grid-cols-[6.5rem_1fr] gap-2 text-xs text-slate-500">
          <dt />
          <dd>{fmt(e.tasks.originalTiming, { timing: e.tasks.timing[line.timingOriginal] })}</dd>
        </div>
      ) : null}
    </dl>
  );
}

const OUTCOME_STYLE: Record<TaskLine["outcome"], string> = {
  done: "bg-green-100 text-green-800",
  doneAfterPeriod: "bg-red-100 text-red-800",
  overdue: "bg-red-100 text-red-800",
  awaitingApproval: "bg-slate-100 text-slate-700",
  notYetDue: "bg-slate-100 text-slate-700",
};

function TaskPart({ data }: { data: LoaderData }) {
  const { t, e } = useEvalT();
  const task = data.e.task;
  return (
    <section className="card space-y-3" aria-labelledby="eval-tasks">
      <div>
        <h2 id="eval-tasks" className="font-semibold">
          {e.tasks.heading}
        </h2>
        <p className="hint">{e.tasks.intro}</p>
      </div>
      {task.applicable && task.components && task.shown ? (
        <div className="rounded-md bg-slate-50 p-3 text-sm">
          <p className="text-slate-600">{fmt(e.tasks.averageOf, { n: task.counted })}</p>
          <ul className="mt-1 space-y-0.5 tabular-nums">
            {COMPONENTS.map((c) => (
              <li key={c}>
                {fmt(e.tasks.componentLine, {
                  name: e.components[c],
                  value: percentText(t, task.components![c]),
                  share: percentText(t, task.shares[c]),
                  points: pointsText(t, task.shown!.parts[c]),
                })}
              </li>
            ))}
            <li className="font-semibold">{fmt(e.tasks.totalLine, { points: pointsText(t, task.shown.points) })}</li>
          </ul>
          {task.lines.some((l) => l.extended) && task.timelinessOriginal !== null && task.pointsOriginal !== null ? (
            <p className="mt-2 text-xs text-slate-600">
              {fmt(e.tasks.originalView, { value: percentText(t, task.timelinessOriginal), points: pointsText(t, task.shown.pointsOriginal) })}
            </p>
          ) : null}
        </div>
      ) : (
        <div className="rounded-md border border-brand-100 bg-brand-50 p-3 text-sm text-brand-800">
          {task.lines.length === 0 ? (
            <>
              <p className="font-medium">{e.tasks.empty}</p>
              <p>{e.method.empty}</p>
            </>
          ) : (
            <p>{e.method.pending}</p>
          )}
          {data.e.result.taskSource === "manual" && data.e.manualTaskNote ? <p className="mt-1">{fmt(e.summary.manualTask, { note: data.e.manualTaskNote })}</p> : null}
        </div>
      )}
      {task.lines.length ? (
        <ol className="divide-y divide-slate-100">
          {task.lines.map((l) => (
            <li key={l.id} className="grid gap-2 py-3 md:grid-cols-[minmax(0,1fr)_minmax(0,26rem)] md:gap-6">
              <div className="min-w-0">
                <Link to={`/o/${data.slug}/tasks/${l.id}`} className="font-medium break-words">
                  {l.title}
                </Link>
                <p className="mt-0.5 flex flex-wrap items-center gap-2 text-sm text-slate-700">
                  <span>{fmt(e.tasks.deadline, { date: formatDeadline(l.deadlineDate, l.deadlineTime) })}</span>
                  <span className={`badge ${OUTCOME_STYLE[l.outcome]}`}>
                    {l.outcome === "awaitingApproval" && l.submitted ? e.awaiting[l.submitted] : e.tasks.outcome[l.outcome]}
                  </span>
                </p>
                {l.extended && l.originalDeadlineDate ? (
                  <p className="text-xs text-slate-500">
                    {fmt(e.tasks.extended, { n: Math.max(1, l.extensionCount), date: formatDeadline(l.originalDeadlineDate, l.originalDeadlineTime) })}
                  </p>
                ) : null}
                {l.lateExtension && l.missedDeadlineAt ? (
                  <p className="text-xs font-medium text-red-700">{fmt(e.lateExtensionLine, { date: formatDateTime(l.missedDeadlineAt) })}</p>
                ) : null}
              </div>
              <LineRules line={l} />
            </li>
          ))}
        </ol>
      ) : null}
    </section>
  );
}

type GeneralFields = Record<string, string>;

function GeneralForm({ data, lastResult }: { data: LoaderData; lastResult?: SubmissionResult<string[]> }) {
  const { t, e } = useEvalT();
  const ev = data.e;
  const text = (n: number | null) => (n === null ? "" : pointsText(t, n));
  const defaults: GeneralFields = { manualTaskPoints: text(ev.manualTaskPoints), manualTaskNote: ev.manualTaskNote, disciplinedNote: ev.disciplinedNote };
  for (const c of GENERAL_CRITERIA) {
    defaults[c] = text(ev.general[c].points);
    defaults[noteField(c)] = ev.general[c].note;
  }
  if (ev.disciplinedFlag) defaults.disciplined = "on";
  const [form, fields] = useForm<GeneralFields>({ id: "eval-general", lastResult, defaultValue: defaults, shouldRevalidate: "onSubmit" });
  const disciplinedMeta = fields.disciplined!;
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="general" />
      <input type="hidden" name="period" value={data.nav.key} />
      <input type="hidden" name="version" value={ev.version} />
      <FormErrors invalid={lastResult?.status === "error"} />
      {GENERAL_CRITERIA.map((c) => {
        const p = fields[c]!;
        const n = fields[noteField(c)]!;
        return (
          <fieldset key={c} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[7rem_minmax(0,1fr)]">
            <legend className="px-1 text-sm font-semibold">
              {e.criteria[c]} <span className="font-normal text-slate-500">({fmt(e.general.max, { max: pointsText(t, CRITERION_MAX[c]) })})</span>
            </legend>
            <EvalField meta={p} label={e.general.points}>
              <input {...getInputProps(p, { type: "text" })} inputMode="decimal" autoComplete="off" className="input" />
            </EvalField>
            <EvalField meta={n} label={e.general.note} hint={e.general.noteHint}>
              <textarea {...getTextareaProps(n, { ariaDescribedBy: n.descriptionId })} rows={2} maxLength={500} className="input" />
            </EvalField>
          </fieldset>
        );
      })}
      {ev.task.lines.length === 0 ? (
        <fieldset className="grid gap-3 rounded-md border border-brand-100 bg-brand-50/40 p-3 sm:grid-cols-[10rem_minmax(0,1fr)]">
          <legend className="px-1 text-sm font-semibold">{e.summary.taskPart}</legend>
          <EvalField meta={fields.manualTaskPoints!} label={e.general.manualTaskPoints} hint={e.general.manualTaskHint}>
            <input {...getInputProps(fields.manualTaskPoints!, { type: "text" })} inputMode="decimal" autoComplete="off" className="input" />
          </EvalField>
          <EvalField meta={fields.manualTaskNote!} label={e.general.manualTaskNote} hint={e.general.manualTaskNoteHint}>
            <textarea {...getTextareaProps(fields.manualTaskNote!)} rows={2} maxLength={500} className="input" />
          </EvalField>
        </fieldset>
      ) : null}
      <div className="space-y-2 rounded-md border border-slate-200 p-3">
        <label className="flex items-start gap-2 text-sm font-medium">
          <input
            type="checkbox"
            id={disciplinedMeta.id}
            name={disciplinedMeta.name}
            value="on"
            defaultChecked={disciplinedMeta.initialValue === "on"}
            aria-describedby={`${disciplinedMeta.id}-hint`}
            className="mt-0.5 h-4 w-4"
          />
          {fmt(e.general.disciplined, { year: data.year })}
        </label>
        <p id={`${disciplinedMeta.id}-hint`} className="hint">
          {e.general.disciplinedHint}
        </p>
        <EvalField meta={fields.disciplinedNote!} label={e.general.disciplinedNote} hint={e.general.disciplinedNoteHint}>
          <input {...getInputProps(fields.disciplinedNote!, { type: "text" })} maxLength={500} className="input" />
        </EvalField>
      </div>
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {e.general.save}
      </button>
    </Form>
  );
}

function GeneralPart({ data, reply }: { data: LoaderData; reply: Reply }) {
  const { t, e } = useEvalT();
  const ev = data.e;
  const editable = data.manage && !data.own && ev.status !== "finalised";
  const entered = GENERAL_CRITERIA.some((c) => ev.general[c].points !== null);
  const generalResult = reply && "intent" in reply && reply.intent === "general" ? reply.result : undefined;
  // Remount after a save so the form shows what was stored.
  const key = `${ev.version}`;
  return (
    <section className="card space-y-3" aria-labelledby="eval-general-h">
      <h2 id="eval-general-h" className="font-semibold">
        {e.general.heading}
      </h2>
      {data.own && data.manage ? <p className="hint">{e.general.own}</p> : null}
      {editable ? (
        <GeneralForm key={key} data={data} lastResult={generalResult} />
      ) : !entered ? (
        <p className="text-sm text-slate-600">{e.general.notEntered}</p>
      ) : (
        <dl className="divide-y divide-slate-100 text-sm">
          {GENERAL_CRITERIA.map((c) => (
            // dt and dd directly inside the group (a dl allows one div level only).
            <div key={c} className="grid grid-cols-[minmax(0,1fr)_auto] items-baseline gap-x-3 py-2">
              <dt className="font-medium">{e.criteria[c]}</dt>
              <dd className="shrink-0 tabular-nums">
                <span className="font-semibold">{ev.general[c].points === null ? "—" : pointsText(t, ev.general[c].points!)}</span>
                <span className="text-slate-500">/{pointsText(t, CRITERION_MAX[c])}</span>
              </dd>
              <dd className="col-span-2 mt-0.5 break-words text-slate-700">{ev.general[c].note || <span className="text-slate-500">{e.general.noNote}</span>}</dd>
            </div>
          ))}
        </dl>
      )}
      {ev.evaluatedAt && data.evaluatedByName ? (
        <p className="text-xs text-slate-500">{fmt(e.general.evaluatedBy, { time: formatDateTime(ev.evaluatedAt), name: data.evaluatedByName })}</p>
      ) : null}
    </section>
  );
}

function SelfPart({ data, reply }: { data: LoaderData; reply: Reply }) {
  const { e } = useEvalT();
  const ev = data.e;
  const editable = data.own && ev.status !== "finalised";
  const lastResult = reply && "intent" in reply && reply.intent === "self" ? reply.result : undefined;
  const [form, fields] = useForm<{ text: string }>({ id: "eval-self", lastResult, defaultValue: { text: ev.selfAssessment }, shouldRevalidate: "onSubmit" });
  return (
    <section className="card space-y-3" aria-labelledby="eval-self-h">
      <h2 id="eval-self-h" className="font-semibold">
        {e.self.heading}
      </h2>
      {editable ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="self" />
          <input type="hidden" name="period" value={data.nav.key} />
          <input type="hidden" name="version" value={ev.version} />
          <EvalField meta={fields.text} label={e.self.heading} hint={e.self.hint}>
            <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: fields.text.descriptionId })} rows={5} maxLength={3000} className="input" />
          </EvalField>
          <button type="submit" className="btn-secondary">
            {e.self.save}
          </button>
        </Form>
      ) : ev.selfAssessment ? (
        <p className="text-sm break-words whitespace-pre-line text-slate-800">{ev.selfAssessment}</p>
      ) : (
        <p className="text-sm text-slate-600">{e.self.empty}</p>
      )}
      {ev.selfAssessedAt ? <p className="text-xs text-slate-500">{fmt(e.self.writtenAt, { time: formatDateTime(ev.selfAssessedAt) })}</p> : null}
    </section>
  );
}

function FinalisePart({ data }: { data: LoaderData }) {
  const { e } = useEvalT();
  const ev = data.e;
  if (!data.manage || data.own || ev.status === "finalised") return null;
  const missing = ev.result.missing.map((m) => e.finalise.missing[m]);
  if (ev.periodOpen) missing.push(fmt(e.finalise.missing.periodOpen, { date: formatDate(data.periodEnd) }));
  return (
    <section className="card space-y-2" aria-labelledby="eval-finalise">
      <h2 id="eval-finalise" className="font-semibold">
        {e.finalise.heading}
      </h2>
      <p className="hint">{e.finalise.hint}</p>
      {missing.length ? (
        <ul className="list-disc pl-5 text-sm text-amber-900">
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      <Form method="post" className="space-y-2">
        <input type="hidden" name="period" value={data.nav.key} />
        <input type="hidden" name="version" value={ev.version} />
        {missing.length === 0 ? (
          <label className="flex items-start gap-2 text-sm">
            <input type="checkbox" name="confirm" value="on" required className="mt-0.5 h-4 w-4" />
            <span>{e.finalise.confirm}</span>
          </label>
        ) : null}
        <button name="intent" value="finalise" className="btn-primary disabled:cursor-not-allowed disabled:opacity-50" disabled={missing.length > 0}>
          {e.finalise.button}
        </button>
      </Form>
    </section>
  );
}

export default function MemberEvaluationPage() {
  const loaded = useLoaderData<typeof loader>();
  const reply = useActionData<typeof action>();
  if (loaded.view === "year") return <YearMemberPage data={loaded} reply={reply} />;
  return <PeriodPage data={loaded} reply={reply} />;
}

function PeriodPage({ data, reply }: { data: LoaderData; reply: Reply }) {
  const { t, e } = useEvalT();
  const ev = data.e;
  // Errors about the evaluation as a whole (finalised, stale, own) come back on the hidden version field.
  const formError =
    reply && reply.result?.status === "error" ? evaluationErrorText(t, reply.result.error?.version?.[0] ?? (reply.intent === "finalise" ? reply.result.error?.confirm?.[0] : undefined)) : undefined;
  const path = `/o/${data.slug}/evaluations/${ev.membershipId}`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      {data.all ? (
        <p>
          <Link to={`/o/${data.slug}/evaluations?period=${data.nav.key}`}>← {e.title}</Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">{ev.name}</h1>
          <p className="mt-1 text-slate-600">
            {[ev.positionName ?? ev.title, `${e.title} ${periodText(t, data.nav.key).toLowerCase()}`].filter(Boolean).join(" · ")}
          </p>
        </div>
        <PeriodPicker nav={data.nav} path={path} />
      </div>
      {formError ? (
        <p className="alert" role="alert">
          {formError}
        </p>
      ) : null}
      <Summary data={data} />
      <TaskPart data={data} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <GeneralPart data={data} reply={reply} />
        <div className="space-y-4">
          <SelfPart key={`self-${ev.version}`} data={data} reply={reply} />
          <FinalisePart data={data} />
        </div>
      </div>
    </div>
  );
}
