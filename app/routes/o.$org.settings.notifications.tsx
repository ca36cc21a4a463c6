import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/Field";
import { useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { ctxOf, requireMember } from "~/modules/auth/guard.server";
import { orgChannels, saveOrgChannels } from "~/modules/notifications/notifications.server";
import { outboundPolicyOf } from "~/modules/notifications/outbound.server";
import { orgChannelsSchema } from "~/modules/notifications/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { formatDateTime } from "~/utils/time";

export const meta = titled((t) => t.notifications.admin.title);

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org, "notifications.settings");
  return orgChannels(context.db, member.org.id);
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const member = await requireMember(request, context, params.org, "notifications.settings");
  return handleForm(await readForm(request), orgChannelsSchema, async (v) => {
    await saveOrgChannels(context.db, ctxOf(member, context), v, outboundPolicyOf(context.config));
    return succeeded(request, context, "channelsSaved");
  });
}

export default function NotificationSettings() {
  const t = useT();
  const ta = t.notifications.admin;
  const { settings, failures } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({
    lastResult: actionData?.result,
    defaultValue: { webhookUrl: settings.webhookUrl, emailEndpoint: settings.emailEndpoint, emailFrom: settings.emailFrom, digestHour: String(settings.digestHour), webhookSecret: "", telegramToken: "", emailKey: "" },
    shouldRevalidate: "onSubmit",
  });
  const secretHint = (set: boolean) => (set ? "••••••••" : undefined);
  return (
    <div className="mx-auto max-w-3xl space-y-4">
      <h1 className="page-title">{ta.title}</h1>
      <Form method="post" {...getFormProps(form)} className="card space-y-4">
        <FormErrors invalid={actionData?.result?.status === "error"} />
        <Field meta={fields.webhookUrl} label={ta.webhookUrl} optional>
          <input {...getInputProps(fields.webhookUrl, { type: "url" })} className="input" />
        </Field>
        <Field meta={fields.webhookSecret} label={ta.webhookSecret} optional>
          <input {...getInputProps(fields.webhookSecret, { type: "password" })} placeholder={secretHint(settings.webhookSecretSet)} className="input" autoComplete="off" />
        </Field>
        <Field meta={fields.telegramToken} label={ta.telegramToken} optional>
          <input {...getInputProps(fields.telegramToken, { type: "password" })} placeholder={secretHint(settings.telegramTokenSet)} className="input" autoComplete="off" />
        </Field>
        <Field meta={fields.emailEndpoint} label={ta.emailEndpoint} optional>
          <input {...getInputProps(fields.emailEndpoint, { type: "url" })} className="input" />
        </Field>
        <Field meta={fields.emailKey} label={ta.emailKey} optional>
          <input {...getInputProps(fields.emailKey, { type: "password" })} placeholder={secretHint(settings.emailKeySet)} className="input" autoComplete="off" />
        </Field>
        <Field meta={fields.emailFrom} label={ta.emailFrom} optional>
          <input {...getInputProps(fields.emailFrom, { type: "email" })} className="input" />
        </Field>
        <Field meta={fields.digestHour} label={ta.digestHour}>
          <input {...getInputProps(fields.digestHour, { type: "number" })} min={0} max={23} className="input max-w-24" />
        </Field>
        <button className="btn-primary">{ta.save}</button>
      </Form>
      <section className="card">
        <h2 className="mb-2 font-semibold">{ta.failures}</h2>
        {failures.length === 0 ? (
          <p className="text-sm text-slate-600">{ta.noFailures}</p>
        ) : (
          <div className="overflow-x-auto">
            <table className="data-table">
              <thead>
                <tr>
                  <th scope="col">{ta.cols.at}</th>
                  <th scope="col">{ta.cols.channel}</th>
                  <th scope="col">{ta.cols.to}</th>
                  <th scope="col">{ta.cols.attempts}</th>
                  <th scope="col">{ta.cols.error}</th>
                </tr>
              </thead>
              <tbody>
                {failures.map((f) => (
                  <tr key={f.id}>
                    <td>{formatDateTime(f.created_at)}</td>
                    <td>{f.channel}</td>
                    <td className="break-all">{f.destination}</td>
                    <td>{f.attempts}</td>
                    {/* A generic reason only: the details stay in the server log. */}
                    <td>{ta.failureReason}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
    </div>
  );
}
