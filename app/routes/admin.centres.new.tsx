import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import type { ActionFunctionArgs, LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { ConsoleFrame } from "~/components/console/ConsoleFrame";
import { Field, FormErrors } from "~/components/Field";
import { errorText, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { invitationPath } from "~/modules/auth/invitations.server";
import { requireOperator } from "~/modules/auth/guard.server";
import { createCentreWithInvitation, newCentreSchema } from "~/modules/org/console.server";
import { FieldError } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { withoutTenant } from "../../db/tenant";

export const meta = titled((t) => t.console.newTitle);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await requireOperator(request, context);
  return { userName: auth.user.full_name };
}

/**
 * A new centre and its first admin, who is invited by a one-time link (decision 0041) shown once, in
 * the notice on the console; audited in the new centre with the operator as the actor.
 */
export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await requireOperator(request, context);
  return handleForm(await readForm(request), newCentreSchema, async (input) => {
    const outcome = await withoutTenant("an operator creates a new centre and its first admin", () =>
      createCentreWithInvitation(context.db, input, auth.user.id, context.now()),
    );
    if (!outcome.ok) throw new FieldError(outcome.field, outcome.key);
    const link = `${new URL(request.url).origin}${invitationPath(outcome.token)}`;
    return succeeded(request, context, "centreCreated", { name: input.name.slice(0, 120), username: input.adminUsername, link }, "/admin");
  });
}

export default function NewCentre() {
  const t = useT();
  const tc = t.console;
  const { userName } = useLoaderData<typeof loader>();
  const lastResult = useActionData<typeof action>()?.result;
  const [form, fields] = useForm({ lastResult, shouldRevalidate: "onSubmit" });
  const own = (key: string | undefined) => errorText(t, key, t.consoleErrors as Record<string, string>);
  return (
    <ConsoleFrame userName={userName}>
      <p>
        <Link to="/admin">{tc.back}</Link>
      </p>
      <h1 className="page-title">{tc.newTitle}</h1>
      <p className="max-w-2xl text-slate-700">{tc.newIntro}</p>
      <Form method="post" {...getFormProps(form)} className="card max-w-2xl space-y-4">
        <FormErrors invalid={lastResult?.status === "error"} />
        <Field meta={fields.name} label={tc.centreName} hint={tc.centreNameHint} translate={own}>
          <input {...getInputProps(fields.name, { type: "text", ariaDescribedBy: fields.name.descriptionId })} className="input" maxLength={200} required />
        </Field>
        <Field meta={fields.slug} label={tc.slugField} hint={tc.slugHint} translate={own}>
          <input
            {...getInputProps(fields.slug, { type: "text", ariaDescribedBy: fields.slug.descriptionId })}
            className="input font-mono"
            maxLength={40}
            autoCapitalize="none"
            spellCheck={false}
            required
          />
        </Field>
        <Field meta={fields.parentBody} label={tc.parentBody} hint={tc.parentBodyHint} translate={own}>
          <input {...getInputProps(fields.parentBody, { type: "text", ariaDescribedBy: fields.parentBody.descriptionId })} className="input" maxLength={200} required />
        </Field>
        <div className="grid gap-4 sm:grid-cols-2">
          <Field meta={fields.province} label={tc.province} optional translate={own}>
            <input {...getInputProps(fields.province, { type: "text" })} className="input" maxLength={100} />
          </Field>
          <Field meta={fields.placeName} label={tc.placeName} hint={tc.placeNameHint} optional translate={own}>
            <input {...getInputProps(fields.placeName, { type: "text", ariaDescribedBy: fields.placeName.descriptionId })} className="input" maxLength={100} />
          </Field>
        </div>
        <fieldset className="space-y-4 border-t border-slate-200 pt-4">
          <legend className="font-semibold">{tc.adminSection}</legend>
          <Field meta={fields.adminName} label={tc.adminName} translate={own}>
            <input {...getInputProps(fields.adminName, { type: "text" })} className="input" maxLength={100} required />
          </Field>
          <Field meta={fields.adminUsername} label={tc.adminUsername} translate={own}>
            <input {...getInputProps(fields.adminUsername, { type: "text" })} className="input font-mono" maxLength={40} autoCapitalize="none" spellCheck={false} required />
          </Field>
        </fieldset>
        <button type="submit" className="btn-primary">
          {tc.create}
        </button>
      </Form>
    </ConsoleFrame>
  );
}
