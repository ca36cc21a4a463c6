import { describe, expect, it } from "vitest";
import {
  cappedBand,
  evaluateYear,
  excellenceRule,
  isAbove,
  isEarly,
  lowerBand,
  parseYear,
  reminderDue,
  yearPeriodKeys,
  type AnnualInput,
  type PeriodResult,
} from "../../app/modules/evaluation/annual";
import { yearAssessmentSchema } from "../../app/modules/evaluation/schema";
import type { Band, GeneralPoints } from "../../app/modules/evaluation/score";

const NONE: GeneralPoints = { political: null, ethics: null, style: null, discipline: null };
const pts = (political: number, ethics: number, style: number, discipline: number): GeneralPoints => ({ political, ethics, style, discipline });

/** A period of 2026: finalised ones carry their frozen task and general points. */
function period(key: string, status: PeriodResult["status"], taskPoints: number | null = null, general: GeneralPoints = NONE, disciplined = false): PeriodResult {
  const g = Object.values(general);
  const generalPoints = status === "finalised" && g.every((x) => x !== null) ? (g as number[]).reduce((s, x) => s + x, 0) : null;
  return {
    key,
    kind: key.includes("Q") ? "quarter" : "month",
    status,
    taskPoints: status === "finalised" ? taskPoints : null,
    generalPoints,
    total: status === "finalised" && taskPoints !== null && generalPoints !== null ? taskPoints + generalPoints : null,
    general,
    band: null,
    disciplined,
  };
}

const year = (over: Partial<AnnualInput> & Pick<AnnualInput, "periods">): AnnualInput => ({
  general: NONE,
  disciplined: false,
  absent: false,
  chosenBand: null,
  ...over,
});

describe("the year and its dates (the clock is an argument)", () => {
  it.each([
    ["2026", 2026],
    [" 2026 ", 2026],
    ["2000", 2000],
    ["2100", 2100],
    ["1999", null],
    ["2101", null],
    ["2026-01", null],
    ["2026-Q1", null],
    ["20266", null],
    ["năm 2026", null],
    ["", null],
    [null, null],
  ])("parseYear(%j) = %j", (text, expected) => {
    expect(parseYear(text)).toBe(expected);
  });

  it("lists the twelve months and four quarters", () => {
    const k = yearPeriodKeys(2026);
    expect(k.months).toHaveLength(12);
    expect([k.months[0], k.months[11], k.quarters[0], k.quarters[3]]).toEqual(["2026-01", "2026-12", "2026-Q1", "2026-Q4"]);
  });

  it.each([
    // today, year, reminder due
    ["2026-03-10", 2026, null],
    ["2026-11-30", 2026, null],
    ["2026-12-01", 2026, "12-01"],
    ["2026-12-05", 2026, "12-01"], // a job that missed 1/12 still sends it
    ["2026-12-09", 2026, "12-01"],
    ["2026-12-10", 2026, "12-10"],
    ["2026-12-14", 2026, "12-10"],
    ["2026-12-31", 2026, "12-10"],
    ["2027-01-02", 2026, null], // another year: nothing
    ["2026-12-01", 2027, null],
  ])("on %s the reminder for %i is %j", (today, y, expected) => {
    expect(reminderDue(today, y)).toBe(expected);
  });

  it.each([
    ["2026-03-10", 2026, true],
    ["2026-11-30", 2026, true],
    ["2026-12-01", 2026, false],
    ["2026-12-14", 2026, false],
    ["2027-01-05", 2026, false],
    ["2025-12-20", 2026, true],
  ])("finalising on %s for %i is early: %j", (today, y, expected) => {
    expect(isEarly(today, y)).toBe(expected);
  });
});

