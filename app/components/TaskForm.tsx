import { getFormProps, getInputProps, getSelectProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useState } from "react";
import { errorText, fmt, useT } from "~/i18n";
import { FREQUENCIES, missingSixClear, PRIORITIES, SIX_CLEAR, SOURCE_KINDS, type PlanItemKind, type SixClear } from "~/modules/tasks/rules";
import { Field, FormErrors } from "./Field";
import { DateInput } from "~/components/DateInput";
import { parseDateInput } from "~/utils/time";

export interface TaskFormValues {
  title: string;
  description: string;
  assigneeId: string;
  coworkerIds: string[];
  followerIds: string[];
  approverId: string;
  sourceKind: string;
  sourceRef: string;
  startDate: string;
  deadlineDate: string;
  deadlineTime: string;
  deliverable: string;
  priority: string;
  planId: string;
  planItemId: string;
  recurrence: string;
  version?: string;
  /** Only carries the error of the file input. */
  files?: string;
}

interface Options {
  members: { id: string; name: string; counter: string | null; leader: boolean }[];
  plans: { id: string; title: string; year: number }[];
  items: { id: string; planId: string; kind: PlanItemKind; title: string }[];
}

function sixOf(form: HTMLFormElement | FormData, assignerId: string): SixClear[] {
  const fd = form instanceof FormData ? form : new FormData(form);
  const v = (k: string) => String(fd.get(k) ?? "");
  return missingSixClear({
    title: v("title"),
    description: v("description"),
    assigneeId: v("assigneeId") || null,
    assignerId,
    approverId: v("approverId") || assignerId,
    startDate: parseDateInput(v("startDate")),
    deadlineDate: parseDateInput(v("deadlineDate")),
    deliverable: v("deliverable"),
    sourceKind: v("sourceKind") || null,
    sourceRef: v("sourceRef"),
  });
}

