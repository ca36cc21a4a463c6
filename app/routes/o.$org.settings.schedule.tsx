import { getCollectionProps, getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { FieldMetadata, SubmissionResult } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import type { ReactNode } from "react";
import { Field, FormErrors, type FieldMeta } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { calendarErrorText } from "~/i18n/sections/calendar";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { can } from "~/modules/auth/permissions";
import {
  CHECKIN_MODES,
  formatMonthDay,
  removeVersionSchema,
  scheduleOn,
  scheduleSettingsSchema,
  seasonsSchema,
  type Schedule,
  type ScheduleVersion,
} from "~/modules/calendar/schedule";
import {
  loadScheduleVersions,
  removeScheduleVersion,
  replaceSeasons,
  rotaCandidates,
  updateScheduleSettings,
} from "~/modules/calendar/schedule.server";
import { badRequest } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { titled } from "~/i18n/meta";
import { vnDateOf } from "~/utils/dates";
import { formatDate } from "~/utils/time";
import { DateInput } from "~/components/DateInput";

export const meta = titled((t) => t.calendar.schedule.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  // Admins edit (schedule.manage); the director may read the page (schedule.view); others get 403.
  const member = await requireMember(request, context, params.org, "schedule.view");
  const today = vnDateOf(context.now());
  const [versions, people] = await Promise.all([loadScheduleVersions(context.db, member.org.id), rotaCandidates(context.db, member.org.id)]);
  const schedule = scheduleOn(versions, today);
  return {
    // The forms start from the rules in force today; the list shows every dated version.
    schedule,
    versions,
    people,
    today,
    slug: member.org.slug,
    canManage: can(member.roles, "schedule.manage"),
  };
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "schedule.manage");
  const ctx = ctxOf(member, context);
  const formData = await readForm(request);
  switch (formData.get("intent")) {
    case "settings":
      return handleForm(
        formData,
        scheduleSettingsSchema,
        async ({ intent: _i, ...input }) => {
          await updateScheduleSettings(context.db, ctx, input);
          return succeeded(request, context, "scheduleSaved", { date: formatDate(input.effectiveFrom) });
        },
        { intent: "settings" },
      );
    case "seasons":
      return handleForm(
        formData,
        seasonsSchema,
        async ({ seasons, effectiveFrom }) => {
          await replaceSeasons(context.db, ctx, seasons, effectiveFrom);
          return succeeded(request, context, "seasonsSaved", { date: formatDate(effectiveFrom) });
        },
        { intent: "seasons" },
      );
    case "removeVersion":
      return handleForm(
        formData,
        removeVersionSchema,
        async ({ id }) => {
          const removed = await removeScheduleVersion(context.db, ctx, id);
          return succeeded(request, context, "scheduleVersionRemoved", { date: formatDate(removed.effectiveFrom) });
        },
        { intent: "removeVersion" },
      );
    default:
      badRequest();
  }
}

/** A labelled control whose error key may be one of the section's own (calendarErrorText). */
function CalField(props: { meta: FieldMeta; label: ReactNode; hint?: string; children: ReactNode }) {
  const t = useT();
  return <Field {...props} translate={(key) => calendarErrorText(t, key)} />;
}

/** The day a change applies from: today by default, never earlier. */
function EffectiveField({ meta, today }: { meta: FieldMetadata<string>; today: string }) {
  const d = useT().calendar.dated;
  return (
    <CalField meta={meta} label={d.effectiveFrom} hint={d.effectiveHint}>
      <DateInput {...getInputProps(meta, { type: "text", ariaDescribedBy: meta.descriptionId })} min={today} className="input max-w-48" />
    </CalField>
  );
}

interface SeasonRowValues {
  id: string;
  name: string;
  from: string;
  to: string;
  morningStart: string;
  morningEnd: string;
  afternoonStart: string;
  afternoonEnd: string;
  remove: string;
}

