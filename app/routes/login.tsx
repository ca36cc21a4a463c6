import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import {
  data,
  redirect,
  type ActionFunctionArgs,
  type HeadersFunction,
  type LoaderFunctionArgs,
} from "@remix-run/node";
import { Form, useActionData, useSearchParams } from "@remix-run/react";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { fmt, useT } from "~/i18n";
import { getAuth } from "~/modules/auth/guard.server";
import { signIn } from "~/modules/auth/login.server";
import { loginSchema } from "~/modules/auth/schema";
import { sessionCookie } from "~/modules/auth/session.server";
import { titled } from "~/i18n/meta";
import { readForm } from "~/utils/forms.server";
import { safeRedirect } from "~/utils/redirect";

// Pass the action's Retry-After through to the document response.
export const headers: HeadersFunction = ({ actionHeaders }) => actionHeaders;

export const meta = titled((t) => t.login.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const auth = await getAuth(request, context);
  if (auth) throw redirect(safeRedirect(new URL(request.url).searchParams.get("redirectTo")));
  return null;
}

export async function action({ request, context }: ActionFunctionArgs) {
  const submission = parseWithZod(await readForm(request), { schema: loginSchema });
  if (submission.status !== "success") {
    return data({ result: submission.reply({ hideFields: ["password"] }), failure: null }, { status: 400 });
  }
  const { username, password, redirectTo } = submission.value;
  const outcome = await signIn(context.db, { username, password, ip: context.clientIp, now: context.now() });
  if (!outcome.ok) {
    // Same status and message for an unknown user and a wrong password.
    const failure =
      outcome.reason === "throttled"
        ? { kind: "throttled" as const, seconds: outcome.retryAfterSeconds }
        : { kind: "invalid" as const, seconds: 0 };
    return data(
      { result: submission.reply({ hideFields: ["password"] }), failure },
      {
        status: outcome.reason === "throttled" ? 429 : 401,
        headers: outcome.reason === "throttled" ? { "Retry-After": String(outcome.retryAfterSeconds) } : {},
      },
    );
  }
  const to = outcome.needsSecondFactor
    ? `/login/two-factor?redirectTo=${encodeURIComponent(safeRedirect(redirectTo))}`
    : outcome.mustChangePassword
      ? "/account/password"
      : safeRedirect(redirectTo);
  return redirect(to, { headers: { "Set-Cookie": sessionCookie(outcome.token, context.config.secureCookies) } });
}

export default function Login() {
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
          <p className="mt-2 text-sm text-slate-600">{t.app.tagline}</p>
        </div>
        <Notice />
        <div className="card p-6">
          <h1 className="text-xl font-semibold">{t.login.title}</h1>
          <p className="mt-1 text-sm text-slate-600">{t.login.intro}</p>
          <Form method="post" {...getFormProps(form)} className="mt-5 space-y-4">
            {failure ? (
              <p className="alert" role="alert">
                {failure.kind === "throttled" ? fmt(t.login.throttled, { s: failure.seconds }) : t.login.invalid}
              </p>
            ) : null}
            <input type="hidden" name="redirectTo" value={safeRedirect(params.get("redirectTo"), "")} />
            <Field meta={fields.username} label={t.login.username}>
              <input
                {...getInputProps(fields.username, { type: "text" })}
                className="input"
                autoComplete="username"
                autoCapitalize="none"
                spellCheck={false}
                required
              />
            </Field>
            <Field meta={fields.password} label={t.login.password}>
              <input
                {...getInputProps(fields.password, { type: "password" })}
                className="input"
                autoComplete="current-password"
                required
              />
            </Field>
            <button type="submit" className="btn-primary w-full">
              {t.login.submit}
            </button>
          </Form>
        </div>
      </div>
    </main>
  );
}
