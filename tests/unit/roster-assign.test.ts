import { describe, expect, it } from "vitest";
import fc from "fast-check";
import {
  autoAssign,
  findConflicts,
  type AssignResult,
  type Candidate,
  type SlotInput,
  type SlotKind,
} from "../../app/modules/rosters/assign";

const KINDS: SlotKind[] = ["leader", "staff", "security"];

// ---------- helpers ----------

function addDays(iso: string, n: number): string {
  const d = new Date(`${iso}T00:00:00Z`);
  d.setUTCDate(d.getUTCDate() + n);
  return d.toISOString().slice(0, 10);
}

function dateRange(from: string, days: number): string[] {
  return Array.from({ length: days }, (_, i) => addDays(from, i));
}

function makeSlots(dates: string[], perDay: Partial<Record<SlotKind, number>>, weightOf: (date: string) => number = () => 2): SlotInput[] {
  const out: SlotInput[] = [];
  for (const date of dates)
    for (const kind of KINDS)
      for (let p = 1; p <= (perDay[kind] ?? 0); p++)
        out.push({ id: `${date}-${kind}-${p}`, date, kind, weight: weightOf(date), membershipId: null });
  return out;
}

function person(id: string, name: string, kinds: SlotKind[], extra: Partial<Candidate> = {}): Candidate {
  return { membershipId: id, name, kinds, priorWeighted: 0, lastDutyDate: null, unavailable: [], active: true, ...extra };
}

/** The slots with the result's assignment applied. */
function applied(slots: SlotInput[], r: AssignResult): SlotInput[] {
  const byId = new Map(r.assignments.map((a) => [a.slotId, a.membershipId]));
  return slots.map((s) => ({ ...s, membershipId: byId.has(s.id) ? (byId.get(s.id) ?? null) : s.membershipId }));
}

function shiftsOf(filled: SlotInput[], memberId: string): SlotInput[] {
  return filled.filter((s) => s.membershipId === memberId);
}

function hasConsecutive(filled: SlotInput[]): boolean {
  const dates = new Set(filled.filter((s) => s.membershipId).map((s) => `${s.membershipId}|${s.date}`));
  return filled.some((s) => s.membershipId !== null && dates.has(`${s.membershipId}|${addDays(s.date, 1)}`));
}

function hasDouble(filled: SlotInput[]): boolean {
  const seen = new Set<string>();
  for (const s of filled) {
    if (!s.membershipId) continue;
    const key = `${s.membershipId}|${s.date}`;
    if (seen.has(key)) return true;
    seen.add(key);
  }
  return false;
}

/** Deterministic shuffle (LCG), so example tests need no Math.random. */
function shuffle<T>(xs: T[], seed: number): T[] {
  const a = [...xs];
  let s = seed >>> 0;
  for (let i = a.length - 1; i > 0; i--) {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    const j = s % (i + 1);
    [a[i], a[j]] = [a[j], a[i]];
  }
  return a;
}

const deepClone = <T>(x: T): T => JSON.parse(JSON.stringify(x)) as T;

// ---------- the Tết 2026 roster ----------

const TET = dateRange("2026-02-14", 9); // Sat 14/02 – Sun 22/02, all Tết holidays (weight 2)
const tetSlots = () => makeSlots(TET, { leader: 1, staff: 2 }, () => 2);
const LEADERS = [person("L1", "Nguyễn Văn An", ["leader"]), person("L2", "Trần Thị Bình", ["leader"])];
const STAFF_NAMES = ["Lê Văn Cường", "Phạm Thị Dung", "Hoàng Văn Đức", "Vũ Thị Giang", "Đặng Văn Hải", "Bùi Thị Hoa", "Đỗ Văn Khánh", "Ngô Thị Lan", "Dương Văn Minh", "Lý Thị Ngọc"];
const STAFF = STAFF_NAMES.map((n, i) => person(`S${String(i + 1).padStart(2, "0")}`, n, ["staff"]));
const tetPool = () => deepClone([...LEADERS, ...STAFF]);