describe("bands, caps and the 20% rule", () => {
  it.each<[Band, Band, Band, boolean]>([
    ["excellent", "good", "good", true],
    ["good", "excellent", "good", false],
    ["completed", "completed", "completed", false],
    ["failed", "completed", "failed", false],
  ])("lower(%s, %s) = %s; %s above the other: %j", (a, b, lower, above) => {
    expect(lowerBand(a, b)).toBe(lower);
    expect(isAbove(a, b)).toBe(above);
  });

  it.each<[Band | null, boolean, boolean, Band | null, string | null]>([
    // score band, disciplined, absent 3–6 months → band, cap
    ["excellent", false, false, "excellent", null],
    ["excellent", true, false, "failed", "disciplined"],
    ["good", true, false, "failed", "disciplined"],
    [null, true, false, "failed", "disciplined"], // a discipline rates the year even before any points
    ["excellent", false, true, "completed", "absent"],
    ["good", false, true, "completed", "absent"],
    ["completed", false, true, "completed", null], // already at the cap: nothing to lower
    ["failed", false, true, "failed", null],
    ["excellent", true, true, "failed", "disciplined"], // the heavier cap wins
    [null, false, true, null, null],
  ])("%s, disciplined %j, away %j → %s (%s)", (score, disciplined, absent, band, cap) => {
    expect(cappedBand(score, { disciplined, absent })).toEqual({ band, cap });
  });

  it.each<[number, number, number, boolean]>([
    // excellent, good → allowed, exceeded
    [0, 0, 0, false],
    [1, 0, 0, true],
    [1, 4, 0, true],
    [1, 5, 1, false],
    [2, 9, 1, true],
    [2, 10, 2, false],
    [3, 10, 2, true],
  ])("%i xuất sắc with %i tốt: at most %i, exceeded %j", (excellent, good, allowed, exceeded) => {
    const bands: Band[] = [...Array<Band>(excellent).fill("excellent"), ...Array<Band>(good).fill("good"), "completed", "failed"];
    expect(excellenceRule([...bands, null])).toEqual({ excellent, good, allowed, exceeded });
  });
});

describe("the year's figures", () => {
  const FULL = pts(7.5, 7.5, 7.5, 7.5);

  it.each<[string, PeriodResult[], "month" | "quarter" | null, string[], number | null]>([
    ["finalised months only; drafts do not count", [period("2026-01", "finalised", 60, FULL), period("2026-02", "finalised", 70, FULL), period("2026-03", "draft")], "month", ["2026-01", "2026-02"], 65],
    ["months win over quarters", [period("2026-02", "finalised", 50, FULL), period("2026-Q1", "finalised", 70, FULL)], "month", ["2026-02"], 50],
    ["quarters when no month is finalised", [period("2026-01", "draft"), period("2026-Q1", "finalised", 56, FULL), period("2026-Q2", "finalised", 63, FULL)], "quarter", ["2026-Q1", "2026-Q2"], 59.5],
    ["nothing finalised", [period("2026-01", "draft"), period("2026-Q1", "none")], null, [], null],
  ])("%s", (_label, periods, basis, counted, taskPoints) => {
    const r = evaluateYear(year({ periods }));
    expect(r.basis).toBe(basis);
    expect(r.counted).toEqual(counted);
    expect(r.taskPoints).toBe(taskPoints);
  });

  it("uses the periods' mean general points until the evaluator scores the year (provisional: the mean of the totals)", () => {
    const periods = [period("2026-01", "finalised", 60, pts(7.5, 7, 6, 6.5)), period("2026-02", "finalised", 64, pts(7.5, 7.5, 7, 7))];
    const r = evaluateYear(year({ periods, general: { ...NONE, political: 7.5 } }));
    expect([r.generalSource, r.provisional, r.missing]).toEqual(["periods", true, ["general"]]);
    expect(r.periodGeneral).toEqual(pts(7.5, 7.25, 6.5, 6.75));
    expect(r.generalPoints).toBe(28);
    expect(r.total).toBe(90); // (87 + 93) / 2
    expect(r.periodTotal).toBe(90);
    expect(r.band).toBe("excellent");
  });

  it("takes the evaluator's points for the year once all four are entered", () => {
    const periods = [period("2026-01", "finalised", 60, FULL), period("2026-02", "finalised", 64, FULL)];
    const r = evaluateYear(year({ periods, general: pts(7.5, 7, 6, 6.5) }));
    expect([r.generalSource, r.provisional, r.missing]).toEqual(["evaluator", false, []]);
    expect([r.taskPoints, r.generalPoints, r.total, r.band]).toEqual([62, 27, 89, "good"]);
    expect(r.periodTotal).toBe(92); // for information
  });

  it("reads the band from the exact total: 64.1667 + 25.83 = 89.9967 is tốt, shown 89,99 with parts adding up", () => {
    // Three months whose task points average 64.1667.
    const periods = [period("2026-01", "finalised", 64.5, FULL), period("2026-02", "finalised", 64, FULL), period("2026-03", "finalised", 64, FULL)];
    const r = evaluateYear(year({ periods, general: pts(7.5, 7.5, 5.83, 5) }));
    expect(r.taskPoints).toBeCloseTo(64.1667, 4);
    expect(r.total).toBeCloseTo(89.9967, 4);
    expect(r.band).toBe("good");
    expect(r.shown).toMatchObject({ taskPoints: 64.16, generalPoints: 25.83, total: 89.99 });
    expect(r.shown.taskPoints! + r.shown.generalPoints!).toBeCloseTo(r.shown.total!, 9);
  });

  it.each<[string, Partial<AnnualInput>, Band | null, Band | null, string | null, Band | null, string | null]>([
    // label, input, score band, final band, cap, chosen, chosen outcome
    ["as the points give", {}, "excellent", "excellent", null, null, null],
    ["disciplined in the year", { disciplined: true }, "excellent", "failed", "disciplined", null, null],
    ["away 3 to 6 months", { absent: true }, "excellent", "completed", "absent", null, null],
    ["a lower band chosen (20% rule)", { chosenBand: "good" }, "excellent", "good", null, "good", "applied"],
    ["a higher band chosen is ignored", { absent: true, chosenBand: "good" }, "excellent", "completed", "absent", "good", "ignored"],
    ["a lower band below a cap", { absent: true, chosenBand: "failed" }, "excellent", "failed", "absent", "failed", "applied"],
  ])("%s", (_label, over, scoreBand, band, cap, chosenBand, chosen) => {
    const periods = [period("2026-02", "finalised", 65, FULL)];
    const r = evaluateYear(year({ periods, general: FULL, ...over, chosenBand }));
    expect([r.scoreBand, r.band, r.cap, r.chosen]).toEqual([scoreBand, band, cap, chosen]);
  });

  it("has no band and nothing to finalise on without a finalised period (unless disciplined)", () => {
    const none = evaluateYear(year({ periods: [period("2026-02", "draft")], general: FULL }));
    expect([none.total, none.band, none.missing]).toEqual([null, null, ["periods"]]);
    expect(evaluateYear(year({ periods: [], general: FULL, disciplined: true })).band).toBe("failed");
  });
});

