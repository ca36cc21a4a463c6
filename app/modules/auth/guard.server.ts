// The one exception to "services build no Responses" (docs/decisions/0025): this is the gate every
// loader and action passes first, and sending a visitor to sign in (or to change a temporary
// password) is navigation, not an error.
// eslint-disable-next-line no-restricted-syntax -- the sign-in gate redirects; see the comment above.
import { redirect, type AppLoadContext } from "@remix-run/node";
import type { Organization, User } from "../../../db/schema";
import { bindCentre, withoutTenant } from "../../../db/tenant";
import type { Ctx } from "../ctx";
import { overseenGroup, type GroupCentre, type OversightGroup } from "../oversight/oversight.server";
import { centreSuspended, forbidden, notFound } from "../../utils/errors";
import { can, parseRoles, type Action, type Role } from "./permissions";
import { isOperator } from "./operators.server";
import { readSessionToken, validateSessionToken, type SessionRecord } from "./session.server";

export interface Auth {
  user: User;
  session: SessionRecord;
}

export interface Member extends Auth {
  org: Organization;
  membershipId: string;
  roles: Role[];
}

// Remix runs a request's loaders in parallel: validate the session once per request.
const authCache = new WeakMap<AppLoadContext, Promise<Auth | null>>();

export function getAuth(request: Request, context: AppLoadContext): Promise<Auth | null> {
  let cached = authCache.get(context);
  if (!cached) {
    const token = readSessionToken(request.headers.get("Cookie"));
    cached = token ? validateSessionToken(context.db, token, context.now()) : Promise.resolve(null);
    const observe = context.observe;
    // For the request log line: the user this request acts as (server/log.ts).
    if (observe && token) void cached.then((auth) => void (auth && (observe.userId = auth.user.id)), () => {});
    authCache.set(context, cached);
  }
  return cached;
}

function loginRedirect(request: Request): never {
  const url = new URL(request.url);
  const back = url.pathname + url.search;
  throw redirect(`/login?redirectTo=${encodeURIComponent(back)}`);
}

/** The signed-in user, or a redirect to /login that comes back here afterwards. */
export async function requireUser(
  request: Request,
  context: AppLoadContext,
  opts: { allowPasswordChange?: boolean } = {},
): Promise<Auth> {
  const auth = await getAuth(request, context);
  if (!auth) loginRedirect(request);
  // A user with TOTP whose session has not given a code yet: the second step of sign-in first.
  if (needsSecondFactor(auth)) {
    const url = new URL(request.url);
    throw redirect(`/login/two-factor?redirectTo=${encodeURIComponent(url.pathname + url.search)}`);
  }
  if (auth.user.must_change_password === 1 && !opts.allowPasswordChange) {
    throw redirect("/account/password");
  }
  return auth;
}

/** A session of a user with a confirmed TOTP that has not passed the second factor. */
export function needsSecondFactor(auth: Auth): boolean {
  return auth.session.twoFactor && !auth.session.secondFactorAt;
}

/**
 * The signed-in operator (docs/decisions/0043): anyone else gets 404 (the console does not exist for
 * them); an operator without a confirmed TOTP is sent to enrol it (mandatory), one whose session has
 * not given a code to /login/two-factor (by requireUser).
 */
export async function requireOperator(request: Request, context: AppLoadContext): Promise<Auth> {
  const auth = await requireUser(request, context);
  if (!(await isOperator(context.db, auth.user.id))) notFound();
  if (!auth.session.twoFactor) throw redirect("/account/two-factor");
  return auth;
}

/**
 * The signed-in user's active membership in the centre named by the URL. Anyone else gets 404,
 * so a centre cannot learn what exists in another.
 */
export async function requireMember(
  request: Request,
  context: AppLoadContext,
  orgSlug: string | undefined,
  action: Action = "centre.view",
): Promise<Member> {
  const auth = await requireUser(request, context);
  if (!orgSlug) notFound();
  const row = await membershipRow(request, context, auth.user.id, orgSlug);
  if (!row) notFound();
  const { membership_id, roles, ...org } = row;
  // From here on this request's queries see only this centre's rows (PostgreSQL, decision 0033).
  // Bound in every loader's own async context: each of a request's loaders runs in its own.
  bindCentre(org.id);
  const member: Member = { ...auth, org, membershipId: membership_id, roles: parseRoles(roles) };
  if (org.status !== "active" && !openWhileSuspended(request, org.slug, member.roles)) refuseSuspended(org, member.roles);
  requirePermission(member, action);
  return member;
}

/**
 * What a suspended centre's members may still open (docs/decisions/0044-centre-lifecycle.md): only
 * its admin, and only the data download (/o/<slug>/settings/export and anything below it) and the
 * log of the operator's actions (/o/<slug>/settings/operator-log). Every other page and every
 * action of the centre answers with the suspension page. Decided here, by the request's path (the
 * layout's loader and the page's see the same), so that no route can forget it.
 */