describe("autoAssign — examples (Tết 2026 roster: 14/02–22/02)", () => {
  it("fills every slot fairly with no double booking and no consecutive days", () => {
    const slots = tetSlots();
    expect(slots).toHaveLength(27);
    const r = autoAssign(slots, tetPool());
    const filled = applied(slots, r);

    expect(r.unfilled).toEqual([]);
    expect(r.assignments).toHaveLength(27);
    expect(filled.every((s) => s.membershipId !== null)).toBe(true);
    expect(hasDouble(filled)).toBe(false);
    expect(hasConsecutive(filled)).toBe(false);
    expect(findConflicts(filled, tetPool())).toEqual([]);

    // Leaders only in leader slots, staff only in staff slots.
    for (const s of filled) {
      if (s.kind === "leader") expect(["L1", "L2"]).toContain(s.membershipId);
      else expect(s.membershipId).toMatch(/^S/);
    }
    // The two leaders alternate: An (first by name) on 14, 16, 18, 20, 22.
    expect(shiftsOf(filled, "L1").map((s) => s.date)).toEqual(["2026-02-14", "2026-02-16", "2026-02-18", "2026-02-20", "2026-02-22"]);
    expect(shiftsOf(filled, "L2")).toHaveLength(4);

    // 18 staff slots over 10 people: counts 1 or 2.
    const staffCounts = STAFF.map((c) => shiftsOf(filled, c.membershipId).length);
    expect(Math.max(...staffCounts) - Math.min(...staffCounts)).toBeLessThanOrEqual(1);
    expect(staffCounts.reduce((a, b) => a + b, 0)).toBe(18);

    // Totals: weighted = 2 × shifts here; sorted desc by weighted then name.
    expect(r.totals).toHaveLength(12);
    for (const t of r.totals) expect(t.weighted).toBe(2 * t.shifts);
    expect(r.totals[0]).toEqual({ membershipId: "L1", name: "Nguyễn Văn An", weighted: 10, shifts: 5 });
    for (let i = 1; i < r.totals.length; i++) expect(r.totals[i - 1].weighted).toBeGreaterThanOrEqual(r.totals[i].weighted);
  });

  it("never places a member on their leave dates", () => {
    const pool = tetPool();
    pool.find((c) => c.membershipId === "S01")!.unavailable = ["2026-02-14", "2026-02-15", "2026-02-16", "2026-02-17", "2026-02-18"];
    pool.find((c) => c.membershipId === "L2")!.unavailable = ["2026-02-17"];
    const slots = tetSlots();
    const r = autoAssign(slots, pool);
    const filled = applied(slots, r);
    expect(r.unfilled).toEqual([]);
    for (const s of shiftsOf(filled, "S01")) expect(s.date > "2026-02-18").toBe(true);
    expect(shiftsOf(filled, "S01").length).toBeGreaterThanOrEqual(1);
    expect(shiftsOf(filled, "L2").map((s) => s.date)).not.toContain("2026-02-17");
    // With L2 away on 17/02, L1 must take 16 or 18 next to it (consecutive is only a soft rule).
    expect(filled.find((s) => s.id === "2026-02-17-leader-1")!.membershipId).toBe("L1");
    expect(findConflicts(filled, pool).filter((c) => c.kind !== "consecutive")).toEqual([]);
  });

  it("keeps locked slots, counts them in totals and respects them as constraints", () => {
    const slots = tetSlots();
    // Hand-filled: L2 on the first day (An would have been chosen), S10 on 18/02 staff-1.
    const lockA = slots.find((s) => s.id === "2026-02-14-leader-1")!;
    lockA.membershipId = "L2";
    lockA.locked = true;
    const lockB = slots.find((s) => s.id === "2026-02-18-staff-1")!;
    lockB.membershipId = "S10";
    lockB.locked = true;
    // A non-locked prefilled slot is refilled by default.
    const pre = slots.find((s) => s.id === "2026-02-20-staff-2")!;
    pre.membershipId = "S01";

    const r = autoAssign(slots, tetPool());
    const filled = applied(slots, r);
    expect(filled.find((s) => s.id === lockA.id)!.membershipId).toBe("L2");
    expect(filled.find((s) => s.id === lockB.id)!.membershipId).toBe("S10");
    expect(r.unfilled).toEqual([]);
    expect(hasDouble(filled)).toBe(false);
    expect(hasConsecutive(filled)).toBe(false);
    // S10 is not put on 17 or 19 next to the locked 18.
    expect(shiftsOf(filled, "S10").map((s) => s.date).filter((d) => d === "2026-02-17" || d === "2026-02-19")).toEqual([]);
    // Leaders now alternate starting with L2.
    expect(shiftsOf(filled, "L2")).toHaveLength(5);
    expect(r.totals.find((t) => t.membershipId === "L2")).toMatchObject({ weighted: 10, shifts: 5 });
    const s10 = r.totals.find((t) => t.membershipId === "S10")!;
    expect(s10.shifts).toBe(shiftsOf(filled, "S10").length);

    // keepExisting keeps the prefilled (non-locked) slot too.
    const kept = autoAssign(slots, tetPool(), { keepExisting: true });
    expect(kept.assignments.find((a) => a.slotId === pre.id)!.membershipId).toBe("S01");
    expect(hasDouble(applied(slots, kept))).toBe(false);
  });

  it("a locked empty slot stays empty and is reported unfilled", () => {
    const slots = tetSlots();
    const s = slots.find((x) => x.id === "2026-02-15-staff-2")!;
    s.locked = true;
    const r = autoAssign(slots, tetPool());
    expect(r.unfilled).toEqual(["2026-02-15-staff-2"]);
  });

  it("shifts load away from people who already did many duties this year", () => {
    const pool = tetPool();
    pool.find((c) => c.membershipId === "S03")!.priorWeighted = 10; // heavy year already
    pool.find((c) => c.membershipId === "S04")!.priorWeighted = 4;
    pool.find((c) => c.membershipId === "L1")!.priorWeighted = 6;
    const slots = tetSlots();
    const r = autoAssign(slots, pool);
    const filled = applied(slots, r);
    expect(r.unfilled).toEqual([]);
    expect(shiftsOf(filled, "S03")).toHaveLength(0);
    expect(shiftsOf(filled, "S04").length).toBeLessThanOrEqual(1);
    // The leader with a heavy year takes fewer leader slots.
    expect(shiftsOf(filled, "L2").length).toBeGreaterThan(shiftsOf(filled, "L1").length);
    // Year totals are evened out: everyone among the staff ends within one slot weight (2).
    const staffTotals = r.totals.filter((t) => t.membershipId.startsWith("S") && t.membershipId !== "S03").map((t) => t.weighted);
    expect(Math.max(...staffTotals) - Math.min(...staffTotals)).toBeLessThanOrEqual(2);
    expect(r.totals[0]).toMatchObject({ membershipId: "L1" });
  });

  it("balances weighted load when weights differ (holiday 2, weekend 1)", () => {
    const dates = dateRange("2026-04-25", 9); // Sat 25/04 – Sun 03/05
    const holidays = new Set(["2026-04-26", "2026-04-27", "2026-04-30", "2026-05-01"]);
    const slots = makeSlots(dates, { staff: 1 }, (d) => (holidays.has(d) ? 2 : 1));
    const pool = [person("a", "An", ["staff"]), person("b", "Bình", ["staff"]), person("c", "Chi", ["staff"])];
    const r = autoAssign(slots, pool);
    expect(r.unfilled).toEqual([]);
    const w = r.totals.map((t) => t.weighted);
    expect(w.reduce((a, b) => a + b, 0)).toBe(13);
    expect(Math.max(...w) - Math.min(...w)).toBeLessThanOrEqual(2);
  });

  it("leaves slots empty when there are too few candidates", () => {
    const slots = makeSlots(TET, { leader: 1, staff: 2, security: 1 });
    const pool = [person("L1", "An", ["leader"], { unavailable: ["2026-02-20"] }), person("S1", "Bình", ["staff"]), person("X", "Cường", ["security"], { active: false })];
    const r = autoAssign(slots, pool);
    const filled = applied(slots, r);
    // No security candidate (the only one is inactive), L1 away on 20/02, one staff for two staff slots a day.
    const expected = [
      ...TET.map((d) => `${d}-security-1`),
      "2026-02-20-leader-1",
      ...TET.map((d) => `${d}-staff-2`),
    ].sort();
    expect([...r.unfilled].sort()).toEqual(expected);
    // The lone staff member works every day: consecutive days are only avoided when possible.
    expect(shiftsOf(filled, "S1")).toHaveLength(9);
    expect(hasDouble(filled)).toBe(false);
    const conflicts = findConflicts(filled, pool);
    expect(new Set(conflicts.map((c) => c.kind))).toEqual(new Set(["consecutive"]));
    // No candidates at all.
    expect(autoAssign(slots, []).unfilled).toHaveLength(slots.length);
  });

  it("a member already on duty that date in another kind is not booked twice", () => {
    const slots = makeSlots(["2026-09-02"], { leader: 1, staff: 1 });
    const pool = [person("x", "An", ["leader", "staff"])];
    const r = autoAssign(slots, pool);
    expect(r.assignments).toEqual([
      { slotId: "2026-09-02-leader-1", membershipId: "x" },
      { slotId: "2026-09-02-staff-1", membershipId: null },
    ]);
    expect(r.unfilled).toEqual(["2026-09-02-staff-1"]);
  });

  it("ties: older lastDutyDate first, never-served first of all", () => {
    const slots = makeSlots(["2026-04-30"], { staff: 1 });
    const pool = [
      person("a", "An", ["staff"], { lastDutyDate: "2026-02-20" }),
      person("b", "Bình", ["staff"], { lastDutyDate: "2026-01-01" }),
      person("c", "Cường", ["staff"], { lastDutyDate: null }),
    ];
    expect(autoAssign(slots, pool).assignments[0].membershipId).toBe("c");
    expect(autoAssign(slots, pool.slice(0, 2)).assignments[0].membershipId).toBe("b");
    // Fewer weighted beats everything else.
    pool[0].priorWeighted = -1;
    expect(autoAssign(slots, pool).assignments[0].membershipId).toBe("a");
  });

  it("ties on weighted count: fewer shifts in this roster first", () => {
    const slots: SlotInput[] = [
      { id: "k", date: "2026-04-01", kind: "staff", weight: 2, membershipId: "b", locked: true },
      { id: "s", date: "2026-04-30", kind: "staff", weight: 1, membershipId: null },
    ];
    const pool = [
      person("a", "An", ["staff"], { priorWeighted: 2, lastDutyDate: "2026-04-10" }),
      person("b", "Bình", ["staff"]),
    ];
    // Both at weighted 2; b's duty (01/04) is older than a's (10/04), but a has no shift in this roster.
    expect(autoAssign(slots, pool).assignments.find((x) => x.slotId === "s")!.membershipId).toBe("a");
  });

  it("prefers a rested candidate over a less loaded one on the next or previous day", () => {
    const slots = makeSlots(["2026-09-01", "2026-09-02"], { security: 1 }, () => 1);
    const pool = [person("a", "An", ["security"]), person("b", "Bình", ["security"], { priorWeighted: 5 })];
    expect(autoAssign(slots, pool).assignments.map((x) => x.membershipId)).toEqual(["a", "b"]);
    // A locked duty the day after counts too.
    const withLock = makeSlots(["2026-09-01", "2026-09-02", "2026-09-03"], { security: 1 }, () => 1);
    withLock[2].membershipId = "a";
    withLock[2].locked = true;
    expect(autoAssign(withLock, pool).assignments.map((x) => x.membershipId)).toEqual(["a", "b", "a"]);
  });

  it("avoids a day right after the candidate's last duty outside the roster", () => {
    const slots = makeSlots(["2026-02-14"], { staff: 1 });
    const pool = [person("a", "An", ["staff"], { lastDutyDate: "2026-02-13" }), person("b", "Bình", ["staff"], { lastDutyDate: "2026-02-13", priorWeighted: 3 })];
    expect(autoAssign(slots, pool.slice(0, 1)).assignments[0].membershipId).toBe("a");
    pool.push(person("c", "Cường", ["staff"], { priorWeighted: 5 }));
    expect(autoAssign(slots, pool).assignments[0].membershipId).toBe("c");
  });

  it("is deterministic under shuffled input arrays and does not mutate its input", () => {
    const slots = tetSlots();
    const pool = tetPool();
    pool[3].unavailable = ["2026-02-16"];
    pool[5].priorWeighted = 3;
    pool[7].lastDutyDate = "2026-02-01";
    const before = deepClone({ slots, pool });
    const base = autoAssign(slots, pool);
    expect({ slots, pool }).toEqual(before);
    for (const seed of [1, 2, 3, 42, 2026]) {
      expect(autoAssign(shuffle(slots, seed), shuffle(pool, seed * 7 + 1))).toEqual(base);
      expect(findConflicts(shuffle(applied(slots, base), seed), shuffle(pool, seed))).toEqual(findConflicts(applied(slots, base), pool));
    }
  });

  it("rejects duplicate slot or candidate ids", () => {
    const slots = makeSlots(["2026-02-14"], { staff: 1 });
    expect(() => autoAssign([...slots, ...slots], [])).toThrow(/Duplicate slot/);
    expect(() => autoAssign(slots, [person("a", "An", ["staff"]), person("a", "Ân", ["staff"])])).toThrow(/Duplicate candidate/);
  });
});