const BLANK_ROW: SeasonRowValues = {
  id: "",
  name: "",
  from: "",
  to: "",
  morningStart: "",
  morningEnd: "",
  afternoonStart: "",
  afternoonEnd: "",
  remove: "",
};

function SeasonsForm({ schedule, today, lastResult }: { schedule: Schedule; today: string; lastResult?: SubmissionResult<string[]> }) {
  const t = useT();
  const s = t.calendar.schedule;
  const rows: SeasonRowValues[] = schedule.seasons.map((x) => ({
    id: x.id ?? "",
    name: x.name,
    from: formatMonthDay(x.fromMd),
    to: formatMonthDay(x.toMd),
    morningStart: x.morningStart,
    morningEnd: x.morningEnd,
    afternoonStart: x.afternoonStart,
    afternoonEnd: x.afternoonEnd,
    remove: "",
  }));
  const [form, fields] = useForm<{ intent: string; seasons: SeasonRowValues[]; effectiveFrom: string }>({
    id: "seasons",
    lastResult,
    defaultValue: { seasons: [...rows, BLANK_ROW], effectiveFrom: today },
    shouldRevalidate: "onSubmit",
  });
  const formError = calendarErrorText(t, form.errors?.[0]);
  const list = fields.seasons.getFieldList();
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="seasons" />
      <FormErrors invalid={lastResult?.status === "error"} />
      {formError ? (
        <p id={form.errorId} className="alert" role="alert">
          {formError}
        </p>
      ) : null}
      {list.map((row, i) => {
        const f = row.getFieldset();
        const isNew = i >= rows.length || !rows[i]?.id;
        const blank = i === list.length - 1 && i >= rows.length;
        return (
          <fieldset key={row.key} className="rounded-md border border-slate-200 p-3">
            <legend className="px-1 text-sm font-semibold text-slate-800">{blank ? s.newSeason : fmt(s.season, { n: i + 1 })}</legend>
            <input {...getInputProps(f.id, { type: "hidden" })} />
            <div className="grid grid-cols-2 gap-3 lg:grid-cols-4">
              <div className="col-span-2">
                <CalField meta={f.name} label={s.seasonName}>
                  <input {...getInputProps(f.name, { type: "text" })} className="input" maxLength={80} />
                </CalField>
              </div>
              <CalField meta={f.from} label={s.from}>
                <input {...getInputProps(f.from, { type: "text" })} className="input" inputMode="numeric" placeholder={s.dayMonthPlaceholder} maxLength={10} />
              </CalField>
              <CalField meta={f.to} label={s.to}>
                <input {...getInputProps(f.to, { type: "text" })} className="input" inputMode="numeric" placeholder={s.dayMonthPlaceholder} maxLength={10} />
              </CalField>
              <CalField meta={f.morningStart} label={s.morningStart}>
                <input {...getInputProps(f.morningStart, { type: "time" })} className="input px-2" />
              </CalField>
              <CalField meta={f.morningEnd} label={s.morningEnd}>
                <input {...getInputProps(f.morningEnd, { type: "time" })} className="input px-2" />
              </CalField>
              <CalField meta={f.afternoonStart} label={s.afternoonStart}>
                <input {...getInputProps(f.afternoonStart, { type: "time" })} className="input px-2" />
              </CalField>
              <CalField meta={f.afternoonEnd} label={s.afternoonEnd}>
                <input {...getInputProps(f.afternoonEnd, { type: "time" })} className="input px-2" />
              </CalField>
            </div>
            {!isNew ? (
              <label className="mt-3 flex items-center gap-2 text-sm text-red-700">
                <input {...getInputProps(f.remove, { type: "checkbox" })} className="h-4 w-4" />
                {s.removeSeason}
              </label>
            ) : null}
          </fieldset>
        );
      })}
      <EffectiveField meta={fields.effectiveFrom} today={today} />
      <button type="submit" className="btn-primary">
        {s.saveSeasons}
      </button>
    </Form>
  );
}

