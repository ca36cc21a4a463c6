// The annual evaluation's two pages, rendered by the evaluation routes when `?period=YYYY`: the
// centre's year (every member, the bands, the 20% rule, each period's result) and one member's year
// (the figures, the leader's form, the self-assessment, finalising).
import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors, type FieldMeta } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { annualErrorText } from "~/i18n/sections/annual";
import { periodText, pointsText } from "~/i18n/sections/evaluations";
import { formatDate, formatDateTime } from "~/utils/time";
import type { MemberYear, YearPeriodCell, YearRow } from "~/modules/evaluation/annual.server";
import type { Cap } from "~/modules/evaluation/annual";
import { BANDS, CRITERION_MAX, GENERAL_CRITERIA, TASK_POINTS, type Band, type GeneralCriterion } from "~/modules/evaluation/score";
import { BandBadge, PeriodPicker, PointsOutOf, STATUS_STYLE, type PeriodNav } from "./EvaluationParts";

const noteField = (c: GeneralCriterion) => `${c}Note` as const;

interface YearHeader {
  view: "year";
  year: number;
  nav: PeriodNav;
  /** The day the year must be rated before (YYYY-MM-DD), and the days left until it (negative once past). */
  deadline: string;
  daysLeft: number;
  beforeScale: boolean;
  notStarted: boolean;
  firstScaleYear: number;
  slug: string;
}

export interface YearCentreData extends YearHeader {
  rows: YearRow[];
  counts: Record<Band, number> | null;
  rule: { excellent: number; good: number; allowed: number; exceeded: boolean } | null;
  provisional: number;
  finalised: number;
  unrated: number;
  all: boolean;
}

export interface YearMemberData extends YearHeader {
  early: boolean;
  e: MemberYear;
  cells: YearPeriodCell[];
  evaluatedByName: string | null;
  finalisedByName: string | null;
  own: boolean;
  manage: boolean;
  canFinalise: boolean;
  all: boolean;
}

type YearReply = { result?: SubmissionResult<string[]>; intent?: string } | undefined;

function useAnnualT() {
  const t = useT();
  return { t, a: t.annual, e: t.evaluations };
}

/** The deadline line, and the notices for a year before the 100-point scale or not yet begun. */
function YearNotices({ data }: { data: YearHeader }) {
  const { a } = useAnnualT();
  return (
    <>
      {data.beforeScale ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800" role="status">
          {fmt(a.beforeScale, { year: data.year, first: data.firstScaleYear })}
        </p>
      ) : data.notStarted ? (
        <p className="rounded-md border border-slate-300 bg-slate-50 px-3 py-2 text-sm text-slate-800" role="status">
          {fmt(a.notStarted, { year: data.year })}
        </p>
      ) : (
        <p className="rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {fmt(a.deadline, { year: data.year, date: formatDate(data.deadline) })}
          {data.daysLeft > 0 ? fmt(a.daysLeft, { n: data.daysLeft }) : a.deadlinePassed}
        </p>
      )}
    </>
  );
}

function Method() {
  const { t, a } = useAnnualT();
  return (
    <details className="card text-sm text-slate-700">
      <summary className="cursor-pointer font-semibold text-slate-900">{a.method.heading}</summary>
      <ul className="mt-2 list-disc space-y-1 pl-5">
        <li>{a.method.basis}</li>
        <li>{a.method.tasks}</li>
        <li>{fmt(a.method.general, { max: pointsText(t, CRITERION_MAX.political) })}</li>
        <li>{a.method.bands}</li>
        <li className="font-medium text-slate-900">{a.method.caps}</li>
        <li>{a.method.chosen}</li>
        <li>{a.method.finalise}</li>
        <li>{a.method.rounding}</li>
      </ul>
    </details>
  );
}

/** A band badge, marked "dự kiến" while the year's general criteria are not scored. */
function YearBand({ band, provisional }: { band: Band | null; provisional: boolean }) {
  const { a } = useAnnualT();
  return (
    <span className="inline-flex flex-wrap items-center gap-1">
      <BandBadge band={band} />
      {band && provisional ? <span className="text-xs text-slate-500">({a.provisional})</span> : null}
    </span>
  );
}