describe("overlapping rosters (duty in another roster: `busy`)", () => {
  // A second roster over the Tết days: everyone already on duty some day in the first one.
  const first = applied(tetSlots(), autoAssign(tetSlots(), tetPool()));
  const busyOf = (id: string) => Object.fromEntries(first.filter((s) => s.membershipId === id).map((s) => [s.date, "Lịch trực Tết Nguyên đán Bính Ngọ 2026"]));
  const pool = () => tetPool().map((c) => ({ ...c, busy: busyOf(c.membershipId) }));
  const second = () => makeSlots(TET, { staff: 1 }, () => 2).map((s) => ({ ...s, id: `second-${s.id}` }));

  it("never places someone already on duty that day in the other roster", () => {
    const filled = applied(second(), autoAssign(second(), pool()));
    for (const s of filled) {
      if (!s.membershipId) continue;
      expect(busyOf(s.membershipId)[s.date], `${s.membershipId} on ${s.date}`).toBeUndefined();
    }
    expect(filled.every((s) => s.membershipId !== null)).toBe(true); // ten staff are enough for one more a day
    expect(findConflicts(filled, pool()).filter((c) => c.kind === "elsewhere")).toEqual([]);
  });

  it("prefers a rested colleague over one on duty the day before or after in the other roster", () => {
    const slots: SlotInput[] = [{ id: "x", date: "2026-02-15", kind: "staff", weight: 2, membershipId: null }];
    const candidates = [person("a", "An", ["staff"], { busy: { "2026-02-14": "Lịch A" } }), person("b", "Bình", ["staff"], { priorWeighted: 4 })];
    expect(autoAssign(slots, candidates).assignments[0]!.membershipId).toBe("b");
    expect(autoAssign(slots, [candidates[0]!]).assignments[0]!.membershipId).toBe("a"); // nobody else: still filled
  });

  it("warns of a double booking across rosters, naming the other roster", () => {
    const slots: SlotInput[] = [
      { id: "1", date: "2026-03-07", kind: "staff", weight: 1, membershipId: "a" },
      { id: "2", date: "2026-03-14", kind: "staff", weight: 1, membershipId: "a" },
    ];
    const candidates = [person("a", "An", ["staff"], { busy: { "2026-03-07": "Lịch trực cuối tuần tháng 3/2026", "2026-03-15": "Lịch trực cuối tuần tháng 3/2026" } })];
    expect(findConflicts(slots, candidates)).toEqual([
      { slotId: "1", kind: "elsewhere", membershipId: "a", date: "2026-03-07", other: "Lịch trực cuối tuần tháng 3/2026" },
      { slotId: "2", kind: "consecutive", membershipId: "a", date: "2026-03-14" },
    ]);
  });
});

