import { describe, expect, it } from "vitest";
import { BUILTIN_ITEMS } from "../../app/modules/inspections/checklist";
import {
  actionAllowed,
  dueDateError,
  formatScore,
  inspectionAllowed,
  instantToVnLocal,
  isActionOverdue,
  planTemplateSave,
  quickOutcomes,
  scoreOf,
  seesEveryone,
  tallyOf,
  templateItemErrors,
  vnLocalToInstant,
  type InspectionRelation,
  type Outcome,
  type TemplateItemEdit,
} from "../../app/modules/inspections/rules";
import { templateSchema } from "../../app/modules/inspections/schema";

const r = (outcome: Outcome, weight = 1) => ({ outcome, weight });

describe("the built-in checklist", () => {
  it("has C01–C15 in order, each with a Vietnamese text, a basis and weight 1", () => {
    expect(BUILTIN_ITEMS.map((i) => i.code)).toEqual(Array.from({ length: 15 }, (_, i) => `C${String(i + 1).padStart(2, "0")}`));
    for (const i of BUILTIN_ITEMS) {
      expect(i.text.length).toBeGreaterThan(10);
      expect(i.basis.length).toBeGreaterThan(5);
      expect(i.weight).toBe(1);
    }
    expect(BUILTIN_ITEMS.find((i) => i.code === "C03")!.text).toContain("thẻ công chức");
    expect(BUILTIN_ITEMS.find((i) => i.code === "C03")!.basis).toContain("QĐ 06/2008/QĐ-BNV");
  });
});

describe("scoreOf: the share of applicable items passed, by weight", () => {
  it("is 100 when everything applicable passed", () => {
    expect(scoreOf([r("pass"), r("pass"), r("na")])).toBe(100);
  });

  it("is 0 when everything applicable failed", () => {
    expect(scoreOf([r("fail"), r("fail"), r("na")])).toBe(0);
  });

  it("counts one failure among the 15 standard items as 14/15", () => {
    const results = BUILTIN_ITEMS.map((i) => r(i.code === "C03" ? "fail" : "pass", i.weight));
    expect(scoreOf(results)).toBeCloseTo((14 / 15) * 100, 10);
    expect(formatScore(scoreOf(results))).toBe("93");
  });

  it("weighs items: failing a weight-2 item costs twice as much", () => {
    expect(scoreOf([r("pass", 1), r("pass", 1), r("fail", 2)])).toBe(50);
    expect(scoreOf([r("fail", 1), r("pass", 1), r("pass", 2)])).toBe(75);
  });

  it("leaves out items that do not apply, whatever their weight", () => {
    expect(scoreOf([r("pass"), r("fail"), r("na", 10)])).toBe(50);
  });

  it("has no score when no item applies (not the same as 0)", () => {
    expect(scoreOf([r("na"), r("na")])).toBeNull();
    expect(scoreOf([])).toBeNull();
    expect(formatScore(null)).toBe("—");
  });

  it("stays between 0 and 100 for any mix", () => {
    const outcomes: Outcome[] = ["pass", "fail", "na"];
    for (let seed = 1; seed < 200; seed++) {
      const results = Array.from({ length: (seed % 17) + 1 }, (_, i) => r(outcomes[(seed * 7 + i * 13) % 3]!, ((seed + i) % 4) + 1));
      const s = scoreOf(results);
      if (s !== null) {
        expect(s).toBeGreaterThanOrEqual(0);
        expect(s).toBeLessThanOrEqual(100);
      }
    }
  });

  it("tallies counts with the score", () => {
    expect(tallyOf([r("pass"), r("fail"), r("na"), r("pass")])).toEqual({ score: (2 / 3) * 100, pass: 2, fail: 1, na: 1 });
  });
});

describe("quick mode: everything passes but what was tapped", () => {
  it("defaults to pass and fails only the tapped items of the tapped member", () => {
    const out = quickOutcomes(["lan", "minh"], ["C01", "C03", "C11"], { minh: { C03: "on" }, nobody: { C01: "on" } });
    expect(out).toHaveLength(6);
    expect(out.filter((o) => o.outcome === "fail")).toEqual([{ membershipId: "minh", itemId: "C03", outcome: "fail" }]);
    expect(quickOutcomes(["lan"], ["C01"], undefined)).toEqual([{ membershipId: "lan", itemId: "C01", outcome: "pass" }]);
  });
});

