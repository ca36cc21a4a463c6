import { getFormProps, getInputProps, useForm } from "@conform-to/react";
import { parseWithZod } from "@conform-to/zod";
import { data, type ActionFunctionArgs, type HeadersFunction, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useActionData, useLoaderData } from "@remix-run/react";
import { renderSVG } from "uqr";
import { Field } from "~/components/Field";
import { Notice } from "~/components/Notice";
import { fmt, useT } from "~/i18n";
import { titled } from "~/i18n/meta";
import { requireUser } from "~/modules/auth/guard.server";
import { isOperator } from "~/modules/auth/operators.server";
import { totpCodeSchema } from "~/modules/auth/schema";
import { confirmTotp, disableTotp, groupedSecret, mayUseTotp, otpauthUri, pendingTotpSecret, totpState } from "~/modules/auth/totp.server";
import { badRequest, notFound } from "~/utils/errors";
import { readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";

// Turning TOTP on and off (docs/decisions/0043): offered to directors, admins and operators (for whom
// it is mandatory before the console opens); 404 for anyone else. The secret is shown as text, as an
// otpauth:// link and as a QR code drawn on the server (SVG, no script).

// The secret is on the page: never cached. An action's Retry-After passes through.
export const headers: HeadersFunction = ({ actionHeaders }) => {
  const h = new Headers(actionHeaders);
  h.set("Cache-Control", "no-store");
  return h;
};

export const meta = titled((t) => t.twoFactor.title);

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  if (!(await mayUseTotp(context.db, user.id))) notFound();
  const operator = await isOperator(context.db, user.id);
  const state = await totpState(context.db, user.id);
  if (state.enrolled) return { enrolled: true as const, since: state.confirmedAt.slice(0, 10), operator, secret: null, grouped: null, uri: null, qr: null };
  // The pending secret: made on the first visit, kept until confirmed (a phone that scanned it keeps working).
  const secret = await pendingTotpSecret(context.db, user.id, context.now());
  if (!secret) throw new Error("TOTP state changed while loading");
  const uri = otpauthUri(secret, user.username);
  const qr = `data:image/svg+xml;base64,${Buffer.from(renderSVG(uri, { ecc: "M", border: 2 })).toString("base64")}`;
  return { enrolled: false as const, since: null, operator, secret, grouped: groupedSecret(secret), uri, qr };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user, session } = await requireUser(request, context);
  if (!(await mayUseTotp(context.db, user.id))) notFound();
  const form = await readForm(request);
  const intent = form.get("intent") === "disable" ? "disable" : form.get("intent") === "confirm" ? "confirm" : null;
  if (!intent) badRequest();
  const submission = parseWithZod(form, { schema: totpCodeSchema });
  if (submission.status !== "success") return data({ result: submission.reply({ hideFields: ["code"] }), failure: null, intent }, { status: 400 });
  // An operator cannot turn off what the console requires.
  if (intent === "disable" && (await isOperator(context.db, user.id))) notFound();
  const input = { userId: user.id, username: user.username, sessionId: session.id, code: submission.value.code, ip: context.clientIp, now: context.now() };
  const outcome = intent === "disable" ? await disableTotp(context.db, input) : await confirmTotp(context.db, input);
  if (!outcome.ok) {
    const throttled = outcome.reason === "throttled";
    return data(
      { result: submission.reply({ hideFields: ["code"] }), failure: throttled ? { kind: "throttled" as const, seconds: outcome.retryAfterSeconds } : { kind: "invalid" as const, seconds: 0 }, intent },
      { status: throttled ? 429 : 400, headers: throttled ? { "Retry-After": String(outcome.retryAfterSeconds) } : {} },
    );
  }
  if (intent === "disable") return succeeded(request, context, "totpDisabled", {}, "/account");
  return succeeded(request, context, "totpEnabled", {}, (await isOperator(context.db, user.id)) ? "/admin" : "/account");
}

export default function TwoFactorAccount() {
  const t = useT();
  const page = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>();
  const [form, fields] = useForm({ lastResult: actionData?.result, shouldRevalidate: "onSubmit" });
  const failure = actionData?.failure;
  const alert = failure ? (
    <p className="alert" role="alert">
      {failure.kind === "throttled" ? fmt(t.twoFactor.throttled, { s: failure.seconds }) : t.twoFactor.invalid}
    </p>
  ) : null;
  const codeField = (
    <Field meta={fields.code} label={t.twoFactor.code} hint={t.twoFactor.codeHint}>
      <input
        {...getInputProps(fields.code, { type: "text", ariaDescribedBy: fields.code.descriptionId })}
        className="input max-w-[12rem] text-center font-mono text-lg tracking-widest"
        autoComplete="one-time-code"
        inputMode="numeric"
        pattern="[0-9 ]*"
        maxLength={8}
        required
      />
    </Field>
  );
  return (
    <main className="mx-auto max-w-lg space-y-6 px-4 py-10">
      <p>
        <Link to={page.operator ? "/admin" : "/account"}>← {page.operator ? t.console.title : t.account.title}</Link>
      </p>
      <h1 className="page-title">{t.twoFactor.title}</h1>
      <Notice />
      <p className="text-slate-700">{t.twoFactor.intro}</p>
      {page.operator && !page.enrolled ? (
        <p className="alert" role="status">
          {t.twoFactor.required}
        </p>
      ) : null}
      {page.enrolled ? (
        <div className="card space-y-4">
          <p className="font-medium text-green-800">{fmt(t.twoFactor.enabledSince, { date: page.since })}</p>
          {page.operator ? null : (
            <Form method="post" {...getFormProps(form)} className="space-y-4">
              <p className="text-slate-700">{t.twoFactor.disableIntro}</p>
              {alert}
              <input type="hidden" name="intent" value="disable" />
              {codeField}
              <button type="submit" className="btn-secondary">
                {t.twoFactor.disable}
              </button>
            </Form>
          )}
        </div>
      ) : (
        <div className="card space-y-5">
          <p className="font-medium">{t.twoFactor.step1}</p>
          <img src={page.qr} alt={t.twoFactor.qrAlt} width={200} height={200} className="mx-auto h-48 w-48 sm:mx-0" />
          <div>
            <p className="label">{t.twoFactor.secret}</p>
            <p className="mt-1 break-all rounded bg-slate-100 px-3 py-2 font-mono text-base tracking-wide" data-testid="totp-secret">
              {page.grouped}
            </p>
          </div>
          <div>
            <p className="label">{t.twoFactor.uri}</p>
            <p className="mt-1 break-all text-xs text-slate-600" data-testid="totp-uri">
              {page.uri}
            </p>
          </div>
          <Form method="post" {...getFormProps(form)} className="space-y-4 border-t border-slate-200 pt-4">
            <p className="font-medium">{t.twoFactor.step2}</p>
            {alert}
            <input type="hidden" name="intent" value="confirm" />
            {codeField}
            <button type="submit" className="btn-primary">
              {t.twoFactor.confirm}
            </button>
          </Form>
        </div>
      )}
    </main>
  );
}
