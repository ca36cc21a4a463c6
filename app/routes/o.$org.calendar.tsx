import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors, type FieldMeta } from "~/components/Field";
import { fmt, useT, type Messages } from "~/i18n";
import { calendarErrorText } from "~/i18n/sections/calendar";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import {
  addDecision,
  monthView,
  removeDecision,
  removeHolidayRule,
  saveHolidayRule,
  type MonthDay,
  type MonthEntry,
} from "~/modules/calendar/calendar.server";
import type { HolidayRule } from "~/modules/calendar/holidays";
import { lunarYearName } from "~/modules/calendar/lunar";
import {
  addDecisionSchema,
  formatMonthDay,
  holidayRuleSchema,
  MAX_CALENDAR_YEAR,
  MIN_CALENDAR_YEAR,
  removeDecisionSchema,
  removeRuleSchema,
  scheduleOn,
} from "~/modules/calendar/schedule";
import { loadScheduleVersions } from "~/modules/calendar/schedule.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { titled } from "~/i18n/meta";
import { vnDateOf } from "~/utils/dates";
import { formatDate } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.nav.calendar);

/** ?month=YYYY-MM within the supported years, else the current month in Vietnam. */
function parseMonth(param: string | null, today: string): { year: number; month: number } {
  const m = param ? /^(\d{4})-(\d{2})$/.exec(param) : null;
  if (m) {
    const year = Number(m[1]);
    const month = Number(m[2]);
    if (month >= 1 && month <= 12 && year >= MIN_CALENDAR_YEAR && year <= MAX_CALENDAR_YEAR) return { year, month };
  }
  return { year: Number(today.slice(0, 4)), month: Number(today.slice(5, 7)) };
}

const monthParam = (year: number, month: number) => `${year}-${String(month).padStart(2, "0")}`;

function shiftMonth(year: number, month: number, by: number): string | null {
  const index = year * 12 + (month - 1) + by;
  const y = Math.floor(index / 12);
  if (y < MIN_CALENDAR_YEAR || y > MAX_CALENDAR_YEAR) return null;
  return monthParam(y, (index % 12) + 1);
}

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "calendar.view");
  const today = vnDateOf(context.now());
  const { year, month } = parseMonth(new URL(request.url).searchParams.get("month"), today);
  const versions = await loadScheduleVersions(context.db, member.org.id);
  // The hours shown are today's; each day of the month is classified by the schedule of its date.
  const schedule = scheduleOn(versions, today);
  const view = await monthView(context.db, member.org.id, year, month, { versions, today });
  return {
    ...view,
    schedule,
    slug: member.org.slug,
    current: today.slice(0, 7),
    prev: shiftMonth(year, month, -1),
    next: shiftMonth(year, month, 1),
    canManage: can(member.roles, "calendar.manage"),
    canSeeSchedule: can(member.roles, "schedule.view"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "calendar.manage");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "add":
      return handleForm(
        formData,
        addDecisionSchema,
        async ({ intent: _i, ...input }) => {
          await addDecision(context.db, ctx, input);
          // Back to the month of the day added, where it shows.
          return succeeded(request, context, "calendarAdded", { date: formatDate(input.date), name: input.name }, `/o/${member.org.slug}/calendar?month=${input.date.slice(0, 7)}`);
        },
        { intent: "add" },
      );
    case "remove":
      return handleForm(
        formData,
        removeDecisionSchema,
        async ({ id }) => {
          const removed = await removeDecision(context.db, ctx, id);
          return succeeded(request, context, "calendarRemoved", { date: formatDate(removed.date) }, `/o/${member.org.slug}/calendar?month=${removed.date.slice(0, 7)}`);
        },
        { intent: "remove" },
      );
    case "saveRule": {
      const key = String(formData.get("key") ?? "");
      const formKey = `rule-${key || "new"}`;
      return handleForm(
        formData,
        holidayRuleSchema,
        async ({ intent: _i, ...input }) => {
          await saveHolidayRule(context.db, ctx, input);
          return succeeded(request, context, "calendarRuleSaved", { date: `${input.dayMonth.slice(3, 5)}/${input.dayMonth.slice(0, 2)}`, name: input.name });
        },
        { intent: formKey },
      );
    }
    case "removeRule":
      return handleForm(
        formData,
        removeRuleSchema,
        async ({ key }) => {
          const removed = await removeHolidayRule(context.db, ctx, key);
          return succeeded(request, context, "calendarRuleRemoved", { name: removed.name });
        },
        { intent: "removeRule" },
      );
    default:
      badRequest();
  }
}

