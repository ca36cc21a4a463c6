import type { LoaderFunctionArgs } from "@remix-run/node";
import { Form, Link, NavLink, Outlet, isRouteErrorResponse, useLoaderData, useRouteError } from "@remix-run/react";
import { ErrorPage, suspensionOf } from "~/components/ErrorPage";
import { Notice, useNotice } from "~/components/Notice";
import { fmt, useT, type Messages } from "~/i18n";
import { requireMember } from "~/modules/auth/guard.server";
import { withoutTenant } from "../../db/tenant";
import { can, type Action } from "~/modules/auth/permissions";
import { inboxCounts } from "~/modules/inbox/inbox.server";
import { unreadCount } from "~/modules/notifications/notifications.server";
import { messages } from "~/i18n/messages.server";
import { skipAfterSettled } from "~/utils/revalidate";

export async function loader({ request, context, params }: LoaderFunctionArgs) {
  const member = await requireMember(request, context, params.org);
  const centres = await withoutTenant("counts the signed-in user's own memberships in every centre", () =>
    // tenant-safe: counts the signed-in user's own memberships in every centre (for the "other centres" link).
    context.db
      .selectFrom("memberships")
      .select((eb) => eb.fn.countAll<number>().as("n"))
      .where("user_id", "=", member.user.id)
      .where("active", "=", 1)
      .executeTakeFirstOrThrow(),
  );
  const [unread, waiting] = await Promise.all([
    unreadCount(context.db, member.org.id, member.membershipId),
    inboxCounts(context.db, { orgId: member.org.id, membershipId: member.membershipId, roles: member.roles }),
  ]);
  const dict = messages(member.user.locale);
  return {
    // The labels of the bell and the inbox link, in words here: every centre page carries them, and
    // the notifications and inbox sections of the dictionary need not come along (decision 0036).
    bellLabel: fmt(dict.notifications.bell, { n: unread }),
    inboxLabel: fmt(dict.inbox.headerLink, { n: waiting.total }),
    // The menu shows only what the member may open.
    nav: NAV.filter((item) => !item.perm || can(member.roles, item.perm)).map((item) => item.key),
    unread,
    waiting: waiting.total,
    settings: can(member.roles, "notifications.settings"),
    operatorLog: can(member.roles, "audit.view"),
    exportData: can(member.roles, "centre.export"),
    org: { slug: member.org.slug, name: member.org.name },
    user: { fullName: member.user.full_name },
    roles: member.roles,
    multiCentre: Number(centres.n) > 1,
  };
}

// A settled action (a check-in) changes nothing shown here: the header keeps its counts.
export const shouldRevalidate = skipAfterSettled;

type NavKey = keyof Pick<Messages["nav"], "overview" | "inbox" | "me" | "tasks" | "attendance" | "leave" | "rosters" | "inspections" | "evaluations" | "calendar" | "reports" | "staff" | "positions">;
const NAV: { key: NavKey; path: string; perm?: Action }[] = [
  { key: "overview", path: "" },
  { key: "inbox", path: "/inbox" },
  { key: "me", path: "/me" },
  { key: "tasks", path: "/tasks" },
  { key: "attendance", path: "/attendance" },
  { key: "leave", path: "/leave" },
  { key: "rosters", path: "/rosters" },
  { key: "inspections", path: "/inspections" },
  { key: "evaluations", path: "/evaluations" },
  { key: "calendar", path: "/calendar" },
  { key: "reports", path: "/reports", perm: "reports.view" },
  { key: "staff", path: "/staff" },
  { key: "positions", path: "/positions" },
];

/** A count on a red pill, "99+" past 99. */
function CountPill({ n, testId }: { n: number; testId: string }) {
  return (
    <span className="absolute -right-0.5 -top-0.5 min-w-5 rounded-full bg-red-600 px-1 text-center text-xs font-bold text-white" data-testid={testId}>
      {n > 99 ? "99+" : n}
    </span>
  );
}

function NavItems({ base, keys, waiting }: { base: string; keys: NavKey[]; waiting: number }) {
  const t = useT();
  return (
    <>
      {NAV.filter((item) => keys.includes(item.key)).map((item) => (
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
          {item.key === "inbox" && waiting > 0 ? <span className="badge ml-2 bg-amber-100 text-amber-900">{waiting > 99 ? "99+" : waiting}</span> : null}
        </NavLink>
      ))}
    </>
  );
}

