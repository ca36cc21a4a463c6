import { describe, expect, it } from "vitest";
import { generalSchema, parsePoints, weightsSchema } from "../../app/modules/evaluation/schema";
import {
  bandCounts,
  bandOf,
  computeTaskScore,
  evaluate,
  excellenceCapWarning,
  parsePeriod,
  periodContaining,
  periodEndInstant,
  periodOptions,
  periodStartInstant,
  floor2,
  scoreTaskLine,
  shiftPeriod,
  shownParts,
  weightShares,
  type Band,
  type GeneralPoints,
  type ScoreTaskInput,
  type TaskScore,
} from "../../app/modules/evaluation/score";
import { deadlineInstant } from "../../app/utils/dates";

// February 2026; "now" is during March unless a test says otherwise.
const FEB = parsePeriod("2026-02")!;
const END = periodEndInstant(FEB);
const MARCH_10 = "2026-03-10T01:00:00.000Z";
const at = { periodEnd: END, now: MARCH_10 };

let seq = 0;
function task(over: Partial<ScoreTaskInput> = {}): ScoreTaskInput {
  const deadlineDate = over.deadlineDate ?? "2026-02-20";
  return {
    id: `t${++seq}`,
    title: "Việc",
    status: "done",
    deadlineDate,
    deadlineTime: null,
    deadlineAt: deadlineInstant(deadlineDate, over.deadlineTime ?? null).toISOString(),
    originalDeadlineDate: deadlineDate,
    originalDeadlineTime: null,
    completedAt: "2026-02-19T08:00:00.000Z",
    timeliness: "on_time",
    timelinessOriginal: "on_time",
    returnCount: 0,
    extensionCount: 0,
    ...over,
  };
}

const FULL: GeneralPoints = { political: 7.5, ethics: 7.5, style: 7.5, discipline: 7.5 };
const general = (total: number): GeneralPoints => ({ political: total / 4, ethics: total / 4, style: total / 4, discipline: total / 4 });
/** A task part worth exactly `points` (for the band tests). */
const taskWorth = (points: number): TaskScore => ({ ...computeTaskScore([task()], at), points });