type CT = Messages["calendar"];

function lunarText(t: CT, l: MonthDay["lunar"]): string {
  return `${l.day}/${l.month}${l.leap ? ` (${t.leap})` : ""}`;
}

function lunarMonthName(t: CT, l: MonthDay["lunar"]): string {
  return `${t.lunarMonths[l.month - 1]}${l.leap ? ` ${t.leap}` : ""}`;
}

const CELL: Record<string, string> = {
  working: "border-slate-200 bg-white",
  saturday: "border-sky-200 bg-sky-50",
  weekend: "border-slate-200 bg-slate-100",
  holiday: "border-red-200 bg-red-50",
  makeup: "border-amber-300 bg-amber-50",
};
const DAY_NUMBER: Record<string, string> = {
  working: "text-slate-900",
  saturday: "text-sky-900",
  weekend: "text-slate-500",
  holiday: "text-red-700",
  makeup: "text-amber-800",
};
const BADGE: Record<string, string> = {
  working: "bg-slate-100 text-slate-700",
  saturday: "bg-sky-100 text-sky-900",
  weekend: "bg-slate-200 text-slate-700",
  holiday: "bg-red-100 text-red-800",
  makeup: "bg-amber-100 text-amber-900",
};

const look = (d: MonthDay) => (d.saturdayOpen ? "saturday" : d.kind);

function kindLabel(t: CT, d: MonthDay): string {
  return d.saturdayOpen ? t.kinds.saturday : t.kinds[d.kind];
}

function MonthGrid({ days }: { days: MonthDay[] }) {
  const t = useT().calendar;
  const lead = days[0]?.weekday ?? 0;
  return (
    <div className="hidden sm:block">
      <div className="grid grid-cols-7 gap-1 text-center text-xs font-semibold text-slate-600" aria-hidden="true">
        {t.weekdaysShort.map((w, i) => (
          <div key={w} className={`py-1 ${i >= 5 ? "text-slate-500" : ""}`}>
            {w}
          </div>
        ))}
      </div>
      <ol className="grid grid-cols-7 gap-1">
        {Array.from({ length: lead }, (_, i) => (
          <li key={`lead-${i}`} aria-hidden="true" />
        ))}
        {days.map((d) => (
          <li
            key={d.date}
            data-date={d.date}
            data-kind={d.kind}
            data-origin={d.origin ?? undefined}
            className={`flex min-h-24 flex-col rounded-md border p-1.5 lg:min-h-28 ${CELL[look(d)]} ${d.today ? "ring-2 ring-brand-600" : ""}`}
          >
            <div className="flex items-start justify-between gap-1">
              <span className={`text-lg leading-none font-semibold ${DAY_NUMBER[look(d)]}`}>
                <span className="sr-only">{`${t.weekdays[d.weekday]}, `}</span>
                {d.day}
              </span>
              <span className="text-right text-xs leading-tight text-slate-600" title={fmt(t.lunarDayTitle, { date: lunarText(t, d.lunar) })}>
                <span className="sr-only">{`${t.lunarLabel} `}</span>
                {lunarText(t, d.lunar)}
                {d.lunar.day === 1 ? <span className="block font-medium text-brand-700">{lunarMonthName(t, d.lunar)}</span> : null}
              </span>
            </div>
            {d.today ? <span className="mt-1 text-[11px] font-semibold text-brand-700">{t.today}</span> : null}
            {d.kind !== "working" || d.saturdayOpen ? (
              <span className="sr-only">{kindLabel(t, d)}</span>
            ) : null}
            {d.name ? (
              <span className={`mt-auto line-clamp-3 pt-1 text-xs leading-snug ${DAY_NUMBER[look(d)]}`}>
                {d.name}
                {d.unconfirmed ? <span className="block font-semibold text-amber-800">{`(${t.unconfirmed})`}</span> : null}
                <span className="sr-only">{` — ${t.origin[d.origin ?? "computed"]}`}</span>
              </span>
            ) : d.saturdayOpen ? (
              <span className="mt-auto pt-1 text-xs leading-snug text-sky-900">{t.kinds.saturday}</span>
            ) : null}
          </li>
        ))}
      </ol>
    </div>
  );
}

