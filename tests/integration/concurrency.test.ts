import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { checkIn } from "~/modules/attendance/attendance.server";
import { addDecision } from "~/modules/calendar/calendar.server";
import { saveGeneral, saveSelfAssessment } from "~/modules/evaluation/evaluation.server";
import { decideLeave, requestLeave } from "~/modules/leave/leave.server";
import { createMember } from "~/modules/org/org.server";
import { checkInShift, requestSwap } from "~/modules/rosters/rosters.server";
import { engineOf } from "../../db/engine";
import type { DB } from "../../db/schema";
import { freshDb, memberOf } from "../helpers/db";
import { SEED_TIME } from "../helpers/paths";

// Check-then-write under real concurrency (docs/decisions/0027-postgresql.md). Each test starts
// several service calls at once on one database: on PostgreSQL (TEST_DATABASE=postgres) they run
// on separate pooled connections at READ COMMITTED and interleave; on SQLite writeTx serialises
// them. Either way the outcome must be the one a serial run gives.
let db: DB;
beforeEach(() => {
  db = freshDb();
});
afterEach(async () => {
  await db.destroy();
});

const N = 8;

async function ctxOf(username: string) {
  const m = await memberOf(db, username);
  return { orgId: m.orgId, actorUserId: m.userId, membershipId: m.membershipId, now: SEED_TIME };
}

/** The outcomes of calls started together: how many succeeded, and the refusals' field keys. */
async function race<T>(calls: (() => Promise<T>)[]) {
  const settled = await Promise.allSettled(calls.map((c) => c()));
  const ok = settled.filter((s): s is PromiseFulfilledResult<Awaited<T>> => s.status === "fulfilled").map((s) => s.value);
  const refused = settled
    .filter((s): s is PromiseRejectedResult => s.status === "rejected")
    .map((s) => {
      const fields = (s.reason as { fields?: Record<string, string> }).fields;
      if (!fields) throw s.reason; // a crash (500), not a refusal
      return Object.values(fields)[0]!.split("|")[0]!;
    });
  return { ok, refused };
}

const audits = (action: string) => db.selectFrom("audit_log").select("id").where("action", "=", action).where("created_at", ">=", SEED_TIME.toISOString()).execute();

