import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/Field";
import { useT } from "~/i18n";
import { requireUser } from "~/modules/auth/guard.server";
import { changePassword } from "~/modules/auth/login.server";
import { changePasswordSchema } from "~/modules/auth/schema";
import { FieldError } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context, { allowPasswordChange: true });
  return { mustChange: user.must_change_password === 1 };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request, context, { allowPasswordChange: true });
  return handleForm(await readForm(request), changePasswordSchema, async (input) => {
    const outcome = await changePassword(context.db, {
      userId: user.id,
      username: user.username,
      sessionId: session.id,
      current: input.currentPassword,
      next: input.newPassword,
      now: context.now(),
    });
    if (!outcome.ok) throw new FieldError(outcome.field, outcome.key);
    // On to the centre (or the choice of centre), where the notice says it is done.
    return succeeded(request, context, "passwordChanged", {}, "/");
  });
}

export default function ChangePassword() {
  const t = useT();
  const { mustChange } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData?.result;
  const [form, fields] = useForm({ lastResult, shouldRevalidate: "onSubmit" });
  return (
    <main className="mx-auto max-w-lg space-y-6 px-4 py-10">
      <p>
        <Link to="/">← {t.nav.overview}</Link>
      </p>
      <h1 className="page-title">{t.account.changePassword}</h1>
      {mustChange ? (
        <p className="alert" role="status">
          {t.account.mustChange}
        </p>
      ) : null}
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors invalid={lastResult?.status === "error"} />
        <Field meta={fields.currentPassword} label={t.account.currentPassword}>
          <input {...getInputProps(fields.currentPassword, { type: "password" })} className="input" autoComplete="current-password" />
        </Field>
        <Field meta={fields.newPassword} label={t.account.newPassword} hint={t.account.newPasswordHint}>
          <input
            {...getInputProps(fields.newPassword, { type: "password", ariaDescribedBy: fields.newPassword.descriptionId })}
            className="input"
            autoComplete="new-password"
          />
        </Field>
        <Field meta={fields.confirmPassword} label={t.account.confirmPassword}>
          <input {...getInputProps(fields.confirmPassword, { type: "password" })} className="input" autoComplete="new-password" />
        </Field>
        <button type="submit" className="btn-primary">
          {t.account.changePassword}
        </button>
      </Form>
    </main>
  );
}
