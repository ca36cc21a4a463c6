import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, NavLink, Outlet, useLoaderData } from "@remix-run/react";
import { useT, type Messages } from "~/i18n";
import { requireMember } from "~/modules/auth/guard.server";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org);
  const centres = await context.db
    .selectFrom("memberships")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("user_id", "=", member.user.id)
    .where("active", "=", 1)
    .executeTakeFirstOrThrow();
  return {
    org: { slug: member.org.slug, name: member.org.name },
    user: { fullName: member.user.full_name },
    roles: member.roles,
    multiCentre: Number(centres.n) > 1,
  };
}

type NavKey = keyof Pick<Messages["nav"], "overview" | "me" | "tasks" | "attendance" | "leave" | "rosters" | "inspections" | "calendar" | "staff" | "positions">;
const NAV: { key: NavKey; path: string }[] = [
  { key: "overview", path: "" },
  { key: "me", path: "/me" },
  { key: "tasks", path: "/tasks" },
  { key: "attendance", path: "/attendance" },
  { key: "leave", path: "/leave" },
  { key: "rosters", path: "/rosters" },
  { key: "inspections", path: "/inspections" },
  { key: "calendar", path: "/calendar" },
  { key: "staff", path: "/staff" },
  { key: "positions", path: "/positions" },
];

function NavItems({ base }: { base: string }) {
  const t = useT();
  return (
    <>
      {NAV.map((item) => (
        <NavLink
          key={item.key}
          to={base + item.path}
          end={item.path === ""}
          className={({ isActive }) =>
            `block rounded-md px-3 py-2 text-sm font-medium no-underline ${
              isActive ? "bg-brand-100 text-brand-800" : "text-slate-700 hover:bg-slate-100"
            }`
          }
        >
          {t.nav[item.key]}
        </NavLink>
      ))}
    </>
  );
}

export default function CentreLayout() {
  const t = useT();
  const { org, user, multiCentre } = useLoaderData<typeof loader>();
  const base = `/o/${org.slug}`;
  const accountLinks = (
    <>
      <NavLink to="/account" className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
        {t.nav.account}
      </NavLink>
      {multiCentre ? (
        <NavLink to="/" className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
          {t.nav.switchCentre}
        </NavLink>
      ) : null}
      <Form method="post" action="/logout">
        <button type="submit" className="block w-full rounded-md px-3 py-2 text-left text-sm text-slate-700 hover:bg-slate-100">
          {t.nav.logout}
        </button>
      </Form>
    </>
  );
  return (
    <div className="min-h-screen lg:flex">
      <a href="#main" className="sr-only focus:not-sr-only">
        {t.app.skipToContent}
      </a>
      {/* Phone: a top bar with a menu that opens without JavaScript. */}
      <header className="border-b border-slate-200 bg-white lg:hidden">
        <details className="group">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3">
            <span className="min-w-0">
              <span className="block font-bold text-brand-800">{t.app.name}</span>
              <span className="block truncate text-xs text-slate-600">{org.name}</span>
            </span>
            <span className="btn-secondary px-3 py-1">{t.nav.menu}</span>
          </summary>
          <nav className="space-y-1 border-t border-slate-100 px-3 py-3">
            <NavItems base={base} />
            <div className="mt-2 border-t border-slate-100 pt-2">
              <p className="px-3 py-1 text-xs text-slate-500">{user.fullName}</p>
              {accountLinks}
            </div>
          </nav>
        </details>
      </header>
      {/* Desktop: a sidebar. */}
      <aside className="hidden w-64 shrink-0 flex-col border-r border-slate-200 bg-white lg:flex">
        <div className="border-b border-slate-100 px-5 py-4">
          <p className="text-lg font-bold text-brand-800">{t.app.name}</p>
          <p className="mt-1 text-xs leading-snug text-slate-600">{org.name}</p>
        </div>
        <nav className="flex-1 space-y-1 px-3 py-4">
          <NavItems base={base} />
        </nav>
        <div className="border-t border-slate-100 px-3 py-3">
          <p className="px-3 py-1 text-sm font-medium text-slate-800">{user.fullName}</p>
          {accountLinks}
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 lg:px-8">
        <Outlet />
      </main>
    </div>
  );
}