describe("one task: the rule applied", () => {
  it.each([
    // label, task, outcome, counted, [quantity, quality, timeliness], delays
    ["done early", task({ timeliness: "early", timelinessOriginal: "early" }), "done", true, [1, 1, 1], 0],
    ["done on time", task(), "done", true, [1, 1, 1], 0],
    ["done late: one delay costs 25%", task({ timeliness: "late", timelinessOriginal: "late" }), "done", true, [1, 1, 0.75], 1],
    ["returned once, then accepted on time", task({ returnCount: 1 }), "done", true, [1, 0.75, 1], 0],
    ["returned twice and late", task({ returnCount: 2, timeliness: "late" }), "done", true, [1, 0.5, 0.75], 1],
    ["returned five times: quality never below 0", task({ returnCount: 5 }), "done", true, [1, 0, 1], 0],
    ["open past its deadline at the period end: not completed, delayed", task({ status: "in_progress", completedAt: null, timeliness: null }), "overdue", true, [0, 0, 0], 1],
    ["returned and still open after the deadline", task({ status: "returned", completedAt: null, timeliness: null, returnCount: 1 }), "overdue", true, [0, 0, 0], 1],
    ["completed only after the period ended", task({ completedAt: "2026-03-02T03:00:00.000Z", timeliness: "late" }), "doneAfterPeriod", true, [0, 0, 0], 1],
    ["submitted, waiting for approval: not counted yet", task({ status: "submitted", completedAt: null, timeliness: null }), "awaitingApproval", false, [0, 0, 0], 0],
  ] as const)("%s", (_label, t, outcome, counted, [q, l, tm], delays) => {
    const line = scoreTaskLine(t, at);
    expect(line.outcome).toBe(outcome);
    expect(line.counted).toBe(counted);
    expect([line.quantity, line.quality, line.timeliness]).toEqual([q, l, tm]);
    expect(line.delays).toBe(delays);
  });

  it("counts an open task whose deadline is still ahead only once it has passed (running period)", () => {
    const march = parsePeriod("2026-03")!;
    const t = task({ status: "in_progress", deadlineDate: "2026-03-20", completedAt: null, timeliness: null });
    const opts = (now: string) => ({ periodEnd: periodEndInstant(march), now });
    expect(scoreTaskLine(t, opts(MARCH_10)).outcome).toBe("notYetDue");
    expect(scoreTaskLine(t, opts(MARCH_10)).counted).toBe(false);
    // 23:59 on the deadline day is still in time; the next minute it is overdue.
    expect(scoreTaskLine(t, opts("2026-03-20T16:58:00.000Z")).outcome).toBe("notYetDue");
    expect(scoreTaskLine(t, opts("2026-03-20T17:00:00.000Z")).outcome).toBe("overdue");
  });

  it("uses the current deadline after an extension, and shows the original-deadline view beside it", () => {
    const extended = task({ originalDeadlineDate: "2026-02-06", timeliness: "on_time", timelinessOriginal: "late", extensionCount: 1 });
    const line = scoreTaskLine(extended, at);
    expect(line.extended).toBe(true);
    expect(line.timeliness).toBe(1);
    expect(line.timelinessOriginal).toBe(0.75);
    expect(line.timingOriginal).toBe("late");
    const s = computeTaskScore([extended, task()], at);
    expect(s.points).toBe(70);
    expect(s.timelinessOriginal).toBe(0.875);
    expect(s.pointsOriginal).toBeCloseTo(67.0833, 4); // 70 × (1 + 1 + 0.875) / 3
    expect(s.shown?.pointsOriginal).toBe(67.08);
  });

  // Issue 14, item 5: an extension asked after the deadline keeps the task late.
  it("a late extension: judged by the missed deadline, open or done", () => {
    const march = parsePeriod("2026-03")!;
    const opts = { periodEnd: periodEndInstant(march), now: MARCH_10 };
    const missed = deadlineInstant("2026-03-04", null).toISOString();
    const open = task({ status: "in_progress", deadlineDate: "2026-03-20", originalDeadlineDate: "2026-03-04", completedAt: null, timeliness: null, extensionCount: 1, missedDeadlineAt: missed });
    const line = scoreTaskLine(open, opts);
    expect([line.outcome, line.counted, line.lateExtension, line.missedDeadlineAt]).toEqual(["overdue", true, true, missed]);
    // Without the missed deadline the same task is merely not yet due (the old behaviour).
    expect(scoreTaskLine({ ...open, missedDeadlineAt: null }, opts).outcome).toBe("notYetDue");
    const done = task({ ...open, status: "done", completedAt: "2026-03-18T03:00:00.000Z", timeliness: "late", timelinessOriginal: "late" });
    const d = scoreTaskLine(done, opts);
    expect([d.outcome, d.timeliness, d.delays]).toEqual(["done", 0.75, 1]);
  });

  // Issue 14, item 6: a result submitted on time and waiting is pending, never overdue.
  it.each([
    ["submitted before the deadline", "2026-02-19T08:00:00.000Z", "onTime"],
    ["submitted after the deadline", "2026-02-21T08:00:00.000Z", "late"],
  ] as const)("a result %s and waiting: pending, shown as submitted %s", (_label, submittedAt, submitted) => {
    const line = scoreTaskLine(task({ status: "submitted", completedAt: null, timeliness: null, submittedAt }), at);
    expect([line.outcome, line.counted, line.submitted]).toEqual(["awaitingApproval", false, submitted]);
  });

  it("extended but completed after the new deadline is one delay", () => {
    const line = scoreTaskLine(task({ originalDeadlineDate: "2026-02-06", timeliness: "late", timelinessOriginal: "late", extensionCount: 2 }), at);
    expect([line.timeliness, line.delays, line.extensionCount]).toEqual([0.75, 1, 2]);
  });
});

