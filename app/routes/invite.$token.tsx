import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { Field, FormErrors } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { acceptInvitation, lookupInvitation, type InvitationLookup } from "~/modules/auth/invitations.server";
import { invitePasswordSchema } from "~/modules/auth/schema";
import { FieldError } from "~/utils/errors";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

// An invitation link (docs/decisions/0041-invitations-and-staff-import.md): no session needed. The
// page names the centre and the person and asks for a password; the link is then spent. Unknown
// (404), spent — used, revoked, expired — (410) and throttled (429) links get a page in words.

export const meta = titled((t) => t.invite.page.title);

// Pass Retry-After through to the document response.
export const headers: HeadersFunction = ({ loaderHeaders, actionHeaders }) => (actionHeaders.has("Retry-After") ? actionHeaders : loaderHeaders);

type Closed = { state: "spent" | "unknown" | "throttled"; seconds: number };

/** The answer for a link that cannot be used: its state and status, nothing about the invitation. */
function closed(found: Exclude<InvitationLookup, { state: "open" }>) {
  const seconds = found.state === "throttled" ? found.retryAfterSeconds : 0;
  const status = found.state === "throttled" ? 429 : found.state === "spent" ? 410 : 404;
  return data({ closed: { state: found.state, seconds } as Closed, invitation: null, result: undefined }, {
    status,
    headers: { "Cache-Control": "no-store", ...(seconds ? { "Retry-After": String(seconds) } : {}) },
  });
}

export async function loader({ context, params }: LoaderFunctionArgs) {
  const found = await lookupInvitation(context.db, params.token ?? "", context.clientIp, context.now());
  if (found.state !== "open") return closed(found);
  return data(
    { closed: null, invitation: { fullName: found.fullName, username: found.username, orgName: found.orgName }, result: undefined },
    // The token is in the URL: no cache keeps the page, no link on it sends the URL as a referrer.
    { headers: { "Cache-Control": "no-store", "Referrer-Policy": "no-referrer" } },
  );
}

export async function action({ request, context, params }: ActionFunctionArgs) {
  const found = await lookupInvitation(context.db, params.token ?? "", context.clientIp, context.now());
  if (found.state !== "open") return closed(found);
  return handleForm(await readForm(request), invitePasswordSchema, async (input) => {
    const outcome = await acceptInvitation(context.db, found, input.newPassword, context.now());
    if (!outcome.ok && outcome.reason === "spent") return closed({ state: "spent" });
    if (!outcome.ok) throw new FieldError("newPassword", outcome.key);
    return succeeded(request, context, "invitationAccepted", { username: outcome.username }, "/login");
  });
}

export default function Invitation() {
  const t = useT();
  const loaded = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const lastResult = actionData && "result" in actionData ? actionData.result : undefined;
  const closedState = (actionData && "closed" in actionData ? actionData.closed : null) ?? loaded.closed;
  const [form, fields] = useForm({ lastResult, shouldRevalidate: "onSubmit" });
  const invitation = loaded.invitation;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-10">
      <div className="w-full max-w-md">
        <p className="mb-6 text-center text-3xl font-bold text-brand-800">{t.app.name}</p>
        {closedState || !invitation ? (
          <div className="card space-y-3 p-6">
            <h1 className="text-xl font-semibold">{closedState?.state === "unknown" ? t.invite.page.unknownTitle : t.invite.page.spentTitle}</h1>
            <p className="text-slate-700">
              {closedState?.state === "throttled"
                ? fmt(t.invite.page.throttled, { s: closedState.seconds })
                : closedState?.state === "unknown"
                  ? t.invite.page.unknownBody
                  : t.invite.page.spentBody}
            </p>
            <p>
              <Link to="/login">{t.invite.page.toLogin}</Link>
            </p>
          </div>
        ) : (
          <div className="card p-6">
            <h1 className="text-xl font-semibold">{t.invite.page.title}</h1>
            <p className="mt-2 text-slate-700">{fmt(t.invite.page.intro, { name: invitation.fullName, centre: invitation.orgName, username: invitation.username })}</p>
            <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
              <FormErrors invalid={lastResult?.status === "error"} />
              {/* For password managers: the account the new password belongs to. */}
              <input type="text" name="username" value={invitation.username} autoComplete="username" readOnly hidden />
              <Field meta={fields.newPassword} label={t.invite.page.newPassword} hint={t.invite.page.newPasswordHint}>
                <input
                  {...getInputProps(fields.newPassword, { type: "password", ariaDescribedBy: fields.newPassword.descriptionId })}
                  className="input"
                  autoComplete="new-password"
                  required
                />
              </Field>
              <Field meta={fields.confirmPassword} label={t.invite.page.confirmPassword}>
                <input {...getInputProps(fields.confirmPassword, { type: "password" })} className="input" autoComplete="new-password" required />
              </Field>
              <button type="submit" className="btn-primary w-full">
                {t.invite.page.submit}
              </button>
            </Form>
          </div>
        )}
      </div>
    </main>
  );
}
