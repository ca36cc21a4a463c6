// The org module's read functions for the other modules. The org module owns organizations, users,
// memberships, positions, position_assignments and org_settings (docs/decisions/0026-module-boundaries.md):
// other modules ask here for members' names, roles, ids and positions' counters instead of joining
// those tables. Every function is one indexed query scoped to the centre, bounded.
import { forNoKeyUpdate } from "../../../db/engine";
import type { Executor } from "../../../db/schema";
import { can, parseRoles, type Action, type Role } from "../auth/permissions";
import type { Ctx } from "../ctx";

/** A centre has tens of members; lists are bounded well above that. */
const MAX_MEMBERS = 1_000;

/**
 * The names of the centre's members among `ids` (active or not), by membership id. Ids that are
 * null, repeated or of another centre are left out; no ids, no query.
 */
export async function memberNames(db: Executor, orgId: string, ids: Iterable<string | null | undefined>): Promise<Map<string, string>> {
  const unique = [...new Set([...ids].filter((id): id is string => Boolean(id)))];
  if (!unique.length) return new Map();
  const rows = await db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.full_name"])
    .where("m.org_id", "=", orgId)
    .where("m.id", "in", unique)
    .execute();
  return new Map(rows.map((r) => [r.id, r.full_name]));
}

/** The name of whoever acts (for the text of the notifications they cause). */
export async function actorName(db: Executor, ctx: Pick<Ctx, "actorUserId">): Promise<string> {
  const u = await db.selectFrom("users").select("full_name").where("id", "=", ctx.actorUserId).executeTakeFirst();
  return u?.full_name ?? "";
}

/** The ids among `ids` that are members of the centre (only active ones with `activeOnly`). */
export async function memberIdsIn(db: Executor, orgId: string, ids: readonly string[], opts: { activeOnly?: boolean } = {}): Promise<Set<string>> {
  const unique = [...new Set(ids)];
  if (!unique.length) return new Set();
  let q = db.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("id", "in", unique);
  if (opts.activeOnly) q = q.where("active", "=", 1);
  return new Set((await q.execute()).map((r) => r.id));
}

/** One member's roles and whether they are active; undefined when not a member of the centre. */
/**
 * Locks a member's row until the transaction ends (PostgreSQL; SQLite's writeTx is serial anyway):
 * the lock other modules take to serialise one member's writes (e.g. leave's overlap and balance).
 */
export async function lockMember(tx: Executor, orgId: string, membershipId: string): Promise<void> {
  await tx.selectFrom("memberships").select("id").where("org_id", "=", orgId).where("id", "=", membershipId).$call(forNoKeyUpdate(tx)).executeTakeFirst();
}

export async function memberStatus(db: Executor, orgId: string, membershipId: string): Promise<{ id: string; roles: Role[]; active: boolean } | undefined> {
  const m = await db.selectFrom("memberships").select(["id", "roles", "active"]).where("org_id", "=", orgId).where("id", "=", membershipId).executeTakeFirst();
  return m && { id: m.id, roles: parseRoles(m.roles), active: m.active === 1 };
}

/** The centre's active members with their roles. */
export async function activeMemberRoles(db: Executor, orgId: string): Promise<{ id: string; roles: Role[] }[]> {
  const rows = await db
    .selectFrom("memberships")
    .select(["id", "roles"])
    .where("org_id", "=", orgId)
    .where("active", "=", 1)
    .limit(MAX_MEMBERS)
    .execute();
  return rows.map((r) => ({ id: r.id, roles: parseRoles(r.roles) }));
}

/**
 * The active members of a centre whose roles allow `action` (e.g. the directors and deputies who
 * decide leave), for notifying the people a request waits for.
 */
export async function membersWhoMay(db: Executor, orgId: string, action: Action): Promise<string[]> {
  return (await activeMemberRoles(db, orgId)).filter((r) => can(r.roles, action)).map((r) => r.id);
}

/** Language and e-mail address of the centre's active members among `ids` (to notify them). */
export async function memberContacts(db: Executor, orgId: string, ids: readonly string[]) {
  if (!ids.length) return [];
  return db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "u.locale", "u.email"])
    .where("m.org_id", "=", orgId)
    .where("m.active", "=", 1)
    .where("m.id", "in", ids)
    .execute();
}

