import { Form, Link } from "@remix-run/react";
import type { ReactNode } from "react";
import { Notice } from "~/components/Notice";
import { useT } from "~/i18n";

/** The frame of the operator console (/admin): the console's name, the operator, sign out. No centre menu. */
export function ConsoleFrame({ userName, children }: { userName: string; children: ReactNode }) {
  const t = useT();
  return (
    <div className="min-h-screen bg-slate-50">
      <header className="border-b border-slate-200 bg-slate-800 text-white">
        <div className="mx-auto flex max-w-7xl flex-wrap items-center justify-between gap-2 px-4 py-3">
          <p className="min-w-0">
            <Link to="/admin" className="font-bold text-white no-underline">
              {t.app.name}
            </Link>
            <span className="block truncate text-sm text-slate-300">{t.console.title}</span>
          </p>
          <div className="flex items-center gap-3 text-sm">
            <Link to="/account" className="text-white">
              {userName}
            </Link>
            <Form method="post" action="/logout">
              <button className="btn-secondary py-1">{t.nav.logout}</button>
            </Form>
          </div>
        </div>
      </header>
      <main id="main" className="mx-auto max-w-7xl space-y-6 px-4 py-6">
        <Notice />
        {children}
      </main>
    </div>
  );
}