describe("who may do what with an inspection", () => {
  const rel = (over: Partial<InspectionRelation>): InspectionRelation => ({ inspector: false, viewAll: false, conduct: false, inspected: false, ...over });
  const inspector = rel({ inspector: true, viewAll: true, conduct: true });
  const otherInspector = rel({ viewAll: true, conduct: true });
  const inspectedStaff = rel({ inspected: true });
  const otherStaff = rel({});

  it("keeps a draft from the people inspected until it is submitted", () => {
    expect(inspectionAllowed("view", "draft", inspector)).toBe(true);
    expect(inspectionAllowed("view", "draft", otherInspector)).toBe(true);
    expect(inspectionAllowed("view", "draft", inspectedStaff)).toBe(false);
    expect(inspectionAllowed("view", "submitted", inspectedStaff)).toBe(true);
    expect(inspectionAllowed("view", "submitted", otherStaff)).toBe(false);
  });

  it("lets only its inspector edit, submit or delete a draft", () => {
    for (const a of ["edit", "submit", "delete"] as const) {
      expect(inspectionAllowed(a, "draft", inspector)).toBe(true);
      expect(inspectionAllowed(a, "draft", otherInspector)).toBe(false);
      expect(inspectionAllowed(a, "submitted", inspector)).toBe(false);
      expect(inspectionAllowed(a, "draft", rel({ inspector: true }))).toBe(false); // lost the role
    }
  });

  it("never edits a submitted inspection; inspectors amend it and manage corrective actions", () => {
    for (const a of ["amend", "raiseAction", "verifyAction"] as const) {
      expect(inspectionAllowed(a, "submitted", otherInspector)).toBe(true);
      expect(inspectionAllowed(a, "draft", inspector)).toBe(false);
      expect(inspectionAllowed(a, "submitted", inspectedStaff)).toBe(false);
    }
  });

  it("shows staff only their own part", () => {
    expect(seesEveryone(inspectedStaff)).toBe(false);
    expect(seesEveryone(otherInspector)).toBe(true);
    expect(seesEveryone(rel({ inspector: true }))).toBe(true);
  });
});

describe("corrective actions", () => {
  it("lets the member explain and the inspector conclude while it is pending", () => {
    expect(actionAllowed("explain", "open", { member: true, conduct: false })).toBe(true);
    expect(actionAllowed("explain", "explained", { member: true, conduct: false })).toBe(true);
    expect(actionAllowed("explain", "open", { member: false, conduct: true })).toBe(false);
    expect(actionAllowed("verify", "open", { member: false, conduct: true })).toBe(true);
    expect(actionAllowed("verify", "explained", { member: false, conduct: true })).toBe(true);
    expect(actionAllowed("verify", "open", { member: true, conduct: false })).toBe(false);
    for (const closed of ["resolved", "unresolved"] as const) {
      expect(actionAllowed("explain", closed, { member: true, conduct: true })).toBe(false);
      expect(actionAllowed("verify", closed, { member: true, conduct: true })).toBe(false);
    }
  });

  it("is overdue only while it waits for the member after its due date", () => {
    expect(isActionOverdue({ status: "open", due_date: "2026-03-09" }, "2026-03-10")).toBe(true);
    expect(isActionOverdue({ status: "open", due_date: "2026-03-10" }, "2026-03-10")).toBe(false); // due today
    expect(isActionOverdue({ status: "explained", due_date: "2026-03-01" }, "2026-03-10")).toBe(false);
    expect(isActionOverdue({ status: "resolved", due_date: "2026-03-01" }, "2026-03-10")).toBe(false);
  });

  it("accepts a due date from today to 180 days ahead", () => {
    expect(dueDateError("2026-03-10", "2026-03-10")).toBeNull();
    expect(dueDateError("2026-03-09", "2026-03-10")).toBe("dueInPast");
    expect(dueDateError("2026-09-06", "2026-03-10")).toBeNull();
    expect(dueDateError("2026-09-07", "2026-03-10")).toBe("dueTooFar");
  });
});