function SettingsForm({
  schedule,
  people,
  today,
  lastResult,
}: {
  schedule: Schedule;
  people: { id: string; name: string; title: string }[];
  today: string;
  lastResult?: SubmissionResult<string[]>;
}) {
  const t = useT();
  const s = t.calendar.schedule;
  const d = t.calendar.dated;
  const st = schedule.settings;
  const [form, fields] = useForm<{
    saturdayOpening: string;
    saturdayStart: string;
    saturdayEnd: string;
    saturdayStaff: string[];
    graceMinutes: string;
    checkinMode: string;
    holidayWeight: string;
    weekendWeight: string;
    effectiveFrom: string;
  }>({
    id: "settings",
    lastResult,
    defaultValue: {
      saturdayOpening: st.saturdayOpening ? "on" : "",
      saturdayStart: st.saturdayStart,
      saturdayEnd: st.saturdayEnd,
      graceMinutes: String(st.graceMinutes),
      checkinMode: st.checkinMode,
      holidayWeight: String(st.holidayWeight),
      weekendWeight: String(st.weekendWeight),
      saturdayStaff: schedule.saturdayStaff,
      effectiveFrom: today,
    },
    shouldRevalidate: "onSubmit",
  });
  const modeError = calendarErrorText(t, fields.checkinMode.errors?.[0]);
  const staffError = calendarErrorText(t, fields.saturdayStaff.errors?.[0]);
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <input type="hidden" name="intent" value="settings" />
      <FormErrors invalid={lastResult?.status === "error"} />
      <div>
        <label className="flex items-center gap-2 text-sm font-medium text-slate-800">
          <input {...getInputProps(fields.saturdayOpening, { type: "checkbox", ariaDescribedBy: fields.saturdayOpening.descriptionId })} className="h-4 w-4" />
          {s.saturdayOpening}
        </label>
        <p id={fields.saturdayOpening.descriptionId} className="hint">
          {s.saturdayHint}
        </p>
      </div>
      <div className="grid grid-cols-2 gap-4">
        <CalField meta={fields.saturdayStart} label={s.saturdayStart}>
          <input {...getInputProps(fields.saturdayStart, { type: "time" })} className="input px-2" />
        </CalField>
        <CalField meta={fields.saturdayEnd} label={s.saturdayEnd}>
          <input {...getInputProps(fields.saturdayEnd, { type: "time" })} className="input px-2" />
        </CalField>
      </div>
      <fieldset aria-describedby={`${fields.saturdayStaff.descriptionId}${staffError ? ` ${fields.saturdayStaff.errorId}` : ""}`}>
        <legend className="label">{d.saturdayStaff}</legend>
        <p id={fields.saturdayStaff.descriptionId} className="hint">
          {d.saturdayStaffHint}
        </p>
        <div className="mt-1 grid gap-1 sm:grid-cols-2">
          {getCollectionProps(fields.saturdayStaff, { type: "checkbox", options: people.map((p) => p.id) }).map((props) => {
            const person = people.find((p) => p.id === props.value);
            return (
              <label key={props.id} className="flex items-center gap-2 text-sm">
                <input {...props} key={props.key} className="h-4 w-4" />
                {person?.name}
                <span className="text-slate-500">{person?.title}</span>
              </label>
            );
          })}
        </div>
        {staffError ? (
          <p id={fields.saturdayStaff.errorId} className="field-error" role="alert">
            {staffError}
          </p>
        ) : null}
      </fieldset>
      <CalField meta={fields.graceMinutes} label={s.grace} hint={s.graceHint}>
        <input
          {...getInputProps(fields.graceMinutes, { type: "number", ariaDescribedBy: fields.graceMinutes.descriptionId })}
          min={0}
          max={60}
          className="input max-w-32"
        />
      </CalField>
      <fieldset aria-describedby={modeError ? fields.checkinMode.errorId : undefined}>
        <legend className="label">{s.checkinMode}</legend>
        <div className="mt-1 space-y-2">
          {getCollectionProps(fields.checkinMode, { type: "radio", options: [...CHECKIN_MODES] }).map((props) => (
            <label key={props.id} className="flex items-center gap-2 text-sm">
              <input {...props} key={props.key} className="h-4 w-4" />
              {props.value === "session" ? s.modeSession : s.modeDay}
            </label>
          ))}
        </div>
        {modeError ? (
          <p id={fields.checkinMode.errorId} className="field-error" role="alert">
            {modeError}
          </p>
        ) : null}
      </fieldset>
      <div className="grid grid-cols-2 gap-4">
        <CalField meta={fields.holidayWeight} label={s.holidayWeight}>
          <input {...getInputProps(fields.holidayWeight, { type: "number" })} min={1} max={10} className="input max-w-32" />
        </CalField>
        <CalField meta={fields.weekendWeight} label={s.weekendWeight}>
          <input {...getInputProps(fields.weekendWeight, { type: "number" })} min={1} max={10} className="input max-w-32" />
        </CalField>
      </div>
      <p className="hint">{s.weightsHint}</p>
      <EffectiveField meta={fields.effectiveFrom} today={today} />
      <button type="submit" className="btn-primary">
        {s.saveSettings}
      </button>
    </Form>
  );
}