describe("findConflicts", () => {
  const pool = [
    person("a", "An", ["leader"]),
    person("b", "Bình", ["staff"], { unavailable: ["2026-02-15"] }),
    person("c", "Cường", ["staff"], { active: false }),
  ];

  it("reports each problem once per offending slot", () => {
    const slots: SlotInput[] = [
      { id: "1", date: "2026-02-14", kind: "leader", weight: 2, membershipId: "a" },
      { id: "2", date: "2026-02-14", kind: "staff", weight: 2, membershipId: "a" }, // double + ineligible
      { id: "3", date: "2026-02-15", kind: "staff", weight: 2, membershipId: "b" }, // leave
      { id: "4", date: "2026-02-17", kind: "staff", weight: 2, membershipId: "c" }, // inactive
      { id: "5", date: "2026-02-16", kind: "staff", weight: 2, membershipId: "b" }, // consecutive with 3
      { id: "6", date: "2026-02-20", kind: "staff", weight: 2, membershipId: "zzz" }, // not in the pool
      { id: "7", date: "2026-02-21", kind: "staff", weight: 2, membershipId: null },
    ];
    expect(findConflicts(slots, pool)).toEqual([
      { slotId: "1", kind: "double", membershipId: "a", date: "2026-02-14" },
      { slotId: "2", kind: "double", membershipId: "a", date: "2026-02-14" },
      { slotId: "2", kind: "ineligible", membershipId: "a", date: "2026-02-14" },
      { slotId: "3", kind: "leave", membershipId: "b", date: "2026-02-15" },
      { slotId: "3", kind: "consecutive", membershipId: "b", date: "2026-02-15" },
      { slotId: "5", kind: "consecutive", membershipId: "b", date: "2026-02-16" },
      { slotId: "4", kind: "inactive", membershipId: "c", date: "2026-02-17" },
      { slotId: "6", kind: "inactive", membershipId: "zzz", date: "2026-02-20" },
    ]);
  });

  it("sees adjacency across month and year ends", () => {
    const s = (id: string, date: string): SlotInput => ({ id, date, kind: "leader", weight: 1, membershipId: "a" });
    expect(findConflicts([s("x", "2025-12-31"), s("y", "2026-01-01")], pool).map((c) => c.kind)).toEqual(["consecutive", "consecutive"]);
    expect(findConflicts([s("x", "2028-02-28"), s("y", "2028-03-01")], pool)).toEqual([]); // 2028 is a leap year
    expect(findConflicts([s("x", "2027-02-28"), s("y", "2027-03-01")], pool).map((c) => c.kind)).toEqual(["consecutive", "consecutive"]);
  });
});

