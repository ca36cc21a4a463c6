// Duty shifts of published rosters, as the other modules read them: the person view and the
// dashboards, attendance (a shift is a working day) and the reminders. The rosters module owns
// rosters and roster_slots (docs/decisions/0026-module-boundaries.md).
import type { Executor } from "../../../db/schema";

/** A member's shifts of published rosters from a date on (at most 1,000), by date. */
export function memberShifts(db: Executor, orgId: string, membershipId: string, from: string) {
  return db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.id", "s.date", "s.kind", "s.start_time", "s.end_time", "s.membership_id", "s.checked_in_at", "r.id as rosterId", "r.title"])
    .where("s.org_id", "=", orgId)
    .where("s.membership_id", "=", membershipId)
    .where("r.status", "=", "published")
    .where("s.date", ">=", from)
    .orderBy("s.date")
    .limit(1000)
    .execute();
}

/** Everyone's filled shifts of published rosters between two dates (at most 20,000). */
export function publishedShifts(db: Executor, orgId: string, from: string, to: string) {
  return db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.membership_id", "s.date", "s.start_time", "s.end_time", "s.checked_in_at"])
    .where("s.org_id", "=", orgId)
    .where("r.status", "=", "published")
    .where("s.date", ">=", from)
    .where("s.date", "<=", to)
    .where("s.membership_id", "is not", null)
    .limit(20000)
    .execute();
}

/** A member's next shift of a published roster, from `today` on. */
export function nextShiftOf(db: Executor, orgId: string, membershipId: string, today: string) {
  return db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.id", "s.date", "s.kind", "s.start_time as startTime", "s.end_time as endTime", "r.id as rosterId", "r.title"])
    .where("s.org_id", "=", orgId)
    .where("s.membership_id", "=", membershipId)
    .where("r.status", "=", "published")
    .where("s.date", ">=", today)
    .orderBy("s.date")
    .limit(1)
    .executeTakeFirst();
}

/** The filled shifts of published rosters on a date, for the reminders. */
export function shiftsOn(db: Executor, orgId: string, date: string) {
  return db
    .selectFrom("roster_slots as s")
    .innerJoin("rosters as r", "r.id", "s.roster_id")
    .select(["s.id", "s.membership_id", "s.date", "s.kind", "s.start_time", "s.end_time", "r.id as rosterId"])
    .where("s.org_id", "=", orgId)
    .where("r.status", "=", "published")
    .where("s.date", "=", date)
    .where("s.membership_id", "is not", null)
    .execute();
}
