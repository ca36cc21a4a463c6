import { randomUUID } from "node:crypto";
import type { Executor, NotificationKind } from "../../../db/schema";
import { fmt, messages } from "../../i18n";
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
