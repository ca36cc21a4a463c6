import { getCollectionProps, getFormProps, getInputProps, getSelectProps, useForm } from "@conform-to/react";
import type { SubmissionResult } from "@conform-to/react";
import { Form } from "@remix-run/react";
import { errorText, useT } from "~/i18n";
import { ROLES } from "~/modules/auth/permissions";
import { Field, FormErrors } from "./Field";
import { DateInput } from "~/components/DateInput";

interface MemberFormValues {
  fullName: string;
  username: string;
  title: string;
  positionId: string;
  roles: string[];
  phone: string;
  email: string;
  effectiveDate?: string;
  password?: string;
  access?: "invite" | "password";
}

/** Create and edit forms for a member; `mode` adds the temporary password or the effective date. */
export function MemberForm({
  mode,
  positions,
  defaultValue,
  lastResult,
  cancelTo,
  lockRoles,
  canInvite,
}: {
  mode: "create" | "edit";
  positions: { id: string; name: string; counter: string }[];
  defaultValue?: MemberFormValues;
  lastResult?: SubmissionResult<string[]>;
  cancelTo: string;
  /** Editing one's own account: the roles are shown but cannot be changed (the server refuses it too). */
  lockRoles?: boolean;
  /** Creating a member: offer an invitation link instead of a temporary password (admins, decision 0041). */
  canInvite?: boolean;
}) {
  const t = useT();
  const [form, fields] = useForm<MemberFormValues>({ lastResult, defaultValue, shouldRevalidate: "onSubmit" });
  const rolesError = errorText(t, fields.roles.errors?.[0]);
  return (
    <Form method="post" {...getFormProps(form)} className="card max-w-2xl space-y-4">
      <input type="hidden" name="intent" value="save" />
      <FormErrors invalid={lastResult?.status === "error"} />
      <Field meta={fields.fullName} label={t.staff.fullName}>
        <input {...getInputProps(fields.fullName, { type: "text" })} className="input" autoComplete="off" />
      </Field>
      <Field meta={fields.username} label={t.staff.username} hint={t.staff.usernameHint}>
        <input
          {...getInputProps(fields.username, { type: "text", ariaDescribedBy: fields.username.descriptionId })}
          className="input"
          autoCapitalize="none"
          spellCheck={false}
          autoComplete="off"
        />
      </Field>
      <Field meta={fields.title} label={t.staff.title_} optional>
        <input {...getInputProps(fields.title, { type: "text" })} className="input" />
      </Field>
      <Field meta={fields.positionId} label={t.staff.position} optional>
        <select {...getSelectProps(fields.positionId)} className="input">
          <option value="">{t.staff.noPosition}</option>
          {positions.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
              {p.counter ? ` — ${p.counter}` : ""}
            </option>
          ))}
        </select>
      </Field>
      {mode === "edit" ? (
        <Field meta={fields.effectiveDate} label={t.staff.effectiveDate} hint={t.staff.effectiveDateHint} optional>
          <DateInput {...getInputProps(fields.effectiveDate, { type: "text" })} className="input" />
        </Field>
      ) : null}
      <fieldset aria-describedby={rolesError ? fields.roles.errorId : lockRoles ? `${fields.roles.id}-locked` : undefined}>
        <legend className="label">{t.staff.roles}</legend>
        {lockRoles ? (
          <p id={`${fields.roles.id}-locked`} className="hint">
            {t.staff.ownRolesHint}
          </p>
        ) : null}
        <div className="mt-1 grid gap-2 sm:grid-cols-2">
          {getCollectionProps(fields.roles, { type: "checkbox", options: [...ROLES] }).map((props) => (
            <label key={props.id} className="flex items-center gap-2 text-sm">
              <input {...props} key={props.key} disabled={lockRoles} className="h-4 w-4" />
              {t.roles[props.value as (typeof ROLES)[number]]}
            </label>
          ))}
        </div>
        {/* Disabled boxes are not sent: the current roles go with the form unchanged. */}
        {lockRoles ? (defaultValue?.roles ?? []).map((r) => <input key={r} type="hidden" name={fields.roles.name} value={r} />) : null}
        {rolesError ? (
          <p id={fields.roles.errorId} className="field-error" role="alert">
            {rolesError}
          </p>
        ) : null}
      </fieldset>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field meta={fields.phone} label={t.staff.phone} optional>
          <input {...getInputProps(fields.phone, { type: "tel" })} className="input" />
        </Field>
        <Field meta={fields.email} label={t.staff.email} optional>
          <input {...getInputProps(fields.email, { type: "email" })} className="input" />
        </Field>
      </div>
      {mode === "create" && canInvite ? (
        <fieldset>
          <legend className="label">{t.invite.staff.access}</legend>
          <div className="mt-1 space-y-2">
            {getCollectionProps(fields.access, { type: "radio", options: ["invite", "password"] }).map((props) => (
              <label key={props.id} className="flex items-start gap-2 text-sm">
                <input {...props} key={props.key} className="mt-0.5 h-4 w-4 shrink-0" />
                {props.value === "invite" ? t.invite.staff.accessInvite : t.invite.staff.accessPassword}
              </label>
            ))}
          </div>
        </fieldset>
      ) : null}
      {mode === "create" ? (
        <Field meta={fields.password} label={t.staff.password} hint={canInvite ? `${t.staff.passwordHint} ${t.invite.staff.passwordIfTemporary}` : t.staff.passwordHint} optional={canInvite}>
          <input
            {...getInputProps(fields.password, { type: "text", ariaDescribedBy: fields.password.descriptionId })}
            className="input"
            autoComplete="new-password"
          />
        </Field>
      ) : null}
      <div className="flex flex-wrap gap-3">
        <button type="submit" className="btn-primary">
          {t.common.save}
        </button>
        <a href={cancelTo} className="btn-secondary">
          {t.common.cancel}
        </a>
      </div>
    </Form>
  );
}