/** A member as the other modules list them (pickers, rosters, evaluations, attendance). */
interface DirectoryMember {
  id: string;
  name: string;
  title: string;
  phone: string | null;
  roles: Role[];
  active: boolean;
  joinedOn: string;
  leftOn: string | null;
  serviceStartDate: string | null;
  positionName: string | null;
  counter: string | null;
}

/**
 * The centre's members (only the active ones with `activeOnly`, only `ids` when given), ordered by
 * name (`name`), by name without diacritics (`folded`, as the staff list), or by position then name
 * (`position`). One query, at most 1,000 rows.
 */
export async function memberDirectory(
  db: Executor,
  orgId: string,
  opts: { activeOnly?: boolean; ids?: readonly string[]; order?: "name" | "folded" | "position" } = {},
): Promise<DirectoryMember[]> {
  if (opts.ids && !opts.ids.length) return [];
  let q = db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("positions as p", (j) => j.onRef("p.id", "=", "m.position_id").onRef("p.org_id", "=", "m.org_id"))
    .select([
      "m.id",
      "u.full_name as name",
      "m.title",
      "u.phone",
      "m.roles",
      "m.active",
      "m.joined_on as joinedOn",
      "m.left_on as leftOn",
      "m.service_start_date as serviceStartDate",
      "p.name as positionName",
      "p.counter",
    ])
    .where("m.org_id", "=", orgId);
  if (opts.activeOnly) q = q.where("m.active", "=", 1);
  if (opts.ids) q = q.where("m.id", "in", [...new Set(opts.ids)]);
  const order = opts.order ?? "name";
  if (order === "position") q = q.orderBy("p.sort_order").orderBy("u.full_name");
  else if (order === "folded") q = q.orderBy("u.full_name_search").orderBy("m.id");
  else q = q.orderBy("u.full_name");
  const rows = await q.limit(MAX_MEMBERS).execute();
  return rows.map((r) => ({ ...r, roles: parseRoles(r.roles), active: r.active === 1 }));
}

type NameGetter<T> = (row: T) => string | null | undefined;
/** A name for a membership id that is always set (a required column): a string; else string or null. */
type NameOf<G> = G extends (row: never) => string ? string : string | null;

/**
 * Rows with member names added: for each field of `fields`, the name of the member whose id the
 * getter reads from the row (null when it reads none). One memberNames query for all rows and
 * fields, instead of joining memberships and users in the caller's query.
 */
export async function withNames<T extends object, G extends Record<string, NameGetter<T>>>(
  db: Executor,
  orgId: string,
  rows: readonly T[],
  fields: G,
): Promise<(T & { [K in keyof G]: NameOf<G[K]> })[]> {
  const getters = Object.entries(fields);
  const names = await memberNames(db, orgId, rows.flatMap((r) => getters.map(([, get]) => get(r))));
  return rows.map((r) => {
    const added: Record<string, string | null> = {};
    for (const [field, get] of getters) {
      const id = get(r);
      added[field] = id ? (names.get(id) ?? "") : null;
    }
    return { ...r, ...added } as T & { [K in keyof G]: NameOf<G[K]> };
  });
}

/** Orders rows by a name as SQLite's ORDER BY does on text (code points; ties keep their order). */
export function byName<T>(name: (row: T) => string | null) {
  return (a: T, b: T) => {
    const x = name(a) ?? "";
    const y = name(b) ?? "";
    return x < y ? -1 : x > y ? 1 : 0;
  };
}

/** The counters of the centre's positions (non-empty, each once), in the positions' order. */
export async function positionCounters(db: Executor, orgId: string): Promise<string[]> {
  const rows = await db.selectFrom("positions").select(["counter", "sort_order"]).where("org_id", "=", orgId).where("counter", "!=", "").orderBy("sort_order").orderBy("counter").limit(200).execute();
  return [...new Set(rows.map((p) => p.counter))];
}

/** Whether a counter is one of the centre's positions' counters. */
export async function isCounterOf(db: Executor, orgId: string, counter: string): Promise<boolean> {
  return Boolean(await db.selectFrom("positions").select("id").where("org_id", "=", orgId).where("counter", "=", counter).executeTakeFirst());
}
