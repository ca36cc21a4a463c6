import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, redirect, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/Field";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { getAuth, needsSecondFactor } from "~/modules/auth/guard.server";
import { totpCodeSchema } from "~/modules/auth/schema";
import { verifySecondFactor } from "~/modules/auth/totp.server";
import { readForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";

// The second step of sign-in (docs/decisions/0043): a session of a user with a confirmed TOTP is sent
// here by every guard until a code is given. Wrong codes count in the sign-in limits (decision 0010).

export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta = titled((t) => t.twoFactor.loginTitle);

/** Where to go: the session that needs no code (any more) goes on; no session signs in first. */
async function pendingAuth(request: Request, context: LoaderFunctionArgs["context"]) {
  const auth = await getAuth(request, context);
  const next = safeRedirect(new URL(request.url).searchParams.get("redirectTo"));
  if (!auth) throw redirect(`/login?redirectTo=${encodeURIComponent(next)}`);
  if (!needsSecondFactor(auth)) throw redirect(next);
  return auth;
}

export async function loader({ request, context }: LoaderFunctionArgs) {
  await pendingAuth(request, context);
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const auth = await pendingAuth(request, context);
  const submission = parseWithZod(await readForm(request), { schema: totpCodeSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["code"] }), failure: null }, { status: 400 });
  }
  const outcome = await verifySecondFactor(context.db, {
    userId: auth.user.id,
    username: auth.user.username,
    sessionId: auth.session.id,
    code: submission.value.code,
    ip: context.clientIp,
    now: context.now(),
  });
  if (!outcome.ok) {
    const throttled = outcome.reason === "throttled";
    return data(
      { result: submission.reply({ hideFields: ["code"] }), failure: throttled ? { kind: "throttled" as const, seconds: outcome.retryAfterSeconds } : { kind: "invalid" as const, seconds: 0 } },
      { status: throttled ? 429 : 401, headers: throttled ? { "Retry-After": String(outcome.retryAfterSeconds) } : {} },
    );
  }
  const next = auth.user.must_change_password === 1 ? "/account/password" : safeRedirect(submission.value.redirectTo);
  return redirect(next, { status: 303 });
}

export default function TwoFactorLogin() {
  const t = useT();
  const actionData = useActionData<typeof action>();
  const [params] = useSearchParams();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  const failure = actionData?.failure;
  return (
    <main className="flex min-h-screen items-center justify-center bg-gradient-to-b from-brand-50 to-slate-50 px-4 py-10">
      <div className="w-full max-w-sm">
        <div className="mb-6 text-center">
          <p className="text-3xl font-bold text-brand-800">{t.app.name}</p>
        </div>
        <div className="card p-6">
          <h1 className="text-xl font-semibold">{t.twoFactor.loginTitle}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.twoFactor.loginIntro}</p>
          <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
            {failure ? (
              <p className="alert" role="alert">
                {failure.kind === "throttled" ? fmt(t.twoFactor.throttled, { s: failure.seconds }) : t.twoFactor.invalid}
              </p>
            ) : null}
            <input type="hidden" name="redirectTo" value={safeRedirect(params.get("redirectTo"), "")} />
            <Field meta={fields.code} label={t.twoFactor.code} hint={t.twoFactor.codeHint}>
              <input
                {...getInputProps(fields.code, { type: "text", ariaDescribedBy: fields.code.descriptionId })}
                className="input text-center font-mono text-lg tracking-widest"
                autoComplete="one-time-code"
                inputMode="numeric"
                pattern="[0-9 ]*"
                maxLength={8}
                autoFocus
                required
              />
            </Field>
            <button type="submit" className="btn-primary w-full">
              {t.twoFactor.verify}
            </button>
          </Form>
          <Form method="post" action="/logout" className="mt-4 text-center">
            <button type="submit" className="text-sm text-slate-600 underline">
              {t.twoFactor.otherAccount}
            </button>
          </Form>
        </div>
      </div>
    </main>
  );
}