describe("template versions", () => {
  const current = BUILTIN_ITEMS.slice(0, 3).map((i, n) => ({ id: `id${n}`, ...i, sort_order: n + 1 }));
  const asEdits = () => current.map((c) => ({ id: c.id, code: c.code, text: c.text, basis: c.basis, weight: c.weight, order: c.sort_order }));

  it("does nothing when nothing changed", () => {
    expect(planTemplateSave(current, asEdits(), true)).toEqual({ changed: false, newVersion: false, items: [] });
    expect(planTemplateSave(current, [...asEdits(), { code: "", text: "", basis: "", weight: 1, remove: true }], false).changed).toBe(false);
  });

  it("writes a new version when a used template changes, so old inspections keep their items", () => {
    const edits = asEdits();
    edits[1]!.weight = 2;
    const plan = planTemplateSave(current, edits, true);
    expect(plan.changed).toBe(true);
    expect(plan.newVersion).toBe(true);
    expect(plan.items.every((i) => i.id === undefined)).toBe(true);
    expect(plan.items.map((i) => i.weight)).toEqual([1, 2, 1]);
  });

  it("edits in place when no inspection used the template yet", () => {
    const edits = asEdits();
    edits[0]!.text = "Có mặt tại quầy đúng giờ";
    const plan = planTemplateSave(current, edits, false);
    expect(plan).toMatchObject({ changed: true, newVersion: false });
    expect(plan.items.map((i) => i.id)).toEqual(["id0", "id1", "id2"]);
  });

  it("removes, adds and reorders by the order column, numbering from 1", () => {
    const edits: TemplateItemEdit[] = [...asEdits(), { code: "C16", text: "Giữ vệ sinh tại quầy", basis: "Nội quy", weight: 1, order: 0 }];
    edits[2]!.remove = true;
    const plan = planTemplateSave(current, edits, true);
    expect(plan.items.map((i) => [i.code, i.sort_order])).toEqual([
      ["C16", 1],
      ["C01", 2],
      ["C02", 3],
    ]);
  });

  it("checks codes and texts row by row", () => {
    expect(
      templateItemErrors([
        { code: "C01", text: "Có mặt tại quầy" },
        { code: "c01", text: "Trùng mã" },
        { code: "C.2", text: "Mã có dấu chấm" },
        { code: "", text: "Thiếu mã" },
        { code: "C05", text: "ab" },
        { code: "", text: "" }, // an empty new row is ignored
        { code: "C01", text: "Bỏ đi", remove: true },
      ]),
    ).toEqual({
      "items[1].code": "itemCodeTaken",
      "items[2].code": "itemCodeFormat",
      "items[3].code": "required",
      "items[4].text": "itemTextRequired",
    });
    expect(templateItemErrors([{ code: "C01", text: "Có mặt", remove: true }])).toEqual({ items: "itemsRequired" });
  });

  it("refuses weights outside 1–10 in the form", () => {
    const res = templateSchema.safeParse({ intent: "save", name: "Bộ tiêu chí", version: 1, items: [{ code: "C01", text: "Có mặt tại quầy", weight: 11 }] });
    expect(res.success).toBe(false);
    expect(res.error!.issues[0]!.message).toBe("weightFormat");
  });
});

describe("inspection time in Vietnam", () => {
  it("reads a datetime-local value as Vietnam time and writes it back", () => {
    expect(vnLocalToInstant("2026-03-10T08:15")!.toISOString()).toBe("2026-03-10T01:15:00.000Z");
    expect(instantToVnLocal(new Date("2026-03-09T17:30:00Z"))).toBe("2026-03-10T00:30");
  });

  it("refuses impossible dates and other formats", () => {
    expect(vnLocalToInstant("2026-02-31T08:00")).toBeNull();
    expect(vnLocalToInstant("2026-03-10 08:00")).toBeNull();
    expect(vnLocalToInstant("2026-03-10T24:00")).toBeNull();
  });
});