function countedText(a: ReturnType<typeof useAnnualT>["a"], basis: YearRow["basis"], n: number) {
  return basis ? fmt(a.counted[basis], { n }) : a.counted.none;
}

function Counts({ data }: { data: YearCentreData }) {
  const { a, e } = useAnnualT();
  if (!data.counts || !data.rule) return null;
  return (
    <section className="card" aria-labelledby="year-counts">
      <h2 id="year-counts" className="font-semibold">
        {a.countsHeading}
      </h2>
      <ul className="mt-2 flex flex-wrap gap-2 text-sm">
        {BANDS.map((b) => (
          <li key={b} className="rounded-md bg-slate-50 px-2 py-1">
            {e.bands[b]}: <span className="font-semibold tabular-nums">{data.counts![b]}</span>
          </li>
        ))}
        <li className="rounded-md bg-slate-50 px-2 py-1">{fmt(a.countsUnrated, { n: data.unrated })}</li>
        <li className="rounded-md bg-slate-50 px-2 py-1">{fmt(a.countsProvisional, { n: data.provisional })}</li>
        <li className="rounded-md bg-slate-50 px-2 py-1">{fmt(a.countsFinalised, { n: data.finalised, total: data.rows.length })}</li>
      </ul>
      <p
        className={`mt-3 rounded-md border px-3 py-2 text-sm ${data.rule.exceeded ? "border-amber-300 bg-amber-50 text-amber-900" : "border-slate-200 bg-slate-50 text-slate-700"}`}
        role="status"
        data-testid="excellence-rule"
      >
        {fmt(data.rule.exceeded ? a.ruleExceeded : a.rule, { excellent: data.rule.excellent, good: data.rule.good, allowed: data.rule.allowed })}
      </p>
    </section>
  );
}

