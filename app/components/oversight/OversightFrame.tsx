import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { useT } from "~/i18n";

/** The frame of the oversight pages (/g/:group): the body's name, the user, sign out. No centre menu. */
export function OversightFrame({ groupName, userName, children }: { groupName: string; userName: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <p className="min-w-0">
            <Link to="/" className="font-bold text-brand-800 no-underline">
              {t.app.name}
            </Link>
            <span className="block truncate text-sm text-slate-600">{groupName}</span>
          </p>
          <div className="flex items-center gap-3 text-sm">
            <Link to="/account">{userName}</Link>
            <Form method="post" action="/logout">
              <button className="btn-secondary py-1">{t.nav.logout}</button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl space-y-6 px-4 py-6">
        {children}
      </main>
    </div>
  );
}
