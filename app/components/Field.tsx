import type { ReactNode } from "react";
import { errorText, useT } from "~/i18n";

/** What Field needs of Conform's field metadata. */
export interface FieldMeta {
  id: string;
  descriptionId: string;
  errorId: string;
  errors?: string[];
}

/** A labelled form control with its hint and its error message beside it. */
export function Field({
  meta,
  label,
  hint,
  optional,
  translate,
  children,
}: {
  meta: FieldMeta;
  label: ReactNode;
  hint?: string;
  optional?: boolean;
  /** A section's own error messages (e.g. calendarErrorText); the shared ones otherwise. */
  translate?: (key: string | undefined) => string | undefined;
  children: ReactNode;
}) {
  const t = useT();
  const error = translate ? translate(meta.errors?.[0]) : errorText(t, meta.errors?.[0]);
  return (
    <div>
      <label htmlFor={meta.id} className="label">
        {label}
        {optional ? <span className="font-normal text-slate-500"> ({t.common.optional})</span> : null}
      </label>
      <div className="mt-1">{children}</div>
      {hint ? (
        <p id={meta.descriptionId} className="hint">
          {hint}
        </p>
      ) : null}
      {error ? (
        <p id={meta.errorId} className="field-error" role="alert">
          {error}
        </p>
      ) : null}
    </div>
  );
}

/** The error summary at the top of a form that came back invalid. */
export function FormErrors({ invalid }: { invalid: boolean }) {
  const t = useT();
  if (!invalid) return null;
  return (
    <p className="alert" role="alert">
      {t.common.formHasErrors}
    </p>
  );
}