describe("the 70 task points", () => {
  it.each([
    // label, tasks, exact points, shown (hundredths rounded down)
    ["one task done on time", [task()], 70, 70],
    ["one task returned once (quality 75%)", [task({ returnCount: 1 })], 64.1667, 64.16],
    ["one task late (timeliness 75%)", [task({ timeliness: "late" })], 64.1667, 64.16],
    ["returned once and late", [task({ returnCount: 1, timeliness: "late" })], 58.3333, 58.33],
    ["one of two tasks overdue", [task(), task({ status: "assigned", completedAt: null, timeliness: null })], 35, 35],
    ["one of three overdue", [task(), task(), task({ status: "in_progress", completedAt: null, timeliness: null })], 46.6667, 46.66],
    ["only an overdue task", [task({ status: "in_progress", completedAt: null, timeliness: null })], 0, 0],
    ["four tasks: one returned, one late", [task(), task(), task({ returnCount: 1 }), task({ timeliness: "late" })], 67.0833, 67.08],
  ] as const)("%s → %s (shown %s)", (_label, tasks, points, shown) => {
    const s = computeTaskScore(tasks, at);
    expect(s.points).toBeCloseTo(points, 4);
    expect(s.shown?.points).toBe(shown);
  });

  it("ignores drafts and cancelled tasks", () => {
    const s = computeTaskScore([task(), task({ status: "cancelled", completedAt: null }), task({ status: "draft", completedAt: null })], at);
    expect(s.lines).toHaveLength(1);
    expect(s.points).toBe(70);
  });

  it("leaves undecided tasks out of the arithmetic and says how many", () => {
    const s = computeTaskScore([task(), task({ status: "submitted", completedAt: null, timeliness: null })], at);
    expect([s.counted, s.pending, s.points]).toEqual([1, 1, 70]);
  });

  // Issue 14, item 7: the shown parts add up to the shown total (largest remainder).
  it.each([
    // label, tasks, shown parts, shown points
    ["two tasks, one returned and late", [task(), task({ returnCount: 1, timeliness: "late" })], [23.33, 20.42, 20.41], 64.16],
    ["one task late: 23.33 + 23.33 + 17.5", [task({ timeliness: "late" })], [23.33, 23.33, 17.5], 64.16],
    ["all done on time: 70 in thirds", [task()], [23.34, 23.33, 23.33], 70],
    ["one of three overdue: 46.6667", [task(), task(), task({ status: "in_progress", completedAt: null, timeliness: null })], [15.56, 15.55, 15.55], 46.66],
  ] as const)("%s: the shown parts add up to the shown points", (_label, tasks, parts, points) => {
    const s = computeTaskScore(tasks, at);
    expect(s.shown).not.toBeNull();
    expect([s.shown!.parts.quantity, s.shown!.parts.quality, s.shown!.parts.timeliness]).toEqual(parts);
    expect(s.shown!.points).toBe(points);
    expect(Math.round((parts[0] + parts[1] + parts[2]) * 100) / 100).toBe(points);
  });
});

describe("an empty period", () => {
  it("makes the task part not applicable: neither a free 70 nor a 0", () => {
    const s = computeTaskScore([], at);
    expect(s.applicable).toBe(false);
    expect(s.points).toBeNull();
    const r = evaluate({ task: s, general: FULL, manualTaskPoints: null, disciplined: false });
    expect([r.taskPoints, r.taskSource, r.total, r.band]).toEqual([null, "none", null, null]);
    expect(r.missing).toEqual(["taskPoints"]);
  });

  it("only pending tasks: no task part until they are decided", () => {
    const march = parsePeriod("2026-03")!;
    const s = computeTaskScore([task({ status: "in_progress", deadlineDate: "2026-03-25", completedAt: null, timeliness: null })], {
      periodEnd: periodEndInstant(march),
      now: MARCH_10,
    });
    expect([s.applicable, s.pending]).toEqual([false, 1]);
    // The evaluator's points do not stand in for tasks that are only waiting to be decided.
    const r = evaluate({ task: s, general: FULL, manualTaskPoints: 60, disciplined: false });
    expect([r.taskSource, r.total]).toEqual(["none", null]);
    expect(r.missing).toEqual(["pendingTasks"]);
  });

  it("takes the evaluator's task points from the member's regular duties", () => {
    const r = evaluate({ task: computeTaskScore([], at), general: general(26), manualTaskPoints: 60, disciplined: false });
    expect([r.taskPoints, r.taskSource, r.total, r.band]).toEqual([60, "manual", 86, "good"]);
    expect(r.missing).toEqual([]);
  });

  it("never lets manual points replace points computed from tasks", () => {
    const r = evaluate({ task: computeTaskScore([task({ timeliness: "late" })], at), general: FULL, manualTaskPoints: 70, disciplined: false });
    expect(r.taskSource).toBe("tasks");
    expect(r.taskPoints).toBeCloseTo(64.1667, 4);
  });
});