function DayList({ days }: { days: MonthDay[] }) {
  const t = useT().calendar;
  return (
    <ol className="divide-y divide-slate-100 overflow-hidden rounded-lg border border-slate-200 bg-white sm:hidden">
      {days.map((d) => (
        <li key={d.date} data-date={d.date} className={`flex gap-3 px-3 py-2 ${look(d) === "working" ? "" : CELL[look(d)]} ${d.today ? "border-l-4 border-l-brand-600" : ""}`}>
          <div className="w-20 shrink-0">
            <p className={`text-sm font-semibold ${DAY_NUMBER[look(d)]}`}>{`${String(d.day).padStart(2, "0")}/${d.date.slice(5, 7)}`}</p>
            <p className="text-xs text-slate-600">{t.weekdays[d.weekday]}</p>
          </div>
          <div className="min-w-0 flex-1">
            {d.kind !== "working" || d.saturdayOpen ? (
              <span className={`badge ${BADGE[look(d)]}`}>{kindLabel(t, d)}</span>
            ) : null}
            {d.today ? <span className="badge ml-1 bg-brand-100 text-brand-800">{t.today}</span> : null}
            {d.name ? (
              <p className={`text-sm ${DAY_NUMBER[look(d)]}`}>
                {d.name}
                {d.unconfirmed ? <span className="ml-1 font-semibold text-amber-800">{`(${t.unconfirmed})`}</span> : null}
              </p>
            ) : null}
          </div>
          <p className="shrink-0 text-right text-xs text-slate-600">
            <abbr title={t.lunarLabel} className="mr-1 text-[10px] text-slate-500 no-underline">
              {t.lunarShort}
            </abbr>
            {lunarText(t, d.lunar)}
            {d.lunar.day === 1 ? <span className="block font-medium text-brand-700">{lunarMonthName(t, d.lunar)}</span> : null}
          </p>
        </li>
      ))}
    </ol>
  );
}

function Legend({ saturday }: { saturday: boolean }) {
  const t = useT().calendar;
  const items = (["working", "saturday", "weekend", "holiday", "makeup"] as const).filter((k) => saturday || k !== "saturday");
  return (
    <div className="flex flex-wrap items-center gap-x-4 gap-y-2 text-sm">
      <span className="font-medium text-slate-700">{t.legend}:</span>
      {items.map((k) => (
        <span key={k} className="inline-flex items-center gap-1.5">
          <span className={`inline-block h-4 w-4 rounded border ${CELL[k]}`} aria-hidden="true" />
          {t.kinds[k]}
        </span>
      ))}
    </div>
  );
}

function EntryRange({ e }: { e: MonthEntry }) {
  const t = useT().calendar;
  return (
    <>
      {e.from === e.to ? formatDate(e.from) : `${formatDate(e.from)} – ${formatDate(e.to)}`}
      {e.days > 1 ? <span className="text-slate-600">{` (${fmt(t.dayCount, { n: e.days })})`}</span> : null}
    </>
  );
}

/** A labelled control whose error key may be one of the section's own (calendarErrorText). */
function CalField(props: { meta: FieldMeta; label: ReactNode; hint?: string; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => calendarErrorText(t, key)} />;
}