/** Every dated version: when it applies from, what it sets, whether it is in force; upcoming ones can be removed. */
function Versions({ versions, today, canManage }: { versions: ScheduleVersion[]; today: string; canManage: boolean }) {
  const t = useT();
  const s = t.calendar.schedule;
  const d = t.calendar.dated;
  if (versions.length === 0) return null;
  const inForce = scheduleOn(versions, today);
  return (
    <section className="card" aria-labelledby="versions-title">
      <h2 id="versions-title" className="font-semibold">
        {d.versionsTitle}
      </h2>
      <p className="hint">{d.versionsIntro}</p>
      <ul className="mt-2 divide-y divide-slate-100">
        {[...versions].reverse().map((v) => {
          const state = v.id === inForce.id ? "inForce" : v.effectiveFrom > today ? "upcoming" : "past";
          return (
            <li key={v.id ?? v.effectiveFrom} data-version={v.effectiveFrom} className="flex flex-wrap items-start justify-between gap-2 py-2 text-sm">
              <div className="min-w-0 flex-1">
                <p>
                  <span className="font-medium">{v.effectiveFrom <= "1900-01-01" ? d.sinceAlways : fmt(d.since, { date: formatDate(v.effectiveFrom) })}</span>{" "}
                  <span className={`badge ${state === "inForce" ? "bg-green-100 text-green-800" : state === "upcoming" ? "bg-sky-100 text-sky-900" : "bg-slate-100 text-slate-600"}`}>
                    {d[state]}
                  </span>
                </p>
                <p className="text-slate-700">
                  {v.seasons.map((x) => `${x.name} ${x.morningStart}–${x.morningEnd}, ${x.afternoonStart}–${x.afternoonEnd}`).join("; ")}
                </p>
                <p className="text-slate-600">
                  {`${s.grace}: ${fmt(s.minutes, { n: v.settings.graceMinutes })} · ${s.saturdayOpening}: ${
                    v.settings.saturdayOpening ? `${s.yes} (${v.settings.saturdayStart}–${v.settings.saturdayEnd}; ${fmt(d.saturdayStaffCount, { n: v.saturdayStaff.length })})` : s.no
                  }`}
                </p>
              </div>
              {canManage && state === "upcoming" && v.id ? (
                <Form method="post">
                  <input type="hidden" name="intent" value="removeVersion" />
                  <input type="hidden" name="id" value={v.id} />
                  <button type="submit" className="btn-danger" aria-label={fmt(d.removeVersionLabel, { date: formatDate(v.effectiveFrom) })}>
                    {d.removeVersion}
                  </button>
                </Form>
              ) : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

function ReadOnlySchedule({ schedule }: { schedule: Schedule }) {
  const t = useT();
  const s = t.calendar.schedule;
  const st = schedule.settings;
  return (
    <>
      <section className="card">
        <h2 className="font-semibold">{s.seasonsTitle}</h2>
        <div className="mt-2 overflow-x-auto">
          <table className="data-table">
            <thead>
              <tr>
                <th scope="col">{s.seasonName}</th>
                <th scope="col">{`${s.from} – ${s.to}`}</th>
                <th scope="col">{s.morning}</th>
                <th scope="col">{s.afternoon}</th>
              </tr>
            </thead>
            <tbody>
              {schedule.seasons.map((x) => (
                <tr key={`${x.fromMd}-${x.name}`}>
                  <td>{x.name}</td>
                  <td>{`${formatMonthDay(x.fromMd)} – ${formatMonthDay(x.toMd)}`}</td>
                  <td>{`${x.morningStart}–${x.morningEnd}`}</td>
                  <td>{`${x.afternoonStart}–${x.afternoonEnd}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      </section>
      <section className="card">
        <h2 className="font-semibold">{s.settingsTitle}</h2>
        <dl className="mt-2 grid gap-x-4 gap-y-2 text-sm sm:grid-cols-[auto_1fr]">
          <dt className="font-medium text-slate-700">{s.saturdayOpening}</dt>
          <dd>{st.saturdayOpening ? `${s.yes} (${st.saturdayStart}–${st.saturdayEnd})` : s.no}</dd>
          <dt className="font-medium text-slate-700">{s.grace}</dt>
          <dd>{fmt(s.minutes, { n: st.graceMinutes })}</dd>
          <dt className="font-medium text-slate-700">{s.checkinMode}</dt>
          <dd>{st.checkinMode === "session" ? s.modeSession : s.modeDay}</dd>
          <dt className="font-medium text-slate-700">{s.holidayWeight}</dt>
          <dd>{st.holidayWeight}</dd>
          <dt className="font-medium text-slate-700">{s.weekendWeight}</dt>
          <dd>{st.weekendWeight}</dd>
        </dl>
      </section>
    </>
  );
}

export default function SchedulePage() {
  const t = useT();
  const s = t.calendar.schedule;
  const { schedule, versions, people, today, slug, canManage } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const failed = actionData;
  // Remount a form after a successful save so it shows what was stored.
  const version = JSON.stringify(versions);
  return (
    <div className="mx-auto max-w-4xl space-y-5">
      <p>
        <Link to={`/o/${slug}/calendar`}>← {s.backToCalendar}</Link>
      </p>
      <div>
        <h1 className="page-title">{s.title}</h1>
        <p className="mt-1 text-slate-600">{s.intro}</p>
      </div>
      {failed?.intent === "removeVersion" ? (
        <p className="alert" role="alert">
          {t.errors.versionInForce}
        </p>
      ) : null}
      {!schedule.seasonsConfigured ? <p className="rounded-md border border-amber-200 bg-amber-50 px-3 py-2 text-sm text-amber-900">{s.notConfigured}</p> : null}
      {canManage ? (
        <>
          <section className="card">
            <h2 className="font-semibold">{s.seasonsTitle}</h2>
            <p className="hint mb-3">{s.seasonsIntro}</p>
            <SeasonsForm key={`seasons-${version}`} schedule={schedule} today={today} lastResult={failed?.intent === "seasons" ? failed.result : undefined} />
          </section>
          <section className="card">
            <h2 className="mb-3 font-semibold">{s.settingsTitle}</h2>
            <SettingsForm
              key={`settings-${version}`}
              schedule={schedule}
              people={people}
              today={today}
              lastResult={failed?.intent === "settings" ? failed.result : undefined}
            />
          </section>
        </>
      ) : (
        <>
          <p className="text-sm text-slate-600">{s.readOnly}</p>
          <ReadOnlySchedule schedule={schedule} />
        </>
      )}
      <Versions versions={versions} today={today} canManage={canManage} />
    </div>
  );
}