describe("weights", () => {
  it.each([
    ["equal thirds by default", undefined, 58.33],
    ["1/1/1 is the same", { quantity: 1, quality: 1, timeliness: 1 }, 58.33],
    ["quantity only", { quantity: 1, quality: 0, timeliness: 0 }, 70],
    ["timeliness only", { quantity: 0, quality: 0, timeliness: 1 }, 52.5],
    ["40/30/30", { quantity: 40, quality: 30, timeliness: 30 }, 59.5],
    ["all zero falls back to thirds", { quantity: 0, quality: 0, timeliness: 0 }, 58.33],
  ] as const)("%s", (_label, weights, points) => {
    // Quality 75% (one return), timeliness 75% (late), quantity 100%.
    expect(computeTaskScore([task({ returnCount: 1, timeliness: "late" })], { ...at, weights }).shown?.points).toBe(points);
  });

  it("gives shares that sum to one", () => {
    const s = weightShares({ quantity: 2, quality: 1, timeliness: 1 });
    expect(s).toEqual({ quantity: 0.5, quality: 0.25, timeliness: 0.25 });
  });
});

describe("bands", () => {
  it.each([
    [100, "excellent"],
    [90, "excellent"],
    [89.99, "good"],
    [89.995, "good"], // the exact total decides: never rounded up into a band
    [89.9967, "good"],
    [89.99999999999999, "excellent"], // binary noise of an exact 90
    [70, "good"],
    [69.99, "completed"],
    [50, "completed"],
    [49.99, "failed"],
    [0, "failed"],
  ] as const)("%s → %s", (total, band) => {
    expect(bandOf(total)).toBe(band);
  });

  it.each([
    // task points + general points = total → band
    [60, 29.99, 89.99, "good"],
    [60, 30, 90, "excellent"],
    [45, 24.99, 69.99, "completed"],
    [45, 25, 70, "good"],
    [30, 19.99, 49.99, "failed"],
    [30, 20, 50, "completed"],
  ] as const)("%s + %s = %s → %s", (taskPoints, generalPoints, total, band) => {
    const g: GeneralPoints = { political: 7.5, ethics: 7.5, style: 7.5, discipline: generalPoints - 22.5 };
    const r = evaluate({ task: taskWorth(taskPoints), general: g, manualTaskPoints: null, disciplined: false });
    expect(r.total).toBeCloseTo(total, 9);
    expect(r.shown.total).toBe(total);
    expect(r.band).toBe(band);
  });

  // Issue 14, item 7: task points are not rounded before being added.
  it.each([
    // label, tasks, general, exact total, band, shown [task, general, total]
    ["64.1667 + 25.83 = 89.9967: tốt, shown 89.99", [task({ timeliness: "late" })], 25.83, 89.9967, "good", [64.16, 25.83, 89.99]],
    ["46.6667 + 23.33 = 69.9967: hoàn thành, shown 69.99", [task(), task(), task({ status: "assigned", completedAt: null, timeliness: null })], 23.33, 69.9967, "completed", [46.66, 23.33, 69.99]],
    ["64.1667 + 25.84 = 90.0067: xuất sắc, shown 90", [task({ timeliness: "late" })], 25.84, 90.0067, "excellent", [64.16, 25.84, 90]],
    ["70 + 20 = 90", [task()], 20, 90, "excellent", [70, 20, 90]],
  ] as const)("%s", (_label, tasks, g, total, band, shown) => {
    const general: GeneralPoints = { political: 7.5, ethics: 7.5, style: 7.5, discipline: Math.round((g - 22.5) * 100) / 100 };
    const r = evaluate({ task: computeTaskScore(tasks, at), general, manualTaskPoints: null, disciplined: false });
    expect(r.total).toBeCloseTo(total, 4);
    expect(r.band).toBe(band);
    expect([r.shown.taskPoints, r.shown.generalPoints, r.shown.total]).toEqual(shown);
  });

  it.each([
    [[23.3333, 17.5, 23.3333], [23.33, 17.5, 23.33]],
    [[10.005, 10.005], [10.01, 10]],
    [[33.3333, 33.3333, 33.3334], [33.33, 33.33, 33.34]],
    [[0.004, 0.004, 0.004], [0.01, 0, 0]],
    [[70, 20], [70, 20]],
  ] as const)("shownParts(%j) = %j, adding up to the shown total", (parts, expected) => {
    const shown = shownParts(parts);
    expect(shown).toEqual(expected);
    expect(Math.round(shown.reduce((a, b) => a + b, 0) * 100)).toBe(Math.round(floor2(parts.reduce((a, b) => a + b, 0)) * 100));
  });
});