function AddDecisionForm({ lastResult }: { lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const c = t.calendar;
  const [form, fields] = useForm<{ date: string; kind: string; name: string; source: string }>({
    id: "add-decision",
    lastResult,
    defaultValue: { kind: "off" },
    shouldRevalidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="add" />
      <FormErrors invalid={lastResult?.status === "error"} />
      <div className="grid gap-4 sm:grid-cols-2">
        <CalField meta={fields.date} label={c.date}>
          <DateInput {...getInputProps(fields.date, { type: "text" })} className="input" />
        </CalField>
        <CalField meta={fields.kind} label={c.kind}>
          <select {...getSelectProps(fields.kind)} className="input">
            <option value="off">{c.kindOff}</option>
            <option value="working">{c.kindWorking}</option>
          </select>
        </CalField>
      </div>
      <CalField meta={fields.name} label={c.name} hint={c.nameHint}>
        <input {...getInputProps(fields.name, { type: "text", ariaDescribedBy: fields.name.descriptionId })} className="input" />
      </CalField>
      <CalField meta={fields.source} label={c.source} hint={c.sourceHint}>
        <textarea {...getTextareaProps(fields.source, { ariaDescribedBy: fields.source.descriptionId })} rows={2} className="input" />
      </CalField>
      <button type="submit" className="btn-primary">
        {c.add}
      </button>
    </Form>
  );
}

type RuleFields = { key: string; dayMonth: string; name: string; fromYear: string; toYear: string; enabled: string; confirmed: string; source: string };

/** One annual day off: its values as a form (change, or add when `rule` is null). */
function RuleForm({ rule, lastResult }: { rule: HolidayRule | null; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const r = t.calendar.rules;
  const id = `rule-${rule?.key ?? "new"}`;
  const [form, fields] = useForm<RuleFields>({
    id,
    lastResult,
    defaultValue: rule
      ? {
          key: rule.key,
          dayMonth: `${String(rule.day).padStart(2, "0")}/${String(rule.month).padStart(2, "0")}`,
          name: rule.name,
          fromYear: String(rule.fromYear),
          toYear: rule.toYear === null ? "" : String(rule.toYear),
          enabled: rule.enabled ? "on" : "",
          confirmed: rule.confirmed ? "on" : "",
          source: rule.source,
        }
      : { enabled: "on" },
    shouldRevalidate: "onSubmit",
  });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-3">
      <input type="hidden" name="intent" value="saveRule" />
      {rule ? <input type="hidden" name="key" value={rule.key} /> : null}
      <FormErrors invalid={lastResult?.status === "error"} />
      <div className="grid gap-3 sm:grid-cols-4">
        <CalField meta={fields.dayMonth} label={r.dayMonth}>
          <input {...getInputProps(fields.dayMonth, { type: "text" })} className="input" placeholder={t.calendar.schedule.dayMonthPlaceholder} maxLength={10} />
        </CalField>
        <div className="sm:col-span-3">
          <CalField meta={fields.name} label={r.name}>
            <input {...getInputProps(fields.name, { type: "text" })} className="input" maxLength={120} />
          </CalField>
        </div>
        <CalField meta={fields.fromYear} label={r.fromYear}>
          <input {...getInputProps(fields.fromYear, { type: "number" })} min={MIN_CALENDAR_YEAR} max={MAX_CALENDAR_YEAR} className="input" />
        </CalField>
        <CalField meta={fields.toYear} label={r.toYear} hint={r.toYearHint}>
          <input {...getInputProps(fields.toYear, { type: "number", ariaDescribedBy: fields.toYear.descriptionId })} min={MIN_CALENDAR_YEAR} max={MAX_CALENDAR_YEAR} className="input" />
        </CalField>
        <div className="space-y-1 sm:col-span-2">
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.enabled, { type: "checkbox" })} className="h-4 w-4" />
            {r.enabled}
          </label>
          <label className="flex items-center gap-2 text-sm">
            <input {...getInputProps(fields.confirmed, { type: "checkbox" })} className="h-4 w-4" />
            {r.confirmed}
          </label>
        </div>
      </div>
      <CalField meta={fields.source} label={r.source} hint={r.sourceHint}>
        <textarea {...getTextareaProps(fields.source, { ariaDescribedBy: fields.source.descriptionId })} rows={2} className="input" />
      </CalField>
      <button type="submit" className="btn-secondary">
        {rule ? r.save : r.add}
      </button>
    </Form>
  );
}

