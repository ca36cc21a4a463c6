import { type ActionFunctionArgs, type LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, useLoaderData } from "@remix-run/react";
import { useT } from "~/i18n";
import { audit } from "~/modules/audit/audit.server";
import { requireUser } from "~/modules/auth/guard.server";
import { mayUseTotp } from "~/modules/auth/totp.server";
import { localeSchema } from "~/modules/auth/schema";
import { handleForm, readForm } from "~/utils/forms.server";
import { succeeded } from "~/utils/notice.server";
import { Notice } from "~/components/Notice";
import { writeTx } from "../../db/tx";

export async function loader({ request, context }: LoaderFunctionArgs) {
  const { user } = await requireUser(request, context);
  return { fullName: user.full_name, username: user.username, locale: user.locale, twoFactor: await mayUseTotp(context.db, user.id) };
}

export async function action({ request, context }: ActionFunctionArgs) {
  const { user } = await requireUser(request, context);
  return handleForm(await readForm(request), localeSchema, async ({ locale }) => {
    const now = context.now();
    await writeTx(context.db, async (tx) => {
      await tx.updateTable("users").set({ locale, updated_at: now.toISOString() }).where("id", "=", user.id).execute();
      await audit(tx, { orgId: null, actorUserId: user.id, action: "user.localeChanged", entityType: "user", entityId: user.id, details: { locale }, at: now });
    });
    return succeeded(request, context, "languageSaved");
  });
}

export default function Account() {
  const t = useT();
  const { fullName, username, locale, twoFactor } = useLoaderData<typeof loader>();
  return (
    <main className="mx-auto max-w-lg space-y-6 px-4 py-10">
      <p>
        <Link to="/">← {t.nav.overview}</Link>
      </p>
      <h1 className="page-title">{t.account.title}</h1>
      <p className="text-slate-700">
        {fullName} · <span className="text-slate-500">{username}</span>
      </p>
      <Notice />
      <Form method="post" className="card space-y-3">
        <fieldset>
          <legend className="label">{t.account.language}</legend>
          <div className="mt-2 space-y-2">
            {(["vi", "en"] as const).map((l) => (
              <label key={l} className="flex items-center gap-2">
                <input type="radio" name="locale" value={l} defaultChecked={locale === l} className="h-4 w-4" />
                {l === "vi" ? t.account.languageVi : t.account.languageEn}
              </label>
            ))}
          </div>
        </fieldset>
        <button type="submit" className="btn-primary">
          {t.account.saveLanguage}
        </button>
      </Form>
      <p>
        <Link to="/account/password" className="btn-secondary">
          {t.account.changePassword}
        </Link>
      </p>
      {twoFactor ? (
        <p>
          <Link to="/account/two-factor" className="btn-secondary">
            {t.twoFactor.link}
          </Link>
        </p>
      ) : null}
    </main>
  );
}
