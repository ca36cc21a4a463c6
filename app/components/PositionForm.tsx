import { getFormProps, getInputProps, getTextareaProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { useT } from "~/i18n";
import { Field, FormErrors } from "./Field";

export function PositionForm({
  defaultValue,
  lastResult,
  submitLabel,
}: {
  defaultValue?: { name: string; counter: string; duties: string; sortOrder: string };
  lastResult?: SubmissionResult<string[]>;
  submitLabel: string;
}) {
  const t = useT();
  const [form, fields] = useForm({ lastResult, defaultValue, shouldRevalidate: "onSubmit" });
  return (
    <Form method="post" {...getFormProps(form)} className="space-y-4">
      <FormErrors invalid={lastResult?.status === "error"} />
      <Field meta={fields.name} label={t.positions.name}>
        <input {...getInputProps(fields.name, { type: "text" })} className="input" />
      </Field>
      <Field meta={fields.counter} label={t.positions.counter} optional>
        <input {...getInputProps(fields.counter, { type: "text" })} className="input" />
      </Field>
      <Field meta={fields.duties} label={t.positions.duties} optional>
        <textarea {...getTextareaProps(fields.duties)} rows={5} className="input" />
      </Field>
      <Field meta={fields.sortOrder} label={t.positions.sortOrder} optional>
        <input {...getInputProps(fields.sortOrder, { type: "number" })} min={0} max={999} className="input max-w-32" />
      </Field>
      <button type="submit" className="btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
