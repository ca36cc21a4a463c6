import type { Executor } from "../../../db/schema";
import { recentAudit } from "../audit/audit.server";

/** Figures for the centre overview: one query each, bounded. */
export async function centreOverview(db: Executor, orgId: string, membershipId: string, withActivity: boolean) {
  const [counts, mine, entries] = await Promise.all([
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
    withActivity ? recentAudit(db, orgId, 10) : Promise.resolve([]),
  ]);
  const actors = [...new Set(entries.map((e) => e.actorUserId).filter((id): id is string => id !== null))];
  // The actors of this centre's entries (users belong to no one centre).
  const users = actors.length ? await db.selectFrom("users").select(["id", "full_name"]).where("id", "in", actors).execute() : [];
  const nameOf = new Map(users.map((u) => [u.id, u.full_name]));
  const activity = entries.map(({ actorUserId, ...e }) => ({ ...e, actorName: (actorUserId && nameOf.get(actorUserId)) ?? null }));
  return { members: Number(counts.members), positions: Number(counts.positions), mine, activity };
}