describe("the evaluator's form for the year", () => {
  const form = (over: Record<string, string> = {}) => ({
    intent: "yearAssessment",
    version: "0",
    political: "7,5",
    ethics: "7,5",
    style: "7,5",
    discipline: "7,5",
    ...over,
  });
  const errors = (over: Record<string, string>) => {
    const r = yearAssessmentSchema.safeParse(form(over));
    return r.success ? {} : Object.fromEntries(r.error.issues.map((i) => [i.path.join("."), i.message]));
  };

  it.each<[string, Record<string, string>, Record<string, string>]>([
    ["full points need no justification", {}, {}],
    ["points taken off need a justification", { style: "6" }, { styleNote: "justificationRequired" }],
    ["a discipline needs its decision", { disciplined: "on" }, { disciplinedNote: "disciplinedNoteRequired" }],
    ["time away needs its dates", { absent: "on" }, { absentNote: "absentNoteRequired" }],
    ["a lower band needs its reason", { chosenBand: "good" }, { chosenBandNote: "chosenBandNoteRequired" }],
    ["a band that is not one", { chosenBand: "best", chosenBandNote: "Lý do." }, { chosenBand: "invalidChoice" }],
    ["points out of range", { political: "8" }, { political: "pointsRange|7.5" }],
  ])("%s", (_label, over, expected) => {
    expect(errors(over)).toEqual(expected);
  });

  it("reads an empty band choice as 'as the points give'", () => {
    const r = yearAssessmentSchema.parse(form({ chosenBand: "" }));
    expect(r.chosenBand).toBeNull();
    expect(yearAssessmentSchema.parse(form({ chosenBand: "good", chosenBandNote: "Bảo đảm tỷ lệ 20%." })).chosenBand).toBe("good");
  });
});