// ---------- property tests ----------

const NAMES = ["An", "Ân", "Bình", "Cường", "Dũng", "Đức", "Hà", "Hạ", "Lan", "Minh", "Ngọc", "Yến"];
const BASE_DAY = "2026-01-01";

interface Scenario {
  slots: SlotInput[];
  candidates: Candidate[];
  keepExisting: boolean;
}

/** Random roster (1–20 days, 1–3 slots of each kind a day, weights 1–3) and candidate pool. */
const scenarioArb = (opts: { locks: boolean }): fc.Arbitrary<Scenario> =>
  fc
    .record({
      start: fc.integer({ min: 0, max: 360 }),
      days: fc.array(
        fc.record({ leader: fc.integer({ min: 1, max: 3 }), staff: fc.integer({ min: 1, max: 3 }), security: fc.integer({ min: 1, max: 3 }) }),
        { minLength: 1, maxLength: 20 },
      ),
      poolSize: fc.integer({ min: 0, max: 14 }),
    })
    .chain(({ start, days, poolSize }) => {
      const dates = dateRange(addDays(BASE_DAY, start), days.length);
      const shape: { date: string; kind: SlotKind; pos: number }[] = [];
      days.forEach((d, i) => {
        for (const kind of KINDS) for (let p = 1; p <= d[kind]; p++) shape.push({ date: dates[i], kind, pos: p });
      });
      const memberIds = Array.from({ length: poolSize }, (_, i) => `m${i}`);
      const candArb = fc.record({
        name: fc.constantFrom(...NAMES),
        kinds: fc.subarray(KINDS),
        priorWeighted: fc.integer({ min: 0, max: 10 }),
        active: fc.constantFrom(true, true, true, false),
        unavailable: fc.subarray(dates),
        lastDutyDate: fc.option(fc.integer({ min: -3, max: 0 }).map((n) => addDays(dates[0], n - 1)), { nil: null }),
      });
      const slotArb = fc.record({
        weight: fc.integer({ min: 1, max: 3 }),
        locked: opts.locks ? fc.boolean() : fc.constant(false),
        membershipId: fc.option(memberIds.length ? fc.constantFrom(...memberIds, "ghost") : fc.constant("ghost"), { nil: null, freq: 2 }),
      });
      return fc.record({
        candidates: fc.tuple(...memberIds.map(() => candArb)).map((cs) => cs.map((c, i): Candidate => ({ membershipId: memberIds[i], ...c }))),
        slots: fc
          .tuple(...shape.map(() => slotArb))
          .map((ss) =>
            ss.map((s, i): SlotInput => ({ id: `${shape[i].date}/${shape[i].kind}/${shape[i].pos}`, date: shape[i].date, kind: shape[i].kind, ...s })),
          ),
        keepExisting: opts.locks ? fc.boolean() : fc.constant(false),
      });
    });