export default function CentreLayout() {
  const t = useT();
  const notice = useNotice();
  const { org, user, multiCentre, unread, waiting, settings, operatorLog, exportData, nav, bellLabel, inboxLabel } = useLoaderData<typeof loader>();
  const bell = (
    <Link
      to={`/o/${org.slug}/notifications`}
      className="relative inline-flex h-10 w-10 items-center justify-center rounded-full text-slate-700 no-underline hover:bg-slate-100"
      aria-label={bellLabel}
      data-testid="bell"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M15 17h5l-1.4-1.4A2 2 0 0 1 18 14.2V11a6 6 0 1 0-12 0v3.2a2 2 0 0 1-.6 1.4L4 17h5m6 0a3 3 0 0 1-6 0" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {unread > 0 ? <CountPill n={unread} testId="bell-count" /> : null}
    </Link>
  );
  // Beside the bell: what waits for my decision ("Chờ tôi xử lý").
  const inbox = (
    <Link
      to={`/o/${org.slug}/inbox`}
      className="relative inline-flex h-10 w-10 items-center justify-center rounded-full text-slate-700 no-underline hover:bg-slate-100"
      aria-label={inboxLabel}
      data-testid="inbox-link"
    >
      <svg aria-hidden="true" viewBox="0 0 24 24" className="h-6 w-6" fill="none" stroke="currentColor" strokeWidth="2">
        <path d="M4 13h4l1.5 3h5L16 13h4M5.5 5h13L21 13v5a1 1 0 0 1-1 1H4a1 1 0 0 1-1-1v-5l2.5-8Z" strokeLinecap="round" strokeLinejoin="round" />
      </svg>
      {waiting > 0 ? <CountPill n={waiting} testId="inbox-count" /> : null}
    </Link>
  );
  const base = `/o/${org.slug}`;
  const accountLinks = (
    <>
      <NavLink to="/account" className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
        {t.nav.account}
      </NavLink>
      {settings ? (
        <>
          <NavLink to={`/o/${org.slug}/settings/schedule`} className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
            {t.nav.scheduleSettings}
          </NavLink>
          <NavLink to={`/o/${org.slug}/settings/notifications`} className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
            {t.nav.notificationSettings}
          </NavLink>
          {exportData ? (
            <NavLink to={`/o/${org.slug}/settings/export`} className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
              {t.nav.exportData}
            </NavLink>
          ) : null}
        </>
      ) : null}
      {operatorLog ? (
        <NavLink to={`/o/${org.slug}/settings/operator-log`} className="block rounded-md px-3 py-2 text-sm text-slate-700 no-underline hover:bg-slate-100">
          {t.nav.operatorLog}
        </NavLink>
      ) : null}
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
      <header className="relative border-b border-slate-200 bg-white lg:hidden">
        <div className="absolute right-24 top-2.5 flex">
          {inbox}
          {bell}
        </div>
        <details className="group">
          <summary className="flex cursor-pointer list-none items-center justify-between px-4 py-3">
            <span className="min-w-0 pr-24">
              <span className="block font-bold text-brand-800">{t.app.name}</span>
              <span className="block truncate text-xs text-slate-600">{org.name}</span>
            </span>
            <span className="btn-secondary px-3 py-1">{t.nav.menu}</span>
          </summary>
          <nav className="space-y-1 border-t border-slate-100 px-3 py-3">
            <NavItems base={base} keys={nav} waiting={waiting} />
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
          <div className="flex items-center justify-between">
            <p className="text-lg font-bold text-brand-800">{t.app.name}</p>
            <span className="flex">
              {inbox}
              {bell}
            </span>
          </div>
          <p className="mt-1 text-xs leading-snug text-slate-600">{org.name}</p>
        </div>
        <nav className="flex-1 space-y-1 px-3 py-4">
          <NavItems base={base} keys={nav} waiting={waiting} />
        </nav>
        <div className="border-t border-slate-100 px-3 py-3">
          <p className="px-3 py-1 text-sm font-medium text-slate-800">{user.fullName}</p>
          {accountLinks}
        </div>
      </aside>
      <main id="main" className="min-w-0 flex-1 px-4 py-6 lg:px-8">
        <div className="mx-auto max-w-6xl">
          <Notice />
        </div>
        {/* Rebuilt after each successful form, as a browser without JavaScript would: every form
            shows what is stored now, and the one just sent is empty again. */}
        <Outlet key={notice?.id} />
      </main>
    </div>
  );
}

/**
 * The same page as the root's boundary. Being here, below the root, it keeps the root's data — the
 * page's dictionary — when an action fails: Remix runs the loaders above the boundary that shows
 * the error only (docs/decisions/0036-small-bundles.md).
 */
export function ErrorBoundary() {
  const error = useRouteError();
  const status = isRouteErrorResponse(error) ? error.status : 500;
  const reason = isRouteErrorResponse(error) && typeof error.data === "object" && error.data ? (error.data as { reason?: unknown }).reason : undefined;
  const suspension = isRouteErrorResponse(error) ? suspensionOf(error.data) : undefined;
  return <ErrorPage status={status} reason={typeof reason === "string" ? reason : undefined} suspension={suspension} />;
}