describe("overrides", () => {
  it("disciplined in the year → Không hoàn thành, whatever the points", () => {
    const r = evaluate({ task: computeTaskScore([task()], at), general: FULL, manualTaskPoints: null, disciplined: true });
    expect([r.total, r.scoreBand, r.band, r.overridden]).toEqual([100, "excellent", "failed", "disciplined"]);
  });

  it("disciplined gives Không hoàn thành even before the total is known", () => {
    const r = evaluate({ task: computeTaskScore([], at), general: FULL, manualTaskPoints: null, disciplined: true });
    expect([r.total, r.band]).toEqual([null, "failed"]);
  });

  it("no total until all four general criteria have points", () => {
    const r = evaluate({ task: computeTaskScore([task()], at), general: { ...FULL, ethics: null }, manualTaskPoints: null, disciplined: false });
    expect([r.generalPoints, r.total, r.band]).toEqual([null, null, null]);
    expect(r.missing).toEqual(["general"]);
  });
});

describe("the 20% cap on Hoàn thành xuất sắc", () => {
  const many = (n: number, b: Band) => Array.from({ length: n }, () => b);
  it.each([
    ["1 excellent, 5 good: exactly 20%", [...many(1, "excellent"), ...many(5, "good")], null],
    ["2 excellent, 10 good: exactly 20%", [...many(2, "excellent"), ...many(10, "good")], null],
    ["2 excellent, 9 good: over", [...many(2, "excellent"), ...many(9, "good")], { excellent: 2, good: 9, allowed: 1 }],
    ["1 excellent, 4 good: over", [...many(1, "excellent"), ...many(4, "good")], { excellent: 1, good: 4, allowed: 0 }],
    ["1 excellent, nobody good", [...many(1, "excellent"), ...many(3, "completed")], { excellent: 1, good: 0, allowed: 0 }],
    ["nobody excellent", [...many(3, "good"), null, "failed"], null],
    ["nobody rated", [null, null], null],
  ] as const)("%s", (_label, bands, warning) => {
    expect(excellenceCapWarning(bands)).toEqual(warning);
  });

  it("counts per band, leaving unrated members out", () => {
    expect(bandCounts(["excellent", "good", "good", null, "failed"])).toEqual({ excellent: 1, good: 2, completed: 0, failed: 1 });
  });
});