export const SUSPENDED_ADMIN_PATHS = ["/settings/export", "/settings/operator-log"] as const;

function openWhileSuspended(request: Request, slug: string, roles: readonly Role[]): boolean {
  if (!roles.includes("admin")) return false;
  // A client-side navigation asks for "<path>.data" (Remix single fetch).
  const path = new URL(request.url).pathname.replace(/\.data$/, "");
  const base = `/o/${slug}`;
  if (path === `${base}${SUSPENDED_ADMIN_PATHS[1]}`) return true;
  const exportPath = `${base}${SUSPENDED_ADMIN_PATHS[0]}`;
  return path === exportPath || path.startsWith(`${exportPath}/`) || path.startsWith(`${exportPath}.`);
}

function refuseSuspended(org: Pick<Organization, "slug" | "name" | "suspension_reason" | "suspended_at" | "deletion_due_at">, roles: readonly Role[] | null): never {
  const base = `/o/${org.slug}`;
  centreSuspended({
    centreName: org.name,
    reason: org.suspension_reason,
    suspendedAt: org.suspended_at,
    deletionDueAt: org.deletion_due_at,
    adminLinks: roles?.includes("admin") ? { export: `${base}${SUSPENDED_ADMIN_PATHS[0]}`, operatorLog: `${base}${SUSPENDED_ADMIN_PATHS[1]}` } : null,
  });
}

type MembershipRow = Organization & { membership_id: string; roles: string };

// A page runs the layout's loader and its own in parallel, each asking for the membership: look it
// up once per request (per user and centre), like the session above (decision 0037). An action
// looks it up for itself and shares it with nobody: it may change the membership, and the loaders
// that render its page afterwards (Remix hands them a GET) must see what it stored.
const membershipCache = new WeakMap<AppLoadContext, Map<string, Promise<MembershipRow | undefined>>>();

function membershipRow(request: Request, context: AppLoadContext, userId: string, orgSlug: string): Promise<MembershipRow | undefined> {
  if (request.method !== "GET" && request.method !== "HEAD") return lookUpMembership(context, userId, orgSlug);
  let byKey = membershipCache.get(context);
  if (!byKey) membershipCache.set(context, (byKey = new Map()));
  const key = `${userId}|${orgSlug}`;
  let cached = byKey.get(key);
  if (!cached) byKey.set(key, (cached = lookUpMembership(context, userId, orgSlug)));
  return cached;
}

function lookUpMembership(context: AppLoadContext, userId: string, orgSlug: string): Promise<MembershipRow | undefined> {
  return withoutTenant("the centre is resolved here from the URL slug and the user's own membership", () =>
    // tenant-safe: this is where the centre is resolved: the slug picks the organisation, joined on m.org_id.
    context.db
      .selectFrom("memberships as m")
      .innerJoin("organizations as o", "o.id", "m.org_id")
      .selectAll("o")
      .select(["m.id as membership_id", "m.roles"])
      .where("o.slug", "=", orgSlug)
      .where("m.user_id", "=", userId)
      .where("m.active", "=", 1)
      .executeTakeFirst(),
  );
}

export function requirePermission(member: Pick<Member, "roles">, action: Action): void {
  if (!can(member.roles, action)) forbidden();
}

/** The service context of a member acting now. */
export function ctxOf(member: Member, context: AppLoadContext): Ctx {
  return { orgId: member.org.id, actorUserId: member.user.id, membershipId: member.membershipId, now: context.now() };
}

export interface Overseer extends Auth {
  group: OversightGroup;
  centres: GroupCentre[];
}

/**
 * The signed-in user as an overseer of the group named by the URL (docs/decisions/0042): anyone
 * else gets 404, as for a centre. Overseers only read: every /g route is a loader, none has an action.
 */
export async function requireOverseer(request: Request, context: AppLoadContext, groupSlug: string | undefined): Promise<Overseer> {
  const auth = await requireUser(request, context);
  if (!groupSlug) notFound();
  const found = await overseenGroup(context.db, auth.user.id, groupSlug);
  if (!found) notFound();
  return { ...auth, ...found };
}

/** One centre of the overseer's group, by the URL's slug; 404 for any centre not assigned to it. */
export function overseenCentre(overseer: Overseer, orgSlug: string | undefined): GroupCentre {
  const centre = overseer.centres.find((c) => c.slug === orgSlug);
  if (!centre) notFound();
  // A suspended centre is closed to its overseers too (decision 0044): the same page, no links.
  if (centre.status !== "active") refuseSuspended(centre, null);
  return centre;
}

/** The group's centres that are not suspended: the comparison, the trend and the report leave the others out (decision 0044). */
export function activeCentres(overseer: Overseer): GroupCentre[] {
  return overseer.centres.filter((c) => c.status === "active");
}
