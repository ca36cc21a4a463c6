import { randomUUID } from "node:crypto";
import { buildCalendar, official2026Overrides } from "../../app/modules/calendar/holidays";
import { parseRoles } from "../../app/modules/auth/permissions";
import { autoAssign, type Candidate, type SlotKind } from "../../app/modules/rosters/assign";
import { unavailableDates } from "../../app/modules/rosters/availability.server";
import { shiftWindow, slotKindsFor } from "../../app/modules/rosters/rosters.server";
import { addDays } from "../../app/utils/dates";
import type { SeedContext } from "./index";

// Demo duty rosters for tu-ky: the Tết 2026 roster (published, checked in, one shift missed) and
// the March 2026 weekend roster. Assigned by the same fair algorithm the app uses.

const cal = buildCalendar(2026, official2026Overrides);

interface RosterSpec {
  title: string;
  from: string;
  to: string;
  start: string;
  end: string;
  perDay: Record<SlotKind, number>;
  /** The one shift (by index into the filled slots) nobody checked in for. */
  missedIndex?: number;
}

async function seedRoster(s: SeedContext, orgId: string, spec: RosterSpec, candidates: Candidate[]) {
  const at = s.now.toISOString();
  const director = s.members["tuky.giamdoc"]!.membershipId;
  const id = randomUUID();
  const slots: { id: string; date: string; kind: SlotKind; position: number; weight: number }[] = [];
  for (let d = spec.from; d <= spec.to; d = addDays(d, 1)) {
    const kind = cal(d).kind;
    if (kind === "working" || kind === "makeup") continue;
    for (const k of ["leader", "staff", "security"] as SlotKind[]) {
      for (let p = 0; p < spec.perDay[k]; p++) slots.push({ id: randomUUID(), date: d, kind: k, position: p, weight: kind === "holiday" ? 2 : 1 });
    }
  }
  const result = autoAssign(
    slots.map((x) => ({ id: x.id, date: x.date, kind: x.kind, weight: x.weight, membershipId: null })),
    candidates,
  );
  const who = new Map(result.assignments.map((a) => [a.slotId, a.membershipId]));
  const publishedAt = new Date(Date.parse(`${spec.from}T01:00:00Z`) - 5 * 86400000);
  await s.db
    .insertInto("rosters")
    .values({
      id,
      org_id: orgId,
      title: spec.title,
      start_date: spec.from,
      end_date: spec.to,
      day_mode: "nonworking",
      status: "published",
      version: 3,
      created_by: director,
      published_at: publishedAt < s.now ? publishedAt.toISOString() : at,
      published_by: director,
      created_at: at,
      updated_at: at,
    })
    .execute();
  let filled = 0;
  const rows = slots.map((x) => {
    const member = who.get(x.id) ?? null;
    const window = shiftWindow({ date: x.date, start_time: spec.start, end_time: spec.end });
    const index = member ? filled++ : -1;
    const past = window.ends < s.now;
    const checkedIn = member && past && index !== spec.missedIndex ? new Date(window.starts.getTime() - (index % 4) * 60_000 + 120_000).toISOString() : null;
    return {
      id: x.id,
      org_id: orgId,
      roster_id: id,
      date: x.date,
      kind: x.kind,
      position: x.position,
      start_time: spec.start,
      end_time: spec.end,
      weight: x.weight,
      membership_id: member,
      confirmed_at: member && publishedAt < s.now ? new Date(publishedAt.getTime() + 86400000).toISOString() : null,
      checked_in_at: checkedIn,
      updated_at: at,
    };
  });
  for (let i = 0; i < rows.length; i += 200) await s.db.insertInto("roster_slots").values(rows.slice(i, i + 200)).execute();
  await s.db
    .insertInto("roster_changes")
    .values({ id: randomUUID(), org_id: orgId, roster_id: id, slot_id: null, actor_id: director, kind: "published", from_member: null, to_member: null, note: "", created_at: publishedAt < s.now ? publishedAt.toISOString() : at })
    .execute();
  // What this roster adds to everyone's yearly load, for the next roster's fairness.
  for (const c of candidates) {
    for (const r of rows) if (r.membership_id === c.membershipId) c.priorWeighted += r.weight;
  }
}

export async function seedRosters(s: SeedContext): Promise<void> {
  const orgId = s.orgs["tu-ky"]!.id;
  const members = await s.db
    .selectFrom("memberships as m")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["m.id", "m.roles", "u.full_name as name"])
    .where("m.org_id", "=", orgId)
    .where("m.active", "=", 1)
    .execute();
  const away = await unavailableDates(s.db, orgId, "2026-01-01", "2026-12-31");
  const candidates: Candidate[] = members
    .map((m) => ({ membershipId: m.id, name: m.name, kinds: slotKindsFor(parseRoles(m.roles)), priorWeighted: 0, lastDutyDate: null, unavailable: away.get(m.id) ?? [], active: true }))
    .filter((c) => c.kinds.length > 0);
  await seedRoster(
    s,
    orgId,
    { title: "Lịch trực Tết Nguyên đán Bính Ngọ 2026", from: "2026-02-14", to: "2026-02-22", start: "07:30", end: "16:30", perDay: { leader: 1, staff: 2, security: 0 }, missedIndex: 13 },
    candidates,
  );
  await seedRoster(
    s,
    orgId,
    { title: "Lịch trực tiếp nhận hồ sơ ngày nghỉ cuối tuần tháng 3/2026", from: "2026-03-01", to: "2026-03-31", start: "07:30", end: "11:30", perDay: { leader: 1, staff: 1, security: 0 } },
    candidates,
  );
}