describe("periods", () => {
  it.each([
    ["2026-02", "2026-02-01", "2026-02-28"],
    ["2024-02", "2024-02-01", "2024-02-29"],
    ["2026-Q1", "2026-01-01", "2026-03-31"],
    ["2026-Q4", "2026-10-01", "2026-12-31"],
  ])("%s runs %s – %s", (key, start, end) => {
    expect(parsePeriod(key)).toMatchObject({ key, start, end });
  });

  it.each(["", "2026-13", "2026-00", "2026-Q5", "2026-2", "26-02", "2026-02-01", "abc", "1999-01"])("rejects %j", (key) => {
    expect(parsePeriod(key)).toBeNull();
  });

  it("shifts across years and finds the period of a date", () => {
    expect(shiftPeriod(parsePeriod("2026-01")!, -1).key).toBe("2025-12");
    expect(shiftPeriod(parsePeriod("2025-Q4")!, 1).key).toBe("2026-Q1");
    expect(periodContaining("2026-03-10").key).toBe("2026-03");
    expect(periodContaining("2026-05-10", "quarter").key).toBe("2026-Q2");
  });

  it("bounds a period in Vietnam time", () => {
    expect(periodStartInstant(FEB)).toBe("2026-01-31T17:00:00.000Z");
    expect(periodEndInstant(FEB)).toBe("2026-02-28T16:59:59.999Z");
  });

  it("offers recent months and quarters, and the selected one when older", () => {
    const o = periodOptions("2026-03-10", parsePeriod("2026-02")!);
    expect(o.slice(0, 3)).toEqual(["2026-04", "2026-03", "2026-02"]);
    expect(o).toContain("2026-Q1");
    expect(periodOptions("2026-03-10", parsePeriod("2020-05")!)[0]).toBe("2020-05");
  });
});

describe("form rules", () => {
  it.each([
    ["7,5", 7.5, 7.5],
    ["7.5", 7.5, 7.5],
    ["0", 7.5, 0],
    ["6,25", 7.5, 6.25],
    ["8", 7.5, null],
    ["-1", 7.5, null],
    ["7,555", 7.5, null],
    ["bảy", 7.5, null],
    ["70", 70, 70],
  ] as const)("points %j (max %s) → %s", (text, max, value) => {
    expect(parsePoints(text, max)).toBe(value);
  });

  const form = (over: Record<string, string> = {}) => ({
    intent: "general",
    version: "0",
    political: "7,5",
    ethics: "7,5",
    style: "7,5",
    discipline: "7,5",
    ...over,
  });

  it("accepts full marks without comments", () => {
    const r = generalSchema.safeParse(form());
    expect(r.success).toBe(true);
    if (r.success) expect([r.data.political, r.data.manualTaskPoints]).toEqual([7.5, null]);
  });

  it("asks for a justification wherever points are taken off", () => {
    const r = generalSchema.safeParse(form({ style: "6" }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => [i.path.join("."), i.message])).toEqual([["styleNote", "justificationRequired"]]);
    expect(generalSchema.safeParse(form({ style: "6", styleNote: "Đi muộn 02 lần." })).success).toBe(true);
  });

  it("asks for the decision when disciplined and the basis of manual task points", () => {
    const r = generalSchema.safeParse(form({ disciplined: "on", manualTaskPoints: "60" }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues.map((i) => i.path.join("."))).toEqual(["disciplinedNote", "manualTaskNote"]);
  });

  it("refuses points over a criterion's maximum", () => {
    const r = generalSchema.safeParse(form({ ethics: "9" }));
    expect(r.success).toBe(false);
    if (!r.success) expect(r.error.issues[0]!.message).toBe("pointsRange|7.5");
  });

  it("refuses all-zero weights", () => {
    expect(weightsSchema.safeParse({ intent: "weights", quantity: "0", quality: "0", timeliness: "0" }).success).toBe(false);
    expect(weightsSchema.safeParse({ intent: "weights", quantity: "40", quality: "30", timeliness: "30" }).success).toBe(true);
  });
});
