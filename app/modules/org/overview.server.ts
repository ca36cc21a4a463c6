import type { Executor } from "../../../db/schema";

/** Figures for the centre overview: one query each, bounded. */
export async function centreOverview(db: Executor, orgId: string, membershipId: string, withActivity: boolean) {
  const [counts, mine, activity] = await Promise.all([
    db
      .selectFrom("organizations as o")
      .where("o.id", "=", orgId)
      .select((eb) => [
        eb
          .selectFrom("memberships")
          .where("org_id", "=", orgId)
          .where("active", "=", 1)
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("members"),
        eb
          .selectFrom("positions")
          .where("org_id", "=", orgId)
          .select((e) => e.fn.countAll<number>().as("n"))
          .as("positions"),
      ])
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("memberships as m")
      .leftJoin("positions as p", "p.id", "m.position_id")
      .where("m.org_id", "=", orgId)
      .where("m.id", "=", membershipId)
      .select(["m.title", "p.name as positionName", "p.counter", "p.duties"])
      .executeTakeFirstOrThrow(),
    withActivity
      ? db
          .selectFrom("audit_log as a")
          .leftJoin("users as u", "u.id", "a.actor_user_id")
          .where("a.org_id", "=", orgId)
          .select(["a.id", "a.action", "a.created_at as createdAt", "u.full_name as actorName"])
          .orderBy("a.created_at", "desc")
          .limit(10)
          .execute()
      : Promise.resolve([]),
  ]);
  return { members: Number(counts.members), positions: Number(counts.positions), mine, activity };
}
