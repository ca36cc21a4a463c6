import { AsyncLocalStorage } from "node:async_hooks";

/**
 * Which centre's rows the database may show to the code running now (docs/decisions/0033).
 *
 * On PostgreSQL every tenant table (every table with `org_id`) has a row-level-security policy that
 * shows and accepts only rows whose `org_id` equals the connection's `app.org_id` setting; the app's
 * pool sets that setting from here each time it hands out a connection (db/client.ts). On SQLite
 * there is no row-level security: these scopes change nothing there.
 *
 * - A request runs in `requestScope` with no centre; `bindCentre` (called by `requireMember` once
 *   the URL's centre is resolved for a member) binds it for the rest of the request.
 * - `withTenant(orgId, fn)` runs `fn` bound to one centre (tests, per-centre work).
 * - `withoutTenant(reason, fn)` runs `fn` across every centre: sign-in, the centre chooser, the
 *   jobs, the CLI. The reason is required; `grep -rn withoutTenant` lists every such place.
 * - Anything else (no scope at all) sees no tenant row and may write none.
 */
interface Scope {
  /** The centre this code works in; undefined until bound. */
  orgId?: string;
  /** Set when the code works across every centre: why. */
  unscoped?: string;
  /** Values computed once per request (requestMemo); only in a request's own scope. */
  memo?: Map<string, unknown>;
}

/** What `app.org_id` holds for code that may see every centre; never a centre's id (ids are UUIDs). */
export const ALL_CENTRES = "*";

// One store per process, shared by the server's modules and the Remix build, which bundles its own
// copy of this file: both must read the same scope.
const KEY = Symbol.for("roviec.tenantScope");
const store: AsyncLocalStorage<Scope> = ((globalThis as Record<symbol, unknown>)[KEY] as AsyncLocalStorage<Scope> | undefined) ??
  ((globalThis as Record<symbol, unknown>)[KEY] = new AsyncLocalStorage<Scope>());

/** Runs one request: no centre until `bindCentre`. */
export function requestScope<T>(fn: () => T): T {
  return store.run({ memo: new Map() }, fn);
}

/**
 * A value worked out once per request, by key: e.g. a centre's schedule and calendar, read by a
 * check-in and again by the page state it answers with. Outside a request's scope (jobs, scripts,
 * withTenant) `make` runs every time. Every write transaction forgets them all when it ends (db/tx.ts),
 * unless it says it writes nothing they are made of (`keepsRequestMemo`); a rejected promise is
 * forgotten at once.
 */
export function requestMemo<T>(key: string, make: () => T): T {
  const memo = store.getStore()?.memo;
  if (!memo) return make();
  if (memo.has(key)) return memo.get(key) as T;
  const value = make();
  memo.set(key, value);
  if (value instanceof Promise) value.catch(() => memo.get(key) === value && memo.delete(key));
  return value;
}

/** Forgets the request's memoised values (after a write: see requestMemo). */
export function forgetRequestMemo(): void {
  store.getStore()?.memo?.clear();
}

/**
 * Binds the current request to its centre (the URL's, once the signed-in user's membership there is
 * found). A request works in one centre: binding it to another is a bug and throws.
 */
export function bindCentre(orgId: string): void {
  const scope = store.getStore();
  if (!scope) throw new Error("bindCentre outside a request scope");
  if (scope.unscoped !== undefined) throw new Error(`bindCentre inside withoutTenant (${scope.unscoped})`);
  if (scope.orgId !== undefined && scope.orgId !== orgId) throw new Error("a request is bound to one centre only");
  scope.orgId = orgId;
}

/** Runs `fn` bound to one centre. */
export function withTenant<T>(orgId: string, fn: () => Promise<T>): Promise<T> {
  return store.run({ orgId }, fn);
}

/**
 * Runs `fn` across every centre: the database shows it every centre's rows. Only for work that is
 * about no single centre, with a concrete reason ("sign-in: an active membership in any centre",
 * "background job across all centres: …"). Everything `fn` starts inherits it, so keep `fn` short.
 */
export function withoutTenant<T>(reason: string, fn: () => Promise<T>): Promise<T> {
  if (!reason.trim()) throw new Error("withoutTenant needs a reason");
  return store.run({ unscoped: reason }, fn);
}

/** The value of `app.org_id` for a connection handed out now: a centre's id, ALL_CENTRES, or "" (none). */
export function tenantSetting(): string {
  const scope = store.getStore();
  if (!scope) return "";
  if (scope.unscoped !== undefined) return ALL_CENTRES;
  return scope.orgId ?? "";
}