/** The annual days off kept as data (24/11 and any the centre adds): change, confirm, add, remove. */
function RulesSection({
  rules,
  resultFor,
  version,
}: {
  rules: HolidayRule[];
  resultFor: (key: string) => SubmissionResult<string[]> | undefined;
  version: string;
}) {
  const t = useT();
  const c = t.calendar;
  const r = c.rules;
  return (
    <section className="card space-y-4" aria-labelledby="rules-title">
      <div>
        <h2 id="rules-title" className="font-semibold">
          {r.title}
        </h2>
        <p className="hint">{r.intro}</p>
      </div>
      <ul className="divide-y divide-slate-100">
        {rules.map((rule) => (
          <li key={rule.key} className="space-y-2 py-3" data-rule={rule.key}>
            <div className="flex flex-wrap items-center gap-2 text-sm">
              <span className="font-medium">{`${String(rule.day).padStart(2, "0")}/${String(rule.month).padStart(2, "0")} — ${rule.name}`}</span>
              <span className="badge bg-slate-100 text-slate-700">{rule.builtIn ? r.builtIn : r.added}</span>
              <span className={`badge ${rule.enabled ? "bg-green-100 text-green-800" : "bg-slate-200 text-slate-600"}`}>{rule.enabled ? r.on : r.off}</span>
              {!rule.confirmed ? <span className="badge bg-amber-100 text-amber-900">{c.unconfirmed}</span> : null}
              <span className="text-slate-600">
                {rule.toYear === null ? fmt(r.years, { from: rule.fromYear }) : fmt(r.yearsTo, { from: rule.fromYear, to: rule.toYear })}
              </span>
            </div>
            <details>
              <summary className="cursor-pointer text-sm text-brand-700">{r.edit}</summary>
              <div className="mt-2">
                <RuleForm key={`${rule.key}-${version}`} rule={rule} lastResult={resultFor(rule.key)} />
              </div>
            </details>
            {rule.builtIn ? null : (
              <Form method="post">
                <input type="hidden" name="intent" value="removeRule" />
                <input type="hidden" name="key" value={rule.key} />
                <button type="submit" className="btn-danger">
                  {r.remove}
                </button>
              </Form>
            )}
          </li>
        ))}
      </ul>
      <div className="border-t border-slate-100 pt-4">
        <h3 className="mb-3 text-sm font-semibold text-slate-800">{r.addTitle}</h3>
        <RuleForm key={`new-${version}`} rule={null} lastResult={resultFor("new")} />
      </div>
    </section>
  );
}