/** The task card as a form, with the six "rõ" checked as the user types. */
export function TaskForm({
  options,
  defaultValue,
  lastResult,
  assignerId,
  mode,
  cancelTo,
}: {
  options: Options;
  defaultValue: TaskFormValues;
  lastResult?: SubmissionResult<string[]>;
  assignerId: string;
  mode: "create" | "editDraft" | "editAssigned";
  cancelTo: string;
}) {
  const t = useT();
  const tt = t.tasks;
  const [form, fields] = useForm<TaskFormValues>({ lastResult, defaultValue, shouldRevalidate: "onSubmit" });
  const initialMissing = (() => {
    const fd = new FormData();
    for (const [k, v] of Object.entries(defaultValue)) if (typeof v === "string") fd.set(k, v);
    return sixOf(fd, assignerId);
  })();
  const [missing, setMissing] = useState<SixClear[]>(initialMissing);
  const [planId, setPlanId] = useState(defaultValue.planId);
  const leaders = options.members.filter((m) => m.leader);

  const peopleChecklist = (name: "coworkerIds" | "followerIds", selected: string[], label: string) => (
    <fieldset>
      <legend className="label">
        {label} <span className="font-normal text-slate-500">({t.common.optional})</span>
      </legend>
      <div className="mt-1 grid max-h-48 gap-1 overflow-y-auto rounded-md border border-slate-200 p-2 sm:grid-cols-2">
        {options.members.map((m) => (
          <label key={m.id} className="flex items-center gap-2 text-sm">
            <input type="checkbox" name={name} value={m.id} defaultChecked={selected.includes(m.id)} className="h-4 w-4" />
            {m.name}
          </label>
        ))}
      </div>
      {fields[name].errors ? <p className="field-error">{errorText(t, fields[name].errors?.[0])}</p> : null}
    </fieldset>
  );

  return (
    <Form
      method="post"
      encType="multipart/form-data"
      {...getFormProps(form)}
      onChange={(e) => setMissing(sixOf(e.currentTarget, assignerId))}
      className="grid gap-6 lg:grid-cols-[1fr_18rem]"
    >
      <div className="card space-y-4">
        <FormErrors invalid={lastResult?.status === "error"} />
        {defaultValue.version ? <input type="hidden" name="version" value={defaultValue.version} /> : null}
        {fields.version.errors ? (
          <p className="alert" role="alert">
            {errorText(t, fields.version.errors[0])}
          </p>
        ) : null}
        <Field meta={fields.title} label={tt.fields.title}>
          <input {...getInputProps(fields.title, { type: "text" })} className="input" />
        </Field>
        <Field meta={fields.description} label={tt.fields.description}>
          <textarea {...getTextareaProps(fields.description)} rows={4} className="input" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.assigneeId} label={tt.fields.assignee}>
            <select {...getSelectProps(fields.assigneeId)} className="input">
              <option value="">{tt.fields.choose}</option>
              {options.members.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                  {m.counter ? ` — ${m.counter}` : ""}
                </option>
              ))}
            </select>
          </Field>
          <Field meta={fields.approverId} label={tt.fields.approver} hint={tt.fields.approverHint}>
            <select {...getSelectProps(fields.approverId)} className="input">
              <option value="">{tt.fields.choose}</option>
              {leaders.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          </Field>
        </div>
        <details className="rounded-md border border-slate-200 p-3" open={defaultValue.coworkerIds.length + defaultValue.followerIds.length > 0}>
          <summary className="cursor-pointer text-sm font-medium">
            {tt.fields.coworkers}, {tt.fields.followers.toLowerCase()}
          </summary>
          <div className="mt-3 space-y-3">
            {peopleChecklist("coworkerIds", defaultValue.coworkerIds, tt.fields.coworkers)}
            {peopleChecklist("followerIds", defaultValue.followerIds, tt.fields.followers)}
          </div>
        </details>
        <div className="grid gap-4 sm:grid-cols-3">
          <Field meta={fields.startDate} label={tt.fields.startDate}>
            <DateInput {...getInputProps(fields.startDate, { type: "text" })} className="input" />
          </Field>
          <Field meta={fields.deadlineDate} label={tt.fields.deadlineDate}>
            <DateInput {...getInputProps(fields.deadlineDate, { type: "text" })} className="input" />
          </Field>
          <Field meta={fields.deadlineTime} label={tt.fields.deadlineTime} hint={tt.fields.deadlineTimeHint}>
            <input {...getInputProps(fields.deadlineTime, { type: "time" })} className="input" />
          </Field>
        </div>
        <Field meta={fields.deliverable} label={tt.fields.deliverable}>
          <textarea {...getTextareaProps(fields.deliverable)} rows={2} className="input" />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.sourceKind} label={tt.fields.sourceKind}>
            <select {...getSelectProps(fields.sourceKind)} className="input">
              <option value="">{tt.fields.choose}</option>
              {SOURCE_KINDS.map((s) => (
                <option key={s} value={s}>
                  {tt.source[s]}
                </option>
              ))}
            </select>
          </Field>
          <Field meta={fields.sourceRef} label={tt.fields.sourceRef} hint={tt.fields.sourceRefHint}>
            <input {...getInputProps(fields.sourceRef, { type: "text" })} className="input" />
          </Field>
        </div>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.priority} label={tt.fields.priority}>
            <select {...getSelectProps(fields.priority)} className="input">
              {PRIORITIES.map((p) => (
                <option key={p} value={p}>
                  {tt.priority[p]}
                </option>
              ))}
            </select>
          </Field>
          {mode === "create" ? (
            <Field meta={fields.recurrence} label={tt.fields.recurrence} hint={tt.fields.recurrenceHint}>
              <select {...getSelectProps(fields.recurrence)} className="input">
                {(["none", ...FREQUENCIES] as const).map((f) => (
                  <option key={f} value={f}>
                    {tt.frequency[f]}
                  </option>
                ))}
              </select>
            </Field>
          ) : null}
        </div>
        {options.plans.length ? (
          <div className="grid gap-4 sm:grid-cols-2">
            <Field meta={fields.planId} label={tt.fields.plan} optional>
              <select {...getSelectProps(fields.planId)} onChange={(e) => setPlanId(e.target.value)} className="input">
                <option value="">{tt.fields.none}</option>
                {options.plans.map((p) => (
                  <option key={p.id} value={p.id}>
                    {p.title}
                  </option>
                ))}
              </select>
            </Field>
            <Field meta={fields.planItemId} label={tt.fields.planItem} optional>
              <select {...getSelectProps(fields.planItemId)} className="input">
                <option value="">{tt.fields.none}</option>
                {options.items
                  .filter((i) => !planId || i.planId === planId)
                  .map((i) => (
                    <option key={i.id} value={i.id}>
                      {tt.planKind[i.kind]}: {i.title}
                    </option>
                  ))}
              </select>
            </Field>
          </div>
        ) : null}
        <div>
          <label htmlFor="files" className="label">
            {tt.fields.files} <span className="font-normal text-slate-500">({t.common.optional})</span>
          </label>
          <input id="files" name="files" type="file" multiple className="mt-1 block w-full text-sm" />
          <p className="hint">{tt.fields.filesHint}</p>
          {fields.files.errors ? <p className="field-error">{errorText(t, fields.files.errors[0])}</p> : null}
        </div>
        <div className="flex flex-wrap gap-3 border-t border-slate-100 pt-4">
          {mode !== "editAssigned" ? (
            <button type="submit" name="intent" value="assign" className="btn-primary">
              {tt.assign}
            </button>
          ) : (
            <button type="submit" name="intent" value="assign" className="btn-primary">
              {tt.saveChanges}
            </button>
          )}
          {mode !== "editAssigned" ? (
            <button type="submit" name="intent" value="draft" className="btn-secondary">
              {tt.saveDraft}
            </button>
          ) : null}
          <a href={cancelTo} className="btn-secondary">
            {t.common.cancel}
          </a>
        </div>
      </div>
      <aside className="card order-first h-fit space-y-2 lg:sticky lg:top-4 lg:order-none" aria-live="polite">
        <h2 className="font-semibold">{tt.six.heading}</h2>
        <ul className="space-y-2">
          {SIX_CLEAR.map((k) => {
            const ok = !missing.includes(k);
            return (
              <li key={k} className="flex items-start gap-2 text-sm">
                <span
                  className={`mt-0.5 inline-flex h-5 w-5 shrink-0 items-center justify-center rounded-full text-xs font-bold ${
                    ok ? "bg-green-600 text-white" : "bg-amber-100 text-amber-900 ring-1 ring-amber-400"
                  }`}
                  aria-hidden="true"
                >
                  {ok ? "✓" : "!"}
                </span>
                <span>
                  <span className="font-medium">{tt.six[k]}</span>
                  <span className="sr-only">: {ok ? tt.six.complete : tt.six.missing}</span>
                  <span className="block text-xs text-slate-600">{tt.six[`${k}Hint`]}</span>
                </span>
              </li>
            );
          })}
        </ul>
        <p className={`text-sm ${missing.length ? "text-amber-900" : "text-green-800"}`}>
          {missing.length ? fmt(tt.six.someMissing, { n: missing.length }) : tt.six.allClear}
        </p>
      </aside>
    </Form>
  );
}
