import { randomUUID } from "node:crypto";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { DB } from "../../db/schema";
import { centreInspectionSummary, monthlyPassRates } from "~/modules/inspections/summary.server";
import { centreDashboard } from "~/modules/people/dashboard.server";
import { lastTwelveMonths } from "~/modules/people/period";
import { preparedTaskFigures, prepareTasks } from "~/modules/people/people.server";
import { completedPerMonth, overduePerAssignee, taskFigureRows } from "~/modules/tasks/queries.server";
import { addDays, vnDateOf } from "~/utils/dates";
import { freshDb, memberOf } from "../helpers/db";

// The director's dashboard counts the tasks completed per month (in Vietnam time, UTC+7) and the
// overdue ones in the database (completedPerMonth, overduePerAssignee) instead of reading a year of
// tasks: the counts must equal the old computation — taskFigureRows, prepareTasks and
// preparedTaskFigures for each month and member — including at the months' bounds.
let db: DB;
beforeEach(() => {
  db = freshDb();
});
afterEach(() => db.destroy());

const monthEnd = (month: string) => new Date(Date.UTC(Number(month.slice(0, 4)), Number(month.slice(5)), 0)).toISOString().slice(0, 10);
const NOW = new Date("2026-03-10T01:00:00.000Z"); // Tuesday 10/03/2026 08:00 in Vietnam

async function addTasks(orgId: string, assigner: string, assignees: (string | null)[]) {
  const at = "2025-12-01T00:00:00.000Z";
  // Instants on both sides of the Vietnamese months' bounds: 17:00 UTC is midnight in Vietnam.
  const done = [
    ["2026-01-31T16:59:59.999Z", "early"], // 31/01 23:59:59 — January
    ["2026-01-31T17:00:00.000Z", "on_time"], // 01/02 00:00 — February
    ["2026-02-28T16:59:59.999Z", "late"], // 28/02 23:59:59 — February
    ["2026-02-28T17:00:00.000Z", "late"], // 01/03 00:00 — March
    ["2025-03-31T17:00:00.000Z", "on_time"], // 01/04/2025 — the first of the twelve months
    ["2025-03-31T16:59:59.999Z", "early"], // 31/03/2025 — before them
    ["2026-03-09T23:00:00.000Z", "early"], // 10/03 06:00 — today
    ["2026-03-10T00:30:00.000Z", null], // today, no timeliness
  ] as const;
  const rows: Parameters<ReturnType<DB["insertInto"]>["values"]>[0][] = [];
  const base = (assignee: string | null, i: number) => ({
    id: randomUUID(),
    org_id: orgId,
    title: `Task ${i}`,
    title_search: `task ${i}`,
    assigner_id: assigner,
    assignee_id: assignee,
    assigned_at: at,
    created_at: at,
    updated_at: at,
  });
  let i = 0;
  for (const a of assignees) {
    for (const [completed, timeliness] of done) {
      rows.push({ ...base(a, i++), status: "done", completed_at: completed, timeliness, timeliness_original: timeliness, deadline_at: "2026-01-31T10:00:59.999Z" });
    }
    // Cancelled with a completion instant: never counted as completed.
    rows.push({ ...base(a, i++), status: "cancelled", completed_at: "2026-02-10T03:00:00.000Z", timeliness: "early", deadline_at: "2026-02-01T10:00:59.999Z" });
    // Owed past the deadline; owed past a missed deadline (extended later); owed with the deadline ahead.
    rows.push({ ...base(a, i++), status: "in_progress", deadline_at: "2026-03-09T10:00:59.999Z" });
    rows.push({ ...base(a, i++), status: "returned", deadline_at: "2026-03-20T10:00:59.999Z", missed_deadline_at: "2026-03-05T10:00:59.999Z", extension_count: 1 });
    rows.push({ ...base(a, i++), status: "assigned", deadline_at: "2026-03-10T01:00:00.000Z" });
    // Submitted after the deadline: waiting for approval, not overdue.
    rows.push({ ...base(a, i++), status: "submitted", deadline_at: "2026-03-01T10:00:59.999Z", submitted_at: "2026-03-02T03:00:00.000Z" });
  }
  // One row at a time: the columns left out take their defaults.
  for (const r of rows) await db.insertInto("tasks").values(r as never).execute();
}