export default function CalendarPage() {
  const t = useT();
  const c = t.calendar;
  const d = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const addResult = actionData?.intent === "add" ? actionData.result : undefined;
  const removeError = actionData?.intent === "remove" || actionData?.intent === "removeRule";
  const ruleResult = (key: string) => (actionData?.intent === `rule-${key}` ? actionData.result : undefined);
  const base = `/o/${d.slug}/calendar`;
  const lunarYears = [...new Set(d.days.map((x) => x.lunar.year))].map((y) => fmt(c.lunarYear, { name: lunarYearName(y) }));
  const { settings, seasons } = d.schedule;
  return (
    <div className="mx-auto max-w-6xl space-y-5">
      <div>
        <h1 className="page-title">{c.title}</h1>
        <p className="mt-1 text-slate-600">{c.intro}</p>
      </div>

      {removeError ? (
        <p className="alert" role="alert">
          {t.errors.invalid}
        </p>
      ) : null}

      <section className="card space-y-4">
        <div className="flex flex-wrap items-center justify-between gap-3">
          <div>
            <h2 className="text-xl font-semibold">{fmt(c.monthTitle, { month: d.month, year: d.year })}</h2>
            <p className="text-sm text-slate-600">{`${c.lunarLabel}: ${lunarYears.join(" – ")}`}</p>
          </div>
          <nav className="flex flex-wrap gap-2" aria-label={c.title}>
            {d.prev ? (
              <Link to={`${base}?month=${d.prev}`} className="btn-secondary" rel="prev">
                ← {c.prevMonth}
              </Link>
            ) : null}
            {d.current !== monthParam(d.year, d.month) ? (
              <Link to={`${base}?month=${d.current}`} className="btn-secondary">
                {c.thisMonth}
              </Link>
            ) : null}
            {d.next ? (
              <Link to={`${base}?month=${d.next}`} className="btn-secondary" rel="next">
                {c.nextMonth} →
              </Link>
            ) : null}
          </nav>
        </div>
        <Legend saturday={settings.saturdayOpening} />
        <MonthGrid days={d.days} />
        <DayList days={d.days} />
      </section>

      <div className="grid gap-5 lg:grid-cols-3">
        <section className="card lg:col-span-2">
          <h2 className="font-semibold">{c.monthList}</h2>
          {d.entries.length === 0 ? (
            <p className="mt-2 text-sm text-slate-600">{c.monthListEmpty}</p>
          ) : (
            <ul className="mt-2 divide-y divide-slate-100">
              {d.entries.map((e) => (
                <li key={e.from} className="py-2 text-sm">
                  <div className="flex flex-wrap items-center gap-2">
                    <span className="font-medium">
                      <EntryRange e={e} />
                    </span>
                    <span className={`badge ${BADGE[e.kind]}`}>{c.kinds[e.kind]}</span>
                    <span data-testid="entry-origin" className={`badge ${e.origin === "decision" ? "bg-brand-100 text-brand-800" : "bg-slate-100 text-slate-700"}`}>
                      {c.origin[e.origin]}
                    </span>
                    {e.unconfirmed ? (
                      <span className="badge bg-amber-100 text-amber-900" title={c.unconfirmedHint}>
                        {c.unconfirmed}
                      </span>
                    ) : null}
                  </div>
                  <p className="mt-0.5 text-slate-900">{e.name}</p>
                  <p className="text-xs text-slate-600">
                    {e.source ?? (d.yearDecisionCount > 0 ? c.computedSource : fmt(c.statutorySource, { year: d.year }))}
                  </p>
                  {e.unconfirmed ? <p className="text-xs text-amber-900">{c.unconfirmedHint}</p> : null}
                </li>
              ))}
            </ul>
          )}
          <p className="hint mt-3">
            {d.yearDecisionCount > 0 ? fmt(c.yearOfficial, { year: d.year, n: d.yearDecisionCount }) : fmt(c.yearComputed, { year: d.year })}
          </p>
        </section>

        <section className="card">
          <h2 className="font-semibold">{c.hours}</h2>
          <ul className="mt-2 space-y-1 text-sm text-slate-800">
            {seasons.map((s) => (
              <li key={`${s.fromMd}-${s.name}`}>
                <span className="font-medium">{s.name}</span>
                <span className="text-slate-600">{` (${formatMonthDay(s.fromMd)} – ${formatMonthDay(s.toMd)})`}</span>
                <span className="block">
                  <span className="whitespace-nowrap">{`${c.morningShort} ${s.morningStart}–${s.morningEnd}`}</span>
                  {", "}
                  <span className="whitespace-nowrap">{`${c.afternoonShort} ${s.afternoonStart}–${s.afternoonEnd}`}</span>
                </span>
              </li>
            ))}
            <li>{settings.saturdayOpening ? fmt(c.saturdayLine, { start: settings.saturdayStart, end: settings.saturdayEnd }) : c.noSaturday}</li>
          </ul>
          {!d.schedule.seasonsConfigured ? <p className="hint">{c.defaultHours}</p> : null}
          {d.canSeeSchedule ? (
            <p className="mt-3">
              <Link to={`/o/${d.slug}/settings/schedule`}>{c.editSchedule}</Link>
            </p>
          ) : null}
        </section>
      </div>

      {d.canManage ? (
        <section className="card space-y-4" aria-labelledby="decisions-title">
          <div>
            <h2 id="decisions-title" className="font-semibold">
              {c.manageTitle}
            </h2>
            <p className="mt-2 rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{c.overrideHint}</p>
          </div>
          <div>
            <h3 className="text-sm font-semibold text-slate-800">{c.monthDecisions}</h3>
            {d.decisions.length === 0 ? (
              <p className="mt-1 text-sm text-slate-600">{c.noMonthDecisions}</p>
            ) : (
              <ul className="mt-1 divide-y divide-slate-100">
                {d.decisions.map((x) => (
                  <li key={x.id} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
                    <div className="min-w-0 flex-1">
                      <p>
                        <span className="font-medium">{formatDate(x.date)}</span>{" "}
                        <span className={`badge ${x.kind === "off" ? BADGE.holiday : BADGE.makeup}`}>{c.decisionKinds[x.kind]}</span>
                      </p>
                      <p>{x.name}</p>
                      {x.source ? <p className="text-xs text-slate-600">{x.source}</p> : null}
                    </div>
                    <Form method="post">
                      <input type="hidden" name="intent" value="remove" />
                      <input type="hidden" name="id" value={x.id} />
                      <button type="submit" className="btn-danger" aria-label={fmt(c.removeLabel, { date: formatDate(x.date) })}>
                        {c.remove}
                      </button>
                    </Form>
                  </li>
                ))}
              </ul>
            )}
          </div>
          <div className="border-t border-slate-100 pt-4">
            <h3 className="mb-3 text-sm font-semibold text-slate-800">{c.addTitle}</h3>
            <AddDecisionForm
              key={`add-${d.yearDecisionCount}`}
              lastResult={addResult}
            />
          </div>
        </section>
      ) : null}

      {d.canManage ? <RulesSection rules={d.rules} resultFor={ruleResult} version={JSON.stringify(d.rules)} /> : null}
    </div>
  );
}
