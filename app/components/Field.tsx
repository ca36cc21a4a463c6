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
  children,
}: {
  meta: FieldMeta;
  label: string;
  hint?: string;
  optional?: boolean;
  children: ReactNode;
}) {
  const t = useT();
  const error = errorText(t, meta.errors?.[0]);
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