describe("tasks counted per month by the database", () => {
  it("equal the old computation from the task rows, per member and for the centre, at the months' bounds", async () => {
    const boss = await memberOf(db, "tuky.giamdoc");
    const a = await memberOf(db, "tuky.canbo01");
    const b = await memberOf(db, "tuky.canbo02");
    const today = vnDateOf(NOW);
    const months = lastTwelveMonths(today);
    const [seeded, seededOverdue] = await Promise.all([completedPerMonth(db, boss.orgId, months), overduePerAssignee(db, boss.orgId, NOW)]);
    await addTasks(boss.orgId, boss.membershipId, [a.membershipId, b.membershipId, null]);

    const [counts, overdue] = await Promise.all([completedPerMonth(db, boss.orgId, months), overduePerAssignee(db, boss.orgId, NOW)]);
    // The old way: a year of task rows, parsed, then figures per month and member.
    const rows = await taskFigureRows(db, boss.orgId, `${addDays(`${months[0]}-01`, -1)}T00:00:00Z`);
    const prepared = prepareTasks(rows, NOW);
    const of = (member: string | undefined) => prepared.filter((_, i) => member === undefined || (rows[i]!.assignee_id ?? "") === member);
    for (const member of [a.membershipId, b.membershipId, "", undefined]) {
      for (const month of months) {
        const old = preparedTaskFigures(of(member), `${month}-01`, monthEnd(month));
        const got =
          member === undefined
            ? [...counts.values()].reduce((s, m) => ({ completed: s.completed + (m.get(month)?.completed ?? 0), onTime: s.onTime + (m.get(month)?.onTime ?? 0) }), { completed: 0, onTime: 0 })
            : (counts.get(member)?.get(month) ?? { completed: 0, onTime: 0 });
        expect({ member, month, completed: got.completed, onTime: got.onTime }).toEqual({ member, month, completed: old.completed, onTime: old.early + old.onTime });
      }
      const oldOverdue = preparedTaskFigures(of(member), today, today).overdue;
      const gotOverdue = member === undefined ? [...overdue.values()].reduce((s, n) => s + n, 0) : (overdue.get(member) ?? 0);
      expect({ member, overdue: gotOverdue }).toEqual({ member, overdue: oldOverdue });
    }
    // The bounds themselves (what the added tasks add to the seeded ones): January has the
    // 23:59:59 completion, February the midnight one and the 28th's 23:59:59, March the 1st's midnight.
    const added = (month: string) => {
      const now = counts.get(a.membershipId)?.get(month) ?? { completed: 0, onTime: 0 };
      const before = seeded.get(a.membershipId)?.get(month) ?? { completed: 0, onTime: 0 };
      return { completed: now.completed - before.completed, onTime: now.onTime - before.onTime };
    };
    expect(added("2026-01")).toEqual({ completed: 1, onTime: 1 });
    expect(added("2026-02")).toEqual({ completed: 2, onTime: 1 });
    expect(added("2026-03")).toEqual({ completed: 3, onTime: 1 });
    expect(added("2025-04")).toEqual({ completed: 1, onTime: 1 });
    expect((overdue.get(a.membershipId) ?? 0) - (seededOverdue.get(a.membershipId) ?? 0)).toBe(2);

    // And the dashboard shows them: its trend, this and last month, and the per-person rows.
    const dash = await centreDashboard(db, boss.orgId, boss.membershipId, NOW);
    const centre = (month: string) => preparedTaskFigures(prepared, `${month}-01`, monthEnd(month));
    expect(dash.trend.map((t) => ({ month: t.month, onTimeRate: t.onTimeRate }))).toEqual(months.map((m) => ({ month: m, onTimeRate: centre(m).onTimeRate })));
    expect({ completed: dash.current.completed, onTimeRate: dash.current.onTimeRate, overdue: dash.current.overdue }).toEqual({
      completed: centre("2026-03").completed,
      onTimeRate: centre("2026-03").onTimeRate,
      overdue: centre("2026-03").overdue,
    });
    expect({ completed: dash.previous.completed, onTimeRate: dash.previous.onTimeRate }).toEqual({ completed: centre("2026-02").completed, onTimeRate: centre("2026-02").onTimeRate });
    for (const p of dash.people) {
      const old = preparedTaskFigures(of(p.membershipId), "2026-03-01", "2026-03-31");
      expect({ id: p.membershipId, completed: p.completed, onTimeRate: p.onTimeRate, overdue: p.overdue }).toEqual({ id: p.membershipId, completed: old.completed, onTimeRate: old.onTimeRate, overdue: old.overdue });
    }
  });
});

describe("inspection pass rates per month in one query", () => {
  it("equal each month's centreInspectionSummary, as the dashboard's tiles show them", async () => {
    const boss = await memberOf(db, "tuky.giamdoc");
    const months = lastTwelveMonths(vnDateOf(NOW));
    const rates = await monthlyPassRates(db, boss.orgId, `${months[0]}-01`, monthEnd(months[11]!));
    const summaries = await Promise.all(months.map((m) => centreInspectionSummary(db, boss.orgId, `${m}-01`, monthEnd(m), NOW)));
    expect(months.map((m) => rates.get(m) ?? null)).toEqual(summaries.map((x) => x.passRate));
    expect(summaries.some((x) => x.passRate !== null)).toBe(true);
    const dash = await centreDashboard(db, boss.orgId, boss.membershipId, NOW);
    expect([dash.current.inspectionPass, dash.previous.inspectionPass]).toEqual([summaries[11]!.passRate, summaries[10]!.passRate]);
  });
});