describe(`concurrent writes on ${process.env.TEST_DATABASE === "postgres" ? "PostgreSQL" : "SQLite"}`, () => {
  it("runs on the engine it says, where an empty IN list matches nothing and counts are numbers", async () => {
    expect(engineOf(db)).toBe(process.env.TEST_DATABASE === "postgres" ? "postgres" : "sqlite");
    expect(await db.selectFrom("users").select("id").where("id", "in", []).execute()).toEqual([]);
    const { n } = await db.selectFrom("users").select((eb) => eb.fn.countAll<number>().as("n")).where("id", "not in", []).executeTakeFirstOrThrow();
    expect(typeof n).toBe("number");
    expect(n).toBeGreaterThan(10);
  });

  it("leave: of eight overlapping requests by one member at once, one is recorded", async () => {
    const dung = await ctxOf("tuky.canbo08");
    const { ok, refused } = await race(
      Array.from({ length: N }, (_, i) => () => requestLeave(db, dung, { kind: "annual", startDate: "2026-03-23", endDate: i % 2 ? "2026-03-24" : "2026-03-23", part: "full", reason: `Việc gia đình ${i}` })),
    );
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(Array(N - 1).fill("leaveOverlap"));
    const rows = await db.selectFrom("leave_requests").select("id").where("membership_id", "=", dung.membershipId).where("status", "=", "pending").execute();
    expect(rows).toHaveLength(1);
  });

  it("leave: requests at once never take more than the year's balance (pending counted)", async () => {
    // Dũng has 12 days and no leave; six requests of three working days each: four fit.
    const dung = await ctxOf("tuky.canbo08");
    const weeks = ["2026-04-06", "2026-04-13", "2026-04-20", "2026-05-11", "2026-05-18", "2026-05-25"];
    const { ok, refused } = await race(
      weeks.map((monday) => () => {
        const wednesday = `${monday.slice(0, 8)}${String(Number(monday.slice(8)) + 2).padStart(2, "0")}`;
        return requestLeave(db, dung, { kind: "annual", startDate: monday, endDate: wednesday, part: "full", reason: "Nghỉ phép năm" });
      }),
    );
    expect(ok).toHaveLength(4);
    expect(refused).toEqual(["overBalance", "overBalance"]);
    const rows = await db.selectFrom("leave_requests").select("days").where("membership_id", "=", dung.membershipId).where("kind", "=", "annual").where("status", "=", "pending").execute();
    expect(rows.reduce((s, r) => s + r.days, 0)).toBe(12);
  });

  it("leave: two leaders approving two requests of one member at once never go over the balance", async () => {
    // Two pending requests of 7 days each (written directly: together they exceed the 12 days).
    const dung = await ctxOf("tuky.canbo08");
    const ids = [randomUUID(), randomUUID()];
    const base = { org_id: dung.orgId, membership_id: dung.membershipId, kind: "annual" as const, part: "full" as const, days: 7, reason: "Nghỉ dài", status: "pending" as const, decided_by: null, decided_at: null, decision_note: "", created_at: SEED_TIME.toISOString() };
    await db
      .insertInto("leave_requests")
      .values([
        { ...base, id: ids[0]!, start_date: "2026-06-01", end_date: "2026-06-09" },
        { ...base, id: ids[1]!, start_date: "2026-07-01", end_date: "2026-07-09" },
      ])
      .execute();
    const [director, deputy] = await Promise.all([ctxOf("tuky.giamdoc"), ctxOf("tuky.phogiamdoc")]);
    const { ok, refused } = await race([director, deputy].map((who, i) => () => decideLeave(db, who, { intent: "approve", id: ids[i]!, note: "Đồng ý" })));
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(["overBalanceApprove"]);
    const approved = await db.selectFrom("leave_requests").select("id").where("id", "in", ids).where("status", "=", "approved").execute();
    expect(approved).toHaveLength(1);
  });

  it("attendance: eight check-ins at once record one, audited once", async () => {
    const clerk = await ctxOf("tuky.canbo07");
    const before = await db.selectFrom("attendance_records").select("id").where("membership_id", "=", clerk.membershipId).where("date", "=", "2026-03-10").execute();
    const { ok, refused } = await race(Array.from({ length: N }, () => () => checkIn(db, clerk, "127.0.0.1")));
    expect(refused).toEqual([]);
    expect(ok.filter((r) => r.created)).toHaveLength(before.length ? 0 : 1);
    const after = await db.selectFrom("attendance_records").select("id").where("membership_id", "=", clerk.membershipId).where("date", "=", "2026-03-10").execute();
    expect(after).toHaveLength(before.length || 1);
    expect((await audits("attendance.checkedIn")).length).toBe(before.length ? 0 : 1);
  });

  /** A published roster with one shift today, 07:00–17:00, held by `member`. */
  async function shiftToday(orgId: string, member: string, creator: string) {
    const rosterId = randomUUID();
    const slotId = randomUUID();
    const at = SEED_TIME.toISOString();
    await db
      .insertInto("rosters")
      .values({ id: rosterId, org_id: orgId, title: "Trực thử", start_date: "2026-03-10", end_date: "2026-03-10", day_mode: "all", status: "published", version: 2, created_by: creator, published_at: at, published_by: creator, created_at: at, updated_at: at })
      .execute();
    await db
      .insertInto("roster_slots")
      .values({ id: slotId, org_id: orgId, roster_id: rosterId, date: "2026-03-10", kind: "staff", position: 0, start_time: "07:00", end_time: "17:00", weight: 1, membership_id: member, confirmed_at: null, checked_in_at: null, updated_at: at })
      .execute();
    return slotId;
  }

  it("rosters: eight check-ins for one shift at once: one time recorded, audited once, every answer the same", async () => {
    const [clerk, director] = await Promise.all([ctxOf("tuky.canbo05"), ctxOf("tuky.giamdoc")]);
    const slotId = await shiftToday(clerk.orgId, clerk.membershipId, director.membershipId);
    const { ok, refused } = await race(Array.from({ length: N }, (_, i) => () => checkInShift(db, { ...clerk, now: new Date(SEED_TIME.getTime() + i * 1000) }, slotId)));
    expect(refused).toEqual([]);
    const slot = await db.selectFrom("roster_slots").select("checked_in_at").where("id", "=", slotId).executeTakeFirstOrThrow();
    expect(new Set(ok.map((r) => r.at))).toEqual(new Set([slot.checked_in_at]));
    expect(await audits("roster.checkedIn")).toHaveLength(1);
  });

  it("rosters: of eight swap requests for one shift at once, one is open", async () => {
    const [clerk, director] = await Promise.all([ctxOf("tuky.canbo05"), ctxOf("tuky.giamdoc")]);
    const slotId = await shiftToday(clerk.orgId, clerk.membershipId, director.membershipId);
    const colleagues = await Promise.all(["tuky.canbo01", "tuky.canbo02", "tuky.canbo03", "tuky.canbo04"].map(ctxOf));
    const { ok, refused } = await race(Array.from({ length: N }, (_, i) => () => requestSwap(db, clerk, { slotId, targetId: colleagues[i % 4]!.membershipId, reason: "Việc riêng" })));
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(Array(N - 1).fill("swapPending"));
    expect(await db.selectFrom("roster_swaps").select("id").where("slot_id", "=", slotId).execute()).toHaveLength(1);
  });

  it("staff: one username asked for four times at once makes one account; the others are told it is taken", async () => {
    const admin = await ctxOf("tuky.admin");
    const { ok, refused } = await race(
      Array.from({ length: 4 }, (_, i) => () => createMember(db, admin, { username: "tuky.moi", fullName: `Cán bộ mới ${i}`, password: "một câu mật khẩu dài", roles: ["staff"] })),
    );
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(["usernameTaken", "usernameTaken", "usernameTaken"]);
    expect(await db.selectFrom("users").select("id").where("username", "=", "tuky.moi").execute()).toHaveLength(1);
  });

  it("calendar: one date entered twice at once is recorded once; the other is told the date is taken", async () => {
    const admin = await ctxOf("tuky.admin");
    const { ok, refused } = await race(
      [1, 2].map((i) => () => addDecision(db, admin, { date: "2026-10-14", kind: "off", name: `Nghỉ bù ${i}`, source: "Quyết định số 1" })),
    );
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(["decisionDateTaken"]);
  });

  it("evaluation: the member's and the leader's first writes at once: one is saved, the other told to reload", async () => {
    const [member, director] = await Promise.all([ctxOf("tuky.canbo06"), ctxOf("tuky.giamdoc")]);
    const period = "2026-04";
    const { ok, refused } = await race<void>([
      () => saveSelfAssessment(db, member, period, { text: "Hoàn thành đúng hạn.", version: 0 }),
      () =>
        saveGeneral(db, director, member.membershipId, period, {
          political: 5,
          ethics: 5,
          style: 5,
          discipline: 10,
          politicalNote: "Tốt",
          ethicsNote: "Tốt",
          styleNote: "Tốt",
          disciplineNote: "Tốt",
          version: 0,
        } as Parameters<typeof saveGeneral>[4]),
    ]);
    expect(ok).toHaveLength(1);
    expect(refused).toEqual(["evaluationStale"]);
    expect(await db.selectFrom("evaluations").select("version").where("membership_id", "=", member.membershipId).where("period", "=", period).execute()).toEqual([{ version: 1 }]);
  });
});
