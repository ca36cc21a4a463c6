import { randomUUID } from "node:crypto";
import type { NotificationKind } from "../schema";
import type { SeedContext } from "./index";

// A handful of read and unread notifications for the demo accounts of tu-ky, pointing at real
// records of the seed, so the bell has something to show.
export async function seedNotifications(s: SeedContext): Promise<void> {
  const orgId = s.orgs["tu-ky"]!.id;
  const m = (u: string) => s.members[u]!.membershipId;
  const [task, roster, leave] = await Promise.all([
    s.db.selectFrom("tasks").select(["id", "title", "assignee_id", "deadline_date"]).where("org_id", "=", orgId).where("status", "in", ["assigned", "in_progress"]).where("assignee_id", "=", m("tuky.canbo01")).orderBy("deadline_at").executeTakeFirst(),
    s.db.selectFrom("rosters").select(["id", "title"]).where("org_id", "=", orgId).where("status", "=", "published").orderBy("start_date", "desc").executeTakeFirst(),
    s.db.selectFrom("leave_requests").select(["id", "membership_id", "start_date", "end_date", "status"]).where("org_id", "=", orgId).where("status", "in", ["approved", "refused"]).orderBy("start_date", "desc").executeTakeFirst(),
  ]);
  const at = (hoursAgo: number) => new Date(s.now.getTime() - hoursAgo * 3600_000).toISOString();
  const dmy = (d: string | null) => (d ? d.split("-").reverse().join("/") : "");
  const rows: { membership: string; kind: NotificationKind; params: Record<string, string | number>; link: string; hoursAgo: number; read: boolean }[] = [];
  if (task) {
    rows.push({ membership: m("tuky.canbo01"), kind: "taskAssigned", params: { actor: "Nguyễn Văn Hùng", title: task.title, deadline: dmy(task.deadline_date) }, link: `/o/tu-ky/tasks/${task.id}`, hoursAgo: 30, read: true });
    rows.push({ membership: m("tuky.canbo01"), kind: "deadlineTomorrow", params: { title: task.title, deadline: dmy(task.deadline_date) }, link: `/o/tu-ky/tasks/${task.id}`, hoursAgo: 2, read: false });
  }
  if (roster) {
    for (const u of ["tuky.canbo01", "tuky.canbo02", "tuky.phogiamdoc"]) {
      rows.push({ membership: m(u), kind: "rosterPublished", params: { title: roster.title, n: 2 }, link: `/o/tu-ky/rosters/${roster.id}`, hoursAgo: 72, read: u !== "tuky.canbo02" });
    }
  }
  if (leave) {
    rows.push({ membership: leave.membership_id, kind: "leaveDecided", params: { from: dmy(leave.start_date), to: dmy(leave.end_date), decision: leave.status }, link: "/o/tu-ky/leave", hoursAgo: 50, read: true });
  }
  rows.push({ membership: m("tuky.giamdoc"), kind: "digest", params: { date: dmy(s.now.toISOString().slice(0, 10)), absent: 1, overdue: 3, findings: 2 }, link: "/o/tu-ky", hoursAgo: 1, read: false });
  if (rows.length === 0) return;
  await s.db
    .insertInto("notifications")
    .values(
      rows.map((r) => ({
        id: randomUUID(),
        org_id: orgId,
        membership_id: r.membership,
        kind: r.kind,
        params: JSON.stringify(r.params),
        link: r.link,
        dedupe_key: null,
        read_at: r.read ? at(r.hoursAgo - 1) : null,
        created_at: at(r.hoursAgo),
      })),
    )
    .execute();
}
