import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { memberOf } from "../helpers/db";
import { signIn, startSignedIn, shown, type Client, type TestServer } from "../helpers/server";

// Seeded at Tuesday 10/03/2026 08:00; four months of tasks, three months of check-ins.
let srv: TestServer;
let director: Client;
beforeEach(async () => ({ srv, client: director } = await startSignedIn("tuky.giamdoc")));
afterEach(() => srv.close());

const text = async (c: Client, path: string) => (await c.fetch(path)).text();
const cell = (html: string, id: string) => new RegExp(`data-testid="${id}"[^>]*>([^<]*)<`).exec(html)?.[1];

describe("person view", () => {
  it("shows a member's tasks, attendance and duty for a period with figures from the data", async () => {
    const lan = await memberOf(srv.db, "tuky.canbo01");
    const html = await text(director, `/o/tu-ky/people/${lan.membershipId}?period=2026-Q1`);
    expect(html).toContain("Hoàng Thị Lan");
    expect(html).toContain("Kết quả công việc trong kỳ");
    expect(html).toContain("Chấp hành giờ giấc trong kỳ");
    expect(html).toContain("Xu hướng 12 tháng");
    // The on-time rate is the share of tasks completed in the period that were early or on time.
    const done = await srv.db
      .selectFrom("tasks")
      .select(["timeliness"])
      .where("assignee_id", "=", lan.membershipId)
      .where("status", "=", "done")
      .where("completed_at", ">=", "2025-12-31T17:00:00Z")
      .where("completed_at", "<", "2026-03-31T17:00:00Z")
      .execute();
    const expected = done.length ? `${Math.round((done.filter((d) => d.timeliness !== "late").length / done.length) * 1000) / 10}%` : "—";
    expect(cell(html, "on-time-rate")).toBe(expected);
  });

  it("lets staff see only their own view; inspectors see attendance but not tasks of others", async () => {
    const clerk = await signIn(srv, "tuky.canbo02");
    const me = await clerk.fetch("/o/tu-ky/me");
    expect(me.status).toBe(200);
    expect(await me.text()).toContain("Vũ Đức Minh");
    const other = await memberOf(srv.db, "tuky.canbo01");
    expect((await clerk.fetch(`/o/tu-ky/people/${other.membershipId}`)).status).toBe(404);
    const inspector = await signIn(srv, "tuky.kiemtra");
    const seen = await text(inspector, `/o/tu-ky/people/${other.membershipId}`);
    expect(seen).toContain("Chấp hành giờ giấc trong kỳ");
    expect(shown(seen)).not.toContain("Kết quả công việc trong kỳ");
  });

  it("the staff list links each member to their view", async () => {
    const html = await text(director, "/o/tu-ky/staff");
    const lan = await memberOf(srv.db, "tuky.canbo01");
    expect(html).toContain(`/o/tu-ky/people/${lan.membershipId}`);
  });
});

describe("dashboards", () => {
  it("gives the director today, tiles, trends and a comparison that agrees with each person view", async () => {
    const html = await text(director, "/o/tu-ky");
    for (const s of ["Hôm nay", "Công việc quá hạn", "Đến hạn trong tuần", "Tỷ lệ việc đúng hạn", "Tỷ lệ đi làm đúng giờ", "So sánh theo cán bộ"]) {
      expect(html, s).toContain(s);
    }
    const lan = await memberOf(srv.db, "tuky.canbo01");
    const inTable = cell(html, `rate-${lan.membershipId}`);
    const person = await text(director, `/o/tu-ky/people/${lan.membershipId}?period=2026-03`);
    expect(cell(person, "on-time-rate")).toBe(inTable);
  });

  it("sorts the comparison by a column", async () => {
    const lateColumn = (html: string) => {
      const table = html.slice(html.indexOf("So sánh theo cán bộ"));
      const body = table.slice(table.indexOf("<tbody>"), table.indexOf("</tbody>"));
      return [...body.matchAll(/<tr>([\s\S]*?)<\/tr>/g)].map((row) => {
        const cells = [...row[1]!.matchAll(/<td[^>]*>([\s\S]*?)<\/td>/g)].map((c) => c[1]!.replace(/<[^>]+>/g, ""));
        return Number(cells[5]);
      });
    };
    const desc = lateColumn(await text(director, "/o/tu-ky?sort=late&dir=desc"));
    const asc = lateColumn(await text(director, "/o/tu-ky?sort=late&dir=asc"));
    expect(desc.length).toBeGreaterThan(10);
    expect(desc).toEqual([...desc].sort((a, b) => b - a));
    expect(asc).toEqual([...asc].sort((a, b) => a - b));
    expect(desc[0]).toBeGreaterThan(desc[desc.length - 1]!);
  });

  it("gives staff their own day and no centre figures", async () => {
    const clerk = await signIn(srv, "tuky.canbo02");
    const html = await text(clerk, "/o/tu-ky");
    expect(html).toContain("Việc của tôi hôm nay");
    expect(shown(html)).not.toContain("So sánh theo cán bộ");
  });
});
