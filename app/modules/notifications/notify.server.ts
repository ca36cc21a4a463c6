import { randomUUID } from "node:crypto";
import type { Executor, NotificationKind } from "../../../db/schema";
import { fmt } from "../../i18n";
import { messages } from "../../i18n/messages.server";
import { centreSlug } from "../org/centre.server";
import { memberContacts } from "../org/members.server";

export type { NotificationKind };
export type Params = Record<string, string | number>;

/** The text of a notification in a language. */
export function notificationText(locale: string, kind: NotificationKind, params: Params): string {
  const t = messages(locale);
  // Words stored as keys, translated for the reader.
  const decisions = t.notifications.decisions as Record<string, string>;
  const roles = t.tasks.roleLabels as Record<string, string>;
  const p = { ...params };
  if (typeof p.decision === "string") p.decision = decisions[p.decision] ?? p.decision;
  if (typeof p.role === "string") p.role = (roles[p.role] ?? p.role).toLowerCase();
  const slotKinds = t.rosters.kind as Record<string, string>;
  if (typeof p.kind === "string" && kind === "shiftTomorrow") p.kind = (slotKinds[p.kind] ?? p.kind).toLowerCase();
  const leaveKinds = t.leave.kinds as Record<string, string>;
  if (typeof p.leaveKind === "string") p.leaveKind = (leaveKinds[p.leaveKind] ?? p.leaveKind).toLocaleLowerCase(locale === "en" ? "en" : "vi");
  const bands = t.evaluations.bands as Record<string, string>;
  if (typeof p.band === "string") p.band = bands[p.band] ?? p.band;
  return fmt(t.notifications.kinds[kind], p);
}

export interface NotifyInput {
  orgId: string;
  /** Membership ids; duplicates and the actor's own id (if passed as `except`) are dropped. */
  recipients: (string | null | undefined)[];
  except?: string;
  kind: NotificationKind;
  params: Params;
  /** Where it leads, inside the centre: "/tasks/<id>" becomes "/o/<slug>/tasks/<id>". */
  path: string;
  /** Set for scheduled reminders: the same key for the same member is never notified twice. */
  dedupeKey?: string;
  at: Date;
}

/**
 * Writes in-app notifications and, for each recipient's chosen channels that the centre has set up,
 * an outbox row — in the caller's transaction, so an event and its messages commit together.
 * Delivery happens later, outside any transaction (outbox.server.ts). Returns how many were new.
 */
export async function notify(db: Executor, n: NotifyInput): Promise<number> {
  const recipients = [...new Set(n.recipients.filter((r): r is string => Boolean(r) && r !== n.except))];
  if (recipients.length === 0) return 0;
  const [slug, org, contacts, channels] = await Promise.all([
    centreSlug(db, n.orgId),
    db.selectFrom("org_channels").selectAll().where("org_id", "=", n.orgId).executeTakeFirst(),
    memberContacts(db, n.orgId, recipients),
    db.selectFrom("member_channels").select(["membership_id", "webhook", "telegram_chat_id", "email"]).where("org_id", "=", n.orgId).where("membership_id", "in", recipients).execute(),
  ]);
  // Each active recipient with the channels they chose (none when they chose nothing).
  const chosen = new Map(channels.map((c) => [c.membership_id, c]));
  const people = contacts.map((m) => {
    const c = chosen.get(m.id);
    return { ...m, webhook: c?.webhook ?? null, telegram_chat_id: c?.telegram_chat_id ?? null, wantsEmail: c?.email ?? null };
  });
  let created = 0;
  const at = n.at.toISOString();
  const link = `/o/${slug}${n.path === "/" ? "" : n.path}`;
  for (const p of people) {
    const id = randomUUID();
    const res = await db
      .insertInto("notifications")
      .values({ id, org_id: n.orgId, membership_id: p.id, kind: n.kind, params: JSON.stringify(n.params), link, dedupe_key: n.dedupeKey ?? null, read_at: null, created_at: at })
      .onConflict((oc) => oc.columns(["membership_id", "dedupe_key"]).doNothing())
      .executeTakeFirst();
    if (Number(res.numInsertedOrUpdatedRows ?? 0) !== 1) continue;
    created += 1;
    if (!org) continue;
    const text = notificationText(p.locale, n.kind, n.params);
    // The link stays a path here; delivery makes it absolute with PUBLIC_URL (outbox.server.ts).
    const payload = { id, kind: n.kind, text, link, createdAt: at };
    const outs: { channel: "webhook" | "telegram" | "email"; destination: string }[] = [];
    if (p.webhook === 1 && org.webhook_url) outs.push({ channel: "webhook", destination: org.webhook_url });
    if (p.telegram_chat_id && org.telegram_token) outs.push({ channel: "telegram", destination: p.telegram_chat_id });
    if (p.wantsEmail === 1 && p.email && org.email_endpoint) outs.push({ channel: "email", destination: p.email });
    for (const o of outs) {
      await db
        .insertInto("outbox")
        .values({
          id: randomUUID(),
          org_id: n.orgId,
          notification_id: id,
          channel: o.channel,
          destination: o.destination,
          payload: JSON.stringify(payload),
          status: "pending",
          attempts: 0,
          next_attempt_at: at,
          locked_until: null,
          last_error: "",
          sent_at: null,
          created_at: at,
        })
        .execute();
    }
  }
  return created;
}

