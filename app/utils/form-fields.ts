// What the browser needs of Conform on a page whose forms are validated only on the server
// (decision 0039): the form's and each field's ids, the submitted values and the server's messages
// from the action's reply (`submission.reply()` of @conform-to/zod, unchanged), and the same props
// as Conform's getFormProps / getInputProps / getSelectProps / getTextareaProps. No client-side
// state, no event listeners: ~0.5 KiB instead of Conform's 9 KiB gzipped on the staff pages.
//
// Same output as Conform 1.x for these forms (no onValidate, no intents, no resetForm): ids
// `<form>-<name>`, `-error` / `-description` beside them; `noValidate` (the server's messages, not
// the browser's bubbles); a field's initial value is the reply's submitted value, else the default;
// its errors are the reply's. Uncontrolled inputs keep what the person typed, as with Conform.
import type { SubmissionResult } from "@conform-to/react";

export interface FieldMetadata {
  id: string;
  name: string;
  errorId: string;
  descriptionId: string;
  initialValue: unknown;
  errors: string[] | undefined;
}

export interface FormMetadata {
  id: string;
  errorId: string;
  descriptionId: string;
  noValidate: true;
  errors: string[] | undefined;
  status: SubmissionResult["status"];
}

type Result = Pick<SubmissionResult<string[]>, "status" | "initialValue" | "error"> | null | undefined;

/**
 * Conform's `useForm` for a server-validated form (a plain function: it holds no state, so it
 * may be called conditionally, but keeps the hook's name and signature where it replaces it).
 */
export function useForm<Schema extends Record<string, unknown> = Record<string, string>>(options: {
  id: string;
  lastResult?: Result;
  defaultValue?: Partial<Record<keyof Schema & string, unknown>>;
  /** Accepted for the same call as Conform's; nothing is validated in the browser. */
  shouldRevalidate?: string;
}): [FormMetadata, { [K in keyof Schema & string]: FieldMetadata }] {
  const { id, lastResult } = options;
  const initial = (lastResult?.initialValue ?? options.defaultValue ?? {}) as Record<string, unknown>;
  const error = (lastResult?.error ?? {}) as Record<string, string[] | null | undefined>;
  const metadata = (name: string) => {
    const fieldId = name ? `${id}-${name}` : id;
    return { id: fieldId, name, errorId: `${fieldId}-error`, descriptionId: `${fieldId}-description`, errors: error[name] ?? undefined };
  };
  const form: FormMetadata = { ...metadata(""), noValidate: true, status: lastResult?.status };
  const fields = new Proxy({} as { [K in keyof Schema & string]: FieldMetadata }, {
    get: (_, name) => (typeof name === "string" ? { ...metadata(name), initialValue: initial[name] } : undefined),
  });
  return [form, fields];
}

function aria(meta: { errors: string[] | undefined; errorId: string }, field: boolean) {
  const invalid = meta.errors !== undefined;
  return {
    ...(field && invalid ? { "aria-invalid": true as const } : {}),
    ...(invalid ? { "aria-describedby": meta.errorId } : {}),
  };
}

export function getFormProps(form: FormMetadata) {
  return { id: form.id, noValidate: form.noValidate, ...aria(form, false) };
}

function control(field: FieldMetadata) {
  return { id: field.id, name: field.name, ...aria(field, true) };
}

const text = (v: unknown) => (v === undefined || v === null ? undefined : String(v));

export function getInputProps(field: FieldMetadata, options: { type: "text" | "time" | "number" | "date" | "email" | "password" | "hidden" | "search" | "tel" | "url" }) {
  return { ...control(field), type: options.type, ...(typeof field.initialValue === "string" ? { defaultValue: field.initialValue } : {}) };
}

export function getSelectProps(field: FieldMetadata) {
  return { ...control(field), defaultValue: text(field.initialValue) };
}

export function getTextareaProps(field: FieldMetadata) {
  return { ...control(field), defaultValue: text(field.initialValue) };
}