function permuted(sc: Scenario): fc.Arbitrary<[Scenario, Scenario]> {
  return fc
    .tuple(
      fc.shuffledSubarray(sc.slots, { minLength: sc.slots.length, maxLength: sc.slots.length }),
      fc.shuffledSubarray(sc.candidates, { minLength: sc.candidates.length, maxLength: sc.candidates.length }),
    )
    .map(([slots, candidates]) => [sc, { ...sc, slots: deepClone(slots), candidates: deepClone(candidates) }]);
}

const RUNS = 200;

describe("autoAssign properties", () => {
  it("never breaks the hard constraints; keeps locked/kept slots; fills whenever possible", () => {
    fc.assert(
      fc.property(scenarioArb({ locks: true }), ({ slots, candidates, keepExisting }) => {
        const input = deepClone({ slots, candidates });
        const r = autoAssign(slots, candidates, { keepExisting });
        expect({ slots, candidates }).toEqual(input); // no mutation
        const filled = applied(slots, r);
        const byId = new Map(candidates.map((c) => [c.membershipId, c]));
        expect(r.assignments.map((a) => a.slotId).sort()).toEqual(slots.map((s) => s.id).sort());
        expect([...r.unfilled].sort()).toEqual(filled.filter((s) => s.membershipId === null).map((s) => s.id).sort());

        const onDate = (m: string, date: string) => filled.filter((s) => s.membershipId === m && s.date === date).length;
        slots.forEach((orig, i) => {
          const s = filled[i];
          const kept = orig.locked === true || (keepExisting && orig.membershipId !== null);
          if (kept) {
            expect(s.membershipId).toBe(orig.membershipId);
            return;
          }
          if (s.membershipId === null) {
            // Empty only if nobody eligible was free that date.
            const free = candidates.filter(
              (c) => c.active && c.kinds.includes(s.kind) && !c.unavailable.includes(s.date) && onDate(c.membershipId, s.date) === 0,
            );
            expect(free).toEqual([]);
            return;
          }
          const c = byId.get(s.membershipId)!;
          expect(c).toBeDefined();
          expect(c.active).toBe(true);
          expect(c.kinds).toContain(s.kind);
          expect(c.unavailable).not.toContain(s.date);
          expect(onDate(c.membershipId, s.date)).toBe(1);
        });

        // Totals: prior + this roster, sorted desc by weighted.
        expect(r.totals.map((t) => t.membershipId).sort()).toEqual(candidates.map((c) => c.membershipId).sort());
        for (const t of r.totals) {
          const mine = filled.filter((s) => s.membershipId === t.membershipId);
          expect(t.shifts).toBe(mine.length);
          expect(t.weighted).toBe(byId.get(t.membershipId)!.priorWeighted + mine.reduce((a, s) => a + s.weight, 0));
        }
        for (let i = 1; i < r.totals.length; i++) expect(r.totals[i - 1].weighted).toBeGreaterThanOrEqual(r.totals[i].weighted);
      }),
      { numRuns: RUNS },
    );
  });

  it("is deterministic: permuting the input arrays changes nothing", () => {
    fc.assert(
      fc.property(
        scenarioArb({ locks: true }).chain(permuted),
        ([a, b]) => {
          expect(autoAssign(b.slots, b.candidates, { keepExisting: b.keepExisting })).toEqual(
            autoAssign(a.slots, a.candidates, { keepExisting: a.keepExisting }),
          );
          expect(findConflicts(b.slots, b.candidates)).toEqual(findConflicts(a.slots, a.candidates));
        },
      ),
      { numRuns: RUNS },
    );
  });

  it("findConflicts of a result never reports double/inactive/leave/ineligible on an auto-filled slot", () => {
    const hard = new Set(["double", "inactive", "leave", "ineligible"]);
    fc.assert(
      fc.property(scenarioArb({ locks: false }), ({ slots, candidates }) => {
        const filled = applied(slots, autoAssign(slots, candidates));
        expect(findConflicts(filled, candidates).filter((c) => hard.has(c.kind))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
    fc.assert(
      fc.property(scenarioArb({ locks: true }), ({ slots, candidates, keepExisting }) => {
        const filled = applied(slots, autoAssign(slots, candidates, { keepExisting }));
        const auto = new Set(slots.filter((s) => !(s.locked || (keepExisting && s.membershipId !== null))).map((s) => s.id));
        expect(findConflicts(filled, candidates).filter((c) => hard.has(c.kind) && auto.has(c.slotId))).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });

  it("with equal weights, no prior load, no leave and ≥ 2 × (slots a day) people per kind, shift counts differ by ≤ 1 and nothing conflicts", () => {
    const balancedArb = fc
      .record({
        start: fc.integer({ min: 0, max: 360 }),
        weight: fc.integer({ min: 1, max: 3 }),
        days: fc.array(
          fc.record({ leader: fc.integer({ min: 1, max: 3 }), staff: fc.integer({ min: 1, max: 3 }), security: fc.integer({ min: 1, max: 3 }) }),
          { minLength: 1, maxLength: 20 },
        ),
        extra: fc.record({ leader: fc.nat(4), staff: fc.nat(4), security: fc.nat(4) }),
        inactive: fc.record({ leader: fc.nat(2), staff: fc.nat(2), security: fc.nat(2) }),
        names: fc.array(fc.constantFrom(...NAMES), { minLength: 60, maxLength: 60 }),
        seed: fc.nat(),
      })
      .map(({ start, weight, days, extra, inactive, names, seed }) => {
        const dates = dateRange(addDays(BASE_DAY, start), days.length);
        const slots: SlotInput[] = [];
        days.forEach((d, i) => {
          for (const kind of KINDS)
            for (let p = 1; p <= d[kind]; p++) slots.push({ id: `${dates[i]}/${kind}/${p}`, date: dates[i], kind, weight, membershipId: null });
        });
        const candidates: Candidate[] = [];
        let n = 0;
        for (const kind of KINDS) {
          const need = 2 * Math.max(...days.map((d) => d[kind]));
          for (let i = 0; i < need + extra[kind] + inactive[kind]; i++, n++)
            candidates.push(person(`${kind}-${i}`, names[n % names.length], [kind], { active: i < need + extra[kind] }));
        }
        return { slots: shuffle(slots, seed), candidates: shuffle(candidates, seed + 1) };
      });
    fc.assert(
      fc.property(balancedArb, ({ slots, candidates }) => {
        const r = autoAssign(slots, candidates);
        expect(r.unfilled).toEqual([]);
        const filled = applied(slots, r);
        for (const kind of KINDS) {
          const counts = candidates.filter((c) => c.active && c.kinds[0] === kind).map((c) => shiftsOf(filled, c.membershipId).length);
          expect(Math.max(...counts) - Math.min(...counts)).toBeLessThanOrEqual(1);
        }
        expect(findConflicts(filled, candidates)).toEqual([]);
      }),
      { numRuns: RUNS },
    );
  });
});