/** One notification for one member, as the scheduled jobs write them in bulk (`notifyMany`). */
export interface NotifyItem {
  orgId: string;
  membershipId: string;
  kind: NotificationKind;
  params: Params;
  /** Inside the centre, as for `notify`: "/tasks/<id>". */
  path: string;
  dedupeKey: string;
}

/** Rows per INSERT statement: well under the bound-parameter limits of SQLite and PostgreSQL. */
const ROWS_PER_INSERT = 200;

/**
 * `notify` for many members of many centres at once, for the scheduled jobs: three reads (the
 * centres, their channels, the members), then the notifications in multi-row inserts that skip an
 * existing (member, dedupe key) — a race with another run costs nothing — and the outbox rows of
 * those actually inserted (known from RETURNING). The same rows as `notify` would write one by one:
 * only active members, links inside their centre, messages only on channels the centre has set up.
 * Run it in the caller's transaction. Returns how many notifications were new.
 */
export async function notifyMany(db: Executor, items: readonly NotifyItem[], at: Date): Promise<number> {
  if (items.length === 0) return 0;
  const orgIds = [...new Set(items.map((i) => i.orgId))];
  const memberIds = [...new Set(items.map((i) => i.membershipId))];
  const [centres, channels, people] = await Promise.all([
    // Only active centres: a suspended centre's members are sent nothing (decision 0044).
    db.selectFrom("organizations").select(["id", "slug"]).where("id", "in", orgIds).where("status", "=", "active").execute(),
    db.selectFrom("org_channels").selectAll().where("org_id", "in", orgIds).execute(),
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .leftJoin("member_channels as c", "c.membership_id", "m.id")
      .select(["m.id", "m.org_id", "u.locale", "u.email", "c.webhook", "c.telegram_chat_id", "c.email as wantsEmail"])
      .where("m.org_id", "in", orgIds)
      .where("m.active", "=", 1)
      .where("m.id", "in", memberIds)
      .execute(),
  ]);
  const slugOf = new Map(centres.map((c) => [c.id, c.slug]));
  const channelsOf = new Map(channels.map((c) => [c.org_id, c]));
  const personOf = new Map(people.map((p) => [p.id, p]));
  const iso = at.toISOString();
  const rows: { id: string; org_id: string; membership_id: string; kind: NotificationKind; params: string; link: string; dedupe_key: string; read_at: null; created_at: string }[] = [];
  const byId = new Map<string, NotifyItem>();
  const seen = new Set<string>();
  for (const item of items) {
    const person = personOf.get(item.membershipId);
    const slug = slugOf.get(item.orgId);
    // Only a member of the item's own centre, and one row per (member, key) in a batch.
    if (!person || person.org_id !== item.orgId || !slug || seen.has(`${item.membershipId} ${item.dedupeKey}`)) continue;
    seen.add(`${item.membershipId} ${item.dedupeKey}`);
    const id = randomUUID();
    byId.set(id, item);
    const link = `/o/${slug}${item.path === "/" ? "" : item.path}`;
    rows.push({ id, org_id: item.orgId, membership_id: item.membershipId, kind: item.kind, params: JSON.stringify(item.params), link, dedupe_key: item.dedupeKey, read_at: null, created_at: iso });
  }
  let created = 0;
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) {
    const batch = rows.slice(i, i + ROWS_PER_INSERT);
    const inserted = await db
      .insertInto("notifications")
      .values(batch)
      .onConflict((oc) => oc.columns(["membership_id", "dedupe_key"]).doNothing())
      .returning("id")
      .execute();
    created += inserted.length;
    const outbox: { id: string; org_id: string; notification_id: string; channel: "webhook" | "telegram" | "email"; destination: string; payload: string; status: "pending"; attempts: number; next_attempt_at: string; locked_until: null; last_error: string; sent_at: null; created_at: string }[] = [];
    for (const { id } of inserted) {
      const item = byId.get(id)!;
      const org = channelsOf.get(item.orgId);
      const p = personOf.get(item.membershipId)!;
      if (!org) continue;
      const outs: { channel: "webhook" | "telegram" | "email"; destination: string }[] = [];
      if (p.webhook === 1 && org.webhook_url) outs.push({ channel: "webhook", destination: org.webhook_url });
      if (p.telegram_chat_id && org.telegram_token) outs.push({ channel: "telegram", destination: p.telegram_chat_id });
      if (p.wantsEmail === 1 && p.email && org.email_endpoint) outs.push({ channel: "email", destination: p.email });
      if (!outs.length) continue;
      const link = `/o/${slugOf.get(item.orgId)}${item.path === "/" ? "" : item.path}`;
      const payload = JSON.stringify({ id, kind: item.kind, text: notificationText(p.locale, item.kind, item.params), link, createdAt: iso });
      for (const o of outs) {
        outbox.push({ id: randomUUID(), org_id: item.orgId, notification_id: id, channel: o.channel, destination: o.destination, payload, status: "pending", attempts: 0, next_attempt_at: iso, locked_until: null, last_error: "", sent_at: null, created_at: iso });
      }
    }
    for (let j = 0; j < outbox.length; j += ROWS_PER_INSERT) await db.insertInto("outbox").values(outbox.slice(j, j + ROWS_PER_INSERT)).execute();
  }
  return created;
}
