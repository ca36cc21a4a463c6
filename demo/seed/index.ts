import { hashPassword } from "../../app/modules/auth/password.server";
import type { DB, Tx } from "../../db/schema";
import { writeTx } from "../../db/tx";
import { seedAttendance } from "./attendance";
import { seedCalendar } from "./calendar";
import { seedEvaluations } from "./evaluations";
import { seedInspections } from "./inspections";
import { seedLeave } from "./leave";
import { seedNotifications } from "./notifications";
import { seedOrganizations } from "./org";
import { seedOversight } from "./oversight";
import { seedOperators } from "./operators";
import { seedReports } from "./reports";
import { seedSchedule } from "./schedule";
import { seedRosters } from "./rosters";
import { seedTasks } from "./tasks";

export const DEMO_PASSWORD = "RoViec@2026";

/** Shared state of the demo seed: each step adds what later steps refer to. */
export interface SeedContext {
  db: Tx;
  now: Date;
  passwordHash: string;
  orgs: Record<string, { id: string }>;
  members: Record<string, { userId: string; membershipId: string; orgId: string }>;
}

/**
 * The demo seed as an ordered list of steps. A capability adds its demo data by appending a step
 * that reads what earlier steps created from the context.
 */
const STEPS: ((s: SeedContext) => Promise<void>)[] = [seedOrganizations, seedSchedule, seedCalendar, seedTasks, seedLeave, seedRosters, seedAttendance, seedEvaluations, seedInspections, seedReports, seedNotifications, seedOversight, seedOperators];

/** Seeds the demo centres and accounts into an empty database; returns whether it did. */
export async function seedDemoIfEmpty(db: DB, now: Date): Promise<boolean> {
  const existing = await db.selectFrom("organizations").select("id").limit(1).executeTakeFirst();
  if (existing) return false;
  const passwordHash = await hashPassword(DEMO_PASSWORD);
  await writeTx(db, async (tx) => {
    const s: SeedContext = { db: tx, now, passwordHash, orgs: {}, members: {} };
    for (const step of STEPS) await step(s);
  });
  return true;
}