function MembersTable({ data }: { data: YearCentreData }) {
  const { t, a, e } = useAnnualT();
  const pts = (n: number | null) => (n === null ? "—" : pointsText(t, n));
  if (data.rows.length === 0) return <p className="card text-sm text-slate-600">{e.noMembers}</p>;
  return (
    <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
      <table className="data-table" aria-label={fmt(a.title, { year: data.year })}>
        <thead>
          <tr>
            <th scope="col">{a.cols.name}</th>
            <th scope="col" className="hidden md:table-cell">
              {a.cols.periods}
            </th>
            <th scope="col" className="hidden text-right lg:table-cell">
              {a.cols.periodTotal}
            </th>
            <th scope="col" className="hidden text-right sm:table-cell">
              {a.cols.taskPoints}
            </th>
            <th scope="col" className="hidden text-right sm:table-cell">
              {a.cols.general}
            </th>
            <th scope="col" className="text-right">
              {a.cols.total}
            </th>
            <th scope="col" className="hidden sm:table-cell">
              {a.cols.band}
            </th>
            <th scope="col" className="hidden lg:table-cell">
              {a.cols.status}
            </th>
          </tr>
        </thead>
        <tbody>
          {data.rows.map((r) => (
            <tr key={r.membershipId} data-member={r.membershipId}>
              <td>
                <Link to={`/o/${data.slug}/evaluations/${r.membershipId}?period=${data.year}`} className="font-medium">
                  {r.name}
                </Link>
                <span className="block text-xs text-slate-600">{r.positionName ?? r.title}</span>
                <span className="mt-1 flex flex-wrap gap-1 sm:hidden">
                  <YearBand band={r.band} provisional={r.provisional} />
                </span>
                <span className={`badge mt-1 whitespace-nowrap lg:hidden ${STATUS_STYLE[r.status]}`}>{r.decidedHere ? a.status[r.status] : a.superior}</span>
              </td>
              <td className="hidden text-slate-700 md:table-cell">{countedText(a, r.basis, r.counted)}</td>
              <td className="hidden text-right tabular-nums lg:table-cell">{pts(r.periodTotal)}</td>
              <td className="hidden text-right tabular-nums sm:table-cell">{pts(r.taskPoints)}</td>
              <td className="hidden text-right tabular-nums sm:table-cell">
                {pts(r.generalPoints)}
                {r.provisional && r.generalPoints !== null ? <span className="block text-xs text-slate-500">{a.provisional}</span> : null}
              </td>
              <td className="text-right font-semibold tabular-nums">{pts(r.total)}</td>
              <td className="hidden min-w-36 sm:table-cell">
                <YearBand band={r.band} provisional={r.provisional} />
              </td>
              <td className="hidden lg:table-cell">
                {r.decidedHere ? (
                  <span className={`badge whitespace-nowrap ${STATUS_STYLE[r.status]}`}>{a.status[r.status]}</span>
                ) : (
                  <span className="badge whitespace-nowrap" title={a.superiorHint}>
                    {a.superior}
                  </span>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

const CELL_STYLE: Record<Band, string> = {
  excellent: "text-green-800 font-semibold",
  good: "text-green-800",
  completed: "text-amber-900",
  failed: "text-red-700 font-semibold",
};

/** A period's total in a table cell: the finalised total, "chưa chốt" or "—". */
function PeriodCellText({ cell }: { cell: YearPeriodCell }) {
  const { t, a, e } = useAnnualT();
  if (cell.status === "finalised" && cell.total !== null)
    return (
      <span className={cell.band ? CELL_STYLE[cell.band] : ""} title={cell.band ? e.bands[cell.band] : undefined}>
        {pointsText(t, cell.total)}
      </span>
    );
  if (cell.status === "draft") return <span className="text-xs text-slate-500">{a.periodDraft}</span>;
  return <span className="text-slate-400">{a.periodNone}</span>;
}

const shortPeriod = (key: string) => (key.includes("Q") ? `Q${key.slice(6)}` : `T${Number(key.slice(5, 7))}`);

function PeriodsTable({ data }: { data: YearCentreData }) {
  const { a, e } = useAnnualT();
  if (data.rows.length === 0) return null;
  const keys = data.rows[0]!.periods.map((p) => p.key);
  return (
    <section className="space-y-2" aria-labelledby="year-periods">
      <div>
        <h2 id="year-periods" className="font-semibold">
          {a.periodsHeading}
        </h2>
        <p className="hint">{a.periodsHint}</p>
      </div>
      <div className="overflow-x-auto rounded-lg border border-slate-200 bg-white">
        <table className="data-table">
          <thead>
            <tr>
              <th scope="col" className="sticky left-0 bg-slate-50">
                {a.cols.name}
              </th>
              {keys.map((k) => (
                <th key={k} scope="col" className={`text-right whitespace-nowrap ${k.includes("Q") ? "bg-slate-100" : ""}`}>
                  <abbr title={k} className="no-underline">
                    {shortPeriod(k)}
                  </abbr>
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {data.rows.map((r) => (
              <tr key={r.membershipId}>
                <th scope="row" className="sticky left-0 bg-white text-left font-medium whitespace-nowrap">
                  {r.name}
                </th>
                {r.periods.map((c) => (
                  <td key={c.key} className={`text-right tabular-nums whitespace-nowrap ${c.kind === "quarter" ? "bg-slate-50" : ""}`}>
                    <PeriodCellText cell={c} />
                  </td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <p className="flex flex-wrap gap-x-3 text-xs">
        {BANDS.map((b) => (
          <span key={b} className={CELL_STYLE[b]}>
            {e.bands[b]}
          </span>
        ))}
      </p>
    </section>
  );
}

export function YearCentrePage({ data }: { data: YearCentreData }) {
  const { a } = useAnnualT();
  const path = `/o/${data.slug}/evaluations`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="max-w-3xl">
          <h1 className="page-title">{fmt(a.title, { year: data.year })}</h1>
          <p className="mt-1 text-slate-600">{data.all ? a.intro : fmt(a.introOwn, { year: data.year })}</p>
        </div>
        <PeriodPicker nav={data.nav} path={path} />
      </div>
      <YearNotices data={data} />
      <Counts data={data} />
      <MembersTable data={data} />
      {data.all && data.rows.length ? (
        <p>
          <a href={`${path}/year.xlsx?year=${data.year}`} className="btn-secondary" download>
            {a.exportXlsx}
          </a>
        </p>
      ) : null}
      <PeriodsTable data={data} />
      <Method />
    </div>
  );
}

// ---------- one member's year ----------

/** A labelled control whose error key may be one of the annual or evaluation section's own. */
function YearField(props: { meta: FieldMeta; label: ReactNode; hint?: string; optional?: boolean; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => annualErrorText(t, key)} />;
}

function capLines(a: ReturnType<typeof useAnnualT>["a"], cap: Cap | null, ev: YearMemberData["e"], period: (k: string) => string): string[] {
  if (cap === "disciplined") {
    const lines = [a.summary.disciplined];
    if (ev.disciplinedIn) lines.push(fmt(a.summary.disciplinedIn, { period: period(ev.disciplinedIn) }));
    if (ev.disciplinedNote) lines.push(fmt(a.summary.disciplinedNote, { note: ev.disciplinedNote }));
    return lines;
  }
  if (cap === "absent") return [a.summary.absent, ...(ev.absentNote ? [fmt(a.summary.absentNote, { note: ev.absentNote })] : [])];
  return [];
}

function Summary({ data }: { data: YearMemberData }) {
  const { t, a, e } = useAnnualT();
  const ev = data.e;
  const r = ev.result;
  const caps = capLines(a, r.cap, ev, (k) => periodText(t, k));
  return (
    <section className="card" aria-labelledby="year-summary">
      <h2 id="year-summary" className="sr-only">
        {a.summary.total}
      </h2>
      <div className="grid gap-3 sm:grid-cols-[auto_auto_minmax(0,1fr)] sm:items-center sm:gap-x-6">
        <div>
          <p className="text-sm text-slate-600">{a.summary.total}</p>
          <p className="text-4xl font-semibold text-brand-700 tabular-nums" data-testid="year-total">
            {r.shown.total === null ? <span className="text-xl text-slate-500">{a.summary.notYet}</span> : pointsText(t, r.shown.total)}
          </p>
        </div>
        <div className="min-w-0" data-testid="year-band">
          <YearBand band={r.band} provisional={r.provisional} />
          <p className="mt-1">
            <span className={`badge ${STATUS_STYLE[ev.status]}`}>{ev.decidedHere ? a.status[ev.status] : a.superior}</span>
          </p>
        </div>
        <dl className="grid grid-cols-2 gap-2 text-sm sm:max-w-md">
          <div className="rounded-md bg-slate-50 px-2 py-1.5">
            <dt className="text-slate-600">{r.counted.length ? fmt(a.summary.taskPart, { n: r.counted.length }) : a.summary.taskPartNone}</dt>
            <dd className="tabular-nums"><PointsOutOf n={r.shown.taskPoints} max={TASK_POINTS} /></dd>
          </div>
          <div className="rounded-md bg-slate-50 px-2 py-1.5">
            <dt className="text-slate-600">{a.summary.generalPart}</dt>
            <dd className="tabular-nums">
              <PointsOutOf n={r.shown.generalPoints} max={30} />
              {r.generalSource === "periods" ? <span className="block text-xs text-slate-500">{a.summary.generalFromPeriods}</span> : null}
            </dd>
          </div>
        </dl>
      </div>
      {r.shown.periodTotal !== null ? <p className="mt-2 text-sm text-slate-600">{fmt(a.summary.periodTotal, { points: pointsText(t, r.shown.periodTotal) })}</p> : null}
      {r.provisional && r.total !== null ? <p className="mt-1 text-sm text-slate-600">{a.provisionalHint}</p> : null}
      {caps.length ? (
        <div className="mt-3 rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-800" role="status">
          {caps.map((l, i) => (
            <p key={l} className={i === 0 ? "font-medium" : undefined}>
              {l}
            </p>
          ))}
          {r.scoreBand ? <p>{fmt(a.summary.scoreBand, { band: e.bands[r.scoreBand] })}</p> : null}
        </div>
      ) : null}
      {r.chosen === "applied" && r.cappedBand ? (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {fmt(a.summary.chosen, { band: e.bands[r.cappedBand], note: ev.chosenBandNote })}
        </p>
      ) : r.chosen === "ignored" ? (
        <p className="mt-3 rounded-md border border-amber-300 bg-amber-50 px-3 py-2 text-sm text-amber-900" role="status">
          {a.summary.chosenIgnored}
        </p>
      ) : null}
      {ev.status === "finalised" && ev.finalisedAt ? (
        <div className="mt-3 rounded-md border border-brand-100 bg-brand-50 px-3 py-2 text-sm text-brand-800" role="status">
          <p>{fmt(a.summary.finalised, { time: formatDateTime(ev.finalisedAt), name: data.finalisedByName ?? "—" })}</p>
          {ev.earlyReason ? <p>{fmt(a.summary.early, { reason: ev.earlyReason })}</p> : null}
        </div>
      ) : null}
      {!ev.decidedHere ? <p className="mt-3 text-sm text-slate-600">{a.superiorHint}</p> : null}
    </section>
  );
}

/** The year's periods as a grid of cells: total and band of each finalised one; counted ones marked. */
function PeriodsGrid({ data }: { data: YearMemberData }) {
  const { t, a, e } = useAnnualT();
  const groups = [data.cells.filter((c) => c.kind === "month"), data.cells.filter((c) => c.kind === "quarter")];
  return (
    <section className="card space-y-3" aria-labelledby="year-member-periods">
      <div>
        <h2 id="year-member-periods" className="font-semibold">
          {a.periodsHeading}
        </h2>
        <p className="hint">{a.periodsHint}</p>
      </div>
      {groups.map((cells, gi) => (
        <ol key={gi} className={`grid gap-2 ${gi === 0 ? "grid-cols-3 sm:grid-cols-4 lg:grid-cols-6" : "grid-cols-2 sm:grid-cols-4"}`}>
          {cells.map((c) => (
            <li
              key={c.key}
              className={`rounded-md border px-2 py-1.5 text-sm ${c.counted ? "border-brand-200 bg-brand-50/50" : "border-slate-200"}`}
              data-period={c.key}
            >
              <p className="flex items-baseline justify-between gap-1 text-xs text-slate-600">
                <span title={periodText(t, c.key)}>{c.kind === "quarter" ? fmt(a.short.quarter, { q: c.key.slice(6) }) : fmt(a.short.month, { m: Number(c.key.slice(5, 7)) })}</span>
                {c.counted ? <span className="font-medium text-brand-700">✓ {a.counts}</span> : null}
              </p>
              <p className="mt-0.5 tabular-nums">
                <PeriodCellText cell={c} />
              </p>
              {c.status === "finalised" && c.band ? (
                <p className={`mt-0.5 text-xs ${CELL_STYLE[c.band]}`}>{e.bands[c.band]}</p>
              ) : c.status === "finalised" ? null : (
                <p className="mt-0.5 text-xs text-transparent" aria-hidden>
                  .
                </p>
              )}
            </li>
          ))}
        </ol>
      ))}
    </section>
  );
}

type AssessmentFields = Record<string, string>;

function AssessmentForm({ data, lastResult }: { data: YearMemberData; lastResult?: SubmissionResult<string[]> }) {
  const { t, a, e } = useAnnualT();
  const ev = data.e;
  const r = ev.result;
  const text = (n: number | null) => (n === null ? "" : pointsText(t, n));
  // Until the leader scores the year, the periods' mean per criterion is offered (rounded down).
  const suggested = (c: GeneralCriterion) => {
    const m = r.periodGeneral[c];
    return m === null ? null : Math.floor(m * 100 + 1e-7) / 100;
  };
  const defaults: AssessmentFields = {
    disciplinedNote: ev.disciplinedNote,
    absentNote: ev.absentNote,
    chosenBand: ev.chosenBand ?? "",
    chosenBandNote: ev.chosenBandNote,
    comment: ev.comment,
  };
  for (const c of GENERAL_CRITERIA) {
    defaults[c] = text(ev.general[c].points ?? suggested(c));
    defaults[noteField(c)] = ev.general[c].note;
  }
  if (ev.disciplinedFlag) defaults.disciplined = "on";
  if (ev.absent) defaults.absent = "on";
  const [form, fields] = useForm<AssessmentFields>({ id: "year-assessment", lastResult, defaultValue: defaults, shouldRevalidate: "onSubmit" });
  // The bands the leader may choose: at or below the one the points and caps give.
  const ceiling = r.cappedBand;
  const choices = ceiling ? BANDS.slice(BANDS.indexOf(ceiling)) : [];
  const check = (name: "disciplined" | "absent", label: string, hint: string) => {
    const meta = fields[name]!;
    return (
      <>
        <label className="flex items-start gap-2 text-sm font-medium">
          <input
            type="checkbox"
            id={meta.id}
            name={meta.name}
            value="on"
            defaultChecked={meta.initialValue === "on"}
            aria-describedby={`${meta.id}-hint`}
            className="mt-0.5 h-4 w-4 shrink-0"
          />
          {label}
        </label>
        <p id={`${meta.id}-hint`} className="hint">
          {hint}
        </p>
      </>
    );
  };
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="yearAssessment" />
      <input type="hidden" name="period" value={data.year} />
      <input type="hidden" name="version" value={ev.version} />
      <FormErrors invalid={lastResult?.status === "error"} />
      {GENERAL_CRITERIA.map((c) => {
        const p = fields[c]!;
        const n = fields[noteField(c)]!;
        const mean = r.periodGeneral[c];
        return (
          <fieldset key={c} className="grid gap-3 rounded-md border border-slate-200 p-3 sm:grid-cols-[7rem_minmax(0,1fr)]">
            <legend className="px-1 text-sm font-semibold">
              {e.criteria[c]} <span className="font-normal text-slate-500">({fmt(e.general.max, { max: pointsText(t, CRITERION_MAX[c]) })})</span>
            </legend>
            <YearField meta={p} label={e.general.points} hint={mean === null ? undefined : fmt(a.form.periodMean, { points: pointsText(t, Math.floor(mean * 100 + 1e-7) / 100) })}>
              <input {...getInputProps(p, { type: "text" })} inputMode="decimal" autoComplete="off" className="input" />
            </YearField>
            <YearField meta={n} label={e.general.note} hint={e.general.noteHint}>
              <textarea {...getTextareaProps(n)} rows={2} maxLength={500} className="input" />
            </YearField>
          </fieldset>
        );
      })}
      <div className="space-y-2 rounded-md border border-slate-200 p-3">
        {check("disciplined", fmt(a.form.disciplined, { year: data.year }), a.form.disciplinedHint)}
        {ev.disciplinedIn ? <p className="text-sm text-red-800">{fmt(a.form.disciplinedFromPeriod, { period: periodText(t, ev.disciplinedIn) })}</p> : null}
        <YearField meta={fields.disciplinedNote!} label={a.form.disciplinedNote} hint={a.form.disciplinedNoteHint}>
          <input {...getInputProps(fields.disciplinedNote!, { type: "text" })} maxLength={500} className="input" />
        </YearField>
      </div>
      <div className="space-y-2 rounded-md border border-slate-200 p-3">
        {check("absent", a.form.absent, a.form.absentHint)}
        <YearField meta={fields.absentNote!} label={a.form.absentNote}>
          <input {...getInputProps(fields.absentNote!, { type: "text" })} maxLength={500} className="input" />
        </YearField>
      </div>
      <div className="grid gap-3 rounded-md border border-slate-200 p-3">
        <YearField meta={fields.chosenBand!} label={a.form.chosenBand} hint={a.form.chosenBandHint}>
          <select {...getSelectProps(fields.chosenBand!)} className="input">
            <option value="">
              {a.form.chosenAuto}
              {ceiling ? ` (${e.bands[ceiling]})` : ""}
            </option>
            {choices.map((b) => (
              <option key={b} value={b}>
                {e.bands[b]}
              </option>
            ))}
            {ev.chosenBand && !choices.includes(ev.chosenBand) ? <option value={ev.chosenBand}>{e.bands[ev.chosenBand]}</option> : null}
          </select>
        </YearField>
        <YearField meta={fields.chosenBandNote!} label={a.form.chosenBandNote}>
          <input {...getInputProps(fields.chosenBandNote!, { type: "text" })} maxLength={500} className="input" />
        </YearField>
      </div>
      <YearField meta={fields.comment!} label={a.form.comment} hint={a.form.commentHint} optional>
        <textarea {...getTextareaProps(fields.comment!)} rows={4} maxLength={3000} className="input" />
      </YearField>
      <button type="submit" className="btn-primary w-full sm:w-auto">
        {a.form.save}
      </button>
    </Form>
  );
}

function AssessmentPart({ data, reply }: { data: YearMemberData; reply: YearReply }) {
  const { t, a, e } = useAnnualT();
  const ev = data.e;
  const editable = data.manage && !data.own && ev.status !== "finalised" && !data.beforeScale && !data.notStarted;
  const entered = GENERAL_CRITERIA.some((c) => ev.general[c].points !== null);
  const lastResult = reply?.intent === "yearAssessment" ? reply.result : undefined;
  return (
    <section className="card space-y-3" aria-labelledby="year-assessment-h">
      <h2 id="year-assessment-h" className="font-semibold">
        {a.form.heading}
      </h2>
      {data.own && data.manage ? <p className="hint">{a.form.own}</p> : null}
      {editable ? (
        <AssessmentForm key={`${ev.version}`} data={data} lastResult={lastResult} />
      ) : !entered ? (
        <p className="text-sm text-slate-600">{a.form.notEntered}</p>
      ) : (
        <>
          <dl className="divide-y divide-slate-100 text-sm">
            {GENERAL_CRITERIA.map((c) => (
              <div key={c} className="py-2">
                <div className="flex items-baseline justify-between gap-3">
                  <dt className="font-medium">{e.criteria[c]}</dt>
                  <dd className="shrink-0 tabular-nums">
                    <span className="font-semibold">{ev.general[c].points === null ? "—" : pointsText(t, ev.general[c].points!)}</span>
                    <span className="text-slate-500">/{pointsText(t, CRITERION_MAX[c])}</span>
                  </dd>
                </div>
                <dd className="mt-0.5 break-words text-slate-700">{ev.general[c].note || <span className="text-slate-500">{e.general.noNote}</span>}</dd>
              </div>
            ))}
          </dl>
          <div className="text-sm">
            <p className="font-medium">{a.form.comment}</p>
            <p className="break-words whitespace-pre-line text-slate-700">{ev.comment || <span className="text-slate-500">{a.form.noComment}</span>}</p>
          </div>
        </>
      )}
      {ev.evaluatedAt && data.evaluatedByName ? (
        <p className="text-xs text-slate-500">{fmt(a.form.evaluatedBy, { time: formatDateTime(ev.evaluatedAt), name: data.evaluatedByName })}</p>
      ) : null}
    </section>
  );
}

function SelfPart({ data, reply }: { data: YearMemberData; reply: YearReply }) {
  const { a, e } = useAnnualT();
  const ev = data.e;
  const editable = data.own && ev.status !== "finalised" && !data.beforeScale && !data.notStarted;
  const lastResult = reply?.intent === "yearSelf" ? reply.result : undefined;
  const [form, fields] = useForm<{ text: string; selfBand: string }>({
    id: "year-self",
    lastResult,
    defaultValue: { text: ev.selfAssessment, selfBand: ev.selfBand ?? "" },
    shouldRevalidate: "onSubmit",
  });
  return (
    <section className="card space-y-3" aria-labelledby="year-self-h">
      <h2 id="year-self-h" className="font-semibold">
        {a.self.heading}
      </h2>
      {editable ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="intent" value="yearSelf" />
          <input type="hidden" name="period" value={data.year} />
          <input type="hidden" name="version" value={ev.version} />
          <YearField meta={fields.text} label={a.self.text} hint={a.self.hint}>
            <textarea {...getTextareaProps(fields.text, { ariaDescribedBy: fields.text.descriptionId })} rows={5} maxLength={3000} className="input" />
          </YearField>
          <YearField meta={fields.selfBand} label={a.self.band}>
            <select {...getSelectProps(fields.selfBand)} className="input">
              <option value="">{a.self.bandNone}</option>
              {BANDS.map((b) => (
                <option key={b} value={b}>
                  {e.bands[b]}
                </option>
              ))}
            </select>
          </YearField>
          <button type="submit" className="btn-secondary">
            {a.self.save}
          </button>
        </Form>
      ) : (
        <>
          {ev.selfAssessment ? (
            <p className="text-sm break-words whitespace-pre-line text-slate-800">{ev.selfAssessment}</p>
          ) : (
            <p className="text-sm text-slate-600">{a.self.empty}</p>
          )}
          {ev.selfBand ? <p className="text-sm">{fmt(a.self.shownBand, { band: e.bands[ev.selfBand] })}</p> : null}
        </>
      )}
      {ev.selfAssessedAt ? <p className="text-xs text-slate-500">{fmt(a.self.writtenAt, { time: formatDateTime(ev.selfAssessedAt) })}</p> : null}
    </section>
  );
}

function FinalisePart({ data, reply }: { data: YearMemberData; reply: YearReply }) {
  const { a } = useAnnualT();
  const t = useT();
  const ev = data.e;
  const lastResult = reply?.intent === "yearFinalise" ? reply.result : undefined;
  const [form, fields] = useForm<{ earlyReason: string }>({ id: "year-finalise", lastResult, shouldRevalidate: "onSubmit" });
  if (!data.manage || data.own || ev.status === "finalised" || data.beforeScale || data.notStarted) return null;
  const missing = ev.result.missing.map((m) => a.finalise.missing[m]);
  const earlyError = annualErrorText(t, fields.earlyReason.errors?.[0]);
  return (
    <section className="card space-y-2" aria-labelledby="year-finalise-h">
      <h2 id="year-finalise-h" className="font-semibold">
        {a.finalise.heading}
      </h2>
      <p className="hint">{a.finalise.hint}</p>
      {!data.canFinalise ? <p className="text-sm text-slate-700">{a.finalise.directorOnly}</p> : null}
      {missing.length ? (
        <ul className="list-disc pl-5 text-sm text-amber-900">
          {missing.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      ) : null}
      {data.canFinalise ? (
        <Form method="post" {...getFormProps(form)} className="space-y-3">
          <input type="hidden" name="period" value={data.year} />
          <input type="hidden" name="version" value={ev.version} />
          {data.early ? (
            <div>
              <p className="mb-2 text-sm text-amber-900">{fmt(a.finalise.early, { n: ev.result.counted.length })}</p>
              <label htmlFor={fields.earlyReason.id} className="label">
                {a.finalise.earlyReason}
              </label>
              <input
                {...getInputProps(fields.earlyReason, { type: "text" })}
                maxLength={500}
                className="input mt-1"
                aria-invalid={earlyError ? true : undefined}
                aria-describedby={earlyError ? fields.earlyReason.errorId : undefined}
              />
              {earlyError ? (
                <p id={fields.earlyReason.errorId} className="field-error" role="alert">
                  {earlyError}
                </p>
              ) : null}
            </div>
          ) : null}
          <button name="intent" value="yearFinalise" className="btn-primary disabled:cursor-not-allowed disabled:opacity-50" disabled={missing.length > 0}>
            {fmt(a.finalise.button, { year: data.year })}
          </button>
        </Form>
      ) : null}
    </section>
  );
}

export function YearMemberPage({ data, reply }: { data: YearMemberData; reply: YearReply }) {
  const { t, a } = useAnnualT();
  const ev = data.e;
  // Errors about the year as a whole (finalised, stale, own) come back on the hidden version field.
  const formError = reply?.result?.status === "error" ? annualErrorText(t, reply.result.error?.version?.[0]) : undefined;
  const path = `/o/${data.slug}/evaluations/${ev.membershipId}`;
  return (
    <div className="mx-auto max-w-6xl space-y-4">
      {data.all ? (
        <p>
          <Link to={`/o/${data.slug}/evaluations?period=${data.year}`}>← {fmt(a.title, { year: data.year })}</Link>
        </p>
      ) : null}
      <div className="flex flex-wrap items-end justify-between gap-3">
        <div className="min-w-0">
          <h1 className="page-title">{ev.name}</h1>
          <p className="mt-1 text-slate-600">{[ev.positionName ?? ev.title, fmt(a.title, { year: data.year })].filter(Boolean).join(" · ")}</p>
        </div>
        <PeriodPicker nav={data.nav} path={path} />
      </div>
      <YearNotices data={data} />
      {formError ? (
        <p className="alert" role="alert">
          {formError}
        </p>
      ) : null}
      <Summary data={data} />
      <p>
        <a href={`${path}/annual.docx?year=${data.year}`} className="btn-secondary" download>
          {a.downloadDocx}
        </a>
      </p>
      <PeriodsGrid data={data} />
      <div className="grid items-start gap-4 lg:grid-cols-2">
        <AssessmentPart data={data} reply={reply} />
        <div className="space-y-4">
          <SelfPart key={`self-${ev.version}`} data={data} reply={reply} />
          <FinalisePart key={`fin-${ev.version}`} data={data} reply={reply} />
        </div>
      </div>
    </div>
  );
}

