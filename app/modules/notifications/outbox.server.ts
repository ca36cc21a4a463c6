import { createHmac } from "node:crypto";
import type { DB, OrgChannelsTable } from "../../../db/schema";
import { safeTarget, sendOutbound, type OutboundOutcome, type OutboundPolicy, type OutboundRequest } from "./outbound.server";

export const MAX_ATTEMPTS = 6;
const TIMEOUT_MS = 5_000;
/** A claimed message not marked within this time is taken up again after a crash. */
const LEASE_MS = 60_000;

/** 30 s, 1 min, 2 min, 4 min, 8 min between attempts. */
function backoffMs(attempts: number): number {
  return 30_000 * 2 ** Math.max(0, attempts - 1);
}

function signature(body: string, secret: string): string {
  return `sha256=${createHmac("sha256", secret).update(body).digest("hex")}`;
}

interface Payload {
  id: string;
  kind: string;
  text: string;
  link: string;
  createdAt: string;
}

/** Where outbound messages point and go (from the settings, server/config.ts). */
interface DeliverySettings {
  /** The app's public origin: links in messages are made absolute with it. */
  publicUrl: string;
  /** Base URL of the Telegram Bot API. */
  telegramApiBase: string;
}

/** The HTTP request for one outbox row on its channel. */
function buildRequest(
  row: { id: string; channel: string; destination: string; payload: string },
  org: OrgChannelsTable,
  settings: DeliverySettings,
): OutboundRequest {
  const stored = JSON.parse(row.payload) as Payload;
  // Links are stored as paths; rows written before that hold absolute links already.
  const p = { ...stored, link: stored.link.startsWith("/") ? `${settings.publicUrl.replace(/\/$/, "")}${stored.link}` : stored.link };
  const headers: Record<string, string> = { "Content-Type": "application/json", "Idempotency-Key": row.id };
  switch (row.channel) {
    case "webhook": {
      const body = JSON.stringify({ ...p, deliveryId: row.id });
      return { url: row.destination, method: "POST", headers: { ...headers, "X-RoViec-Signature": signature(body, org.webhook_secret) }, body };
    }
    case "telegram": {
      const base = settings.telegramApiBase.replace(/\/$/, "");
      return { url: `${base}/bot${org.telegram_token}/sendMessage`, method: "POST", headers, body: JSON.stringify({ chat_id: row.destination, text: `${p.text}\n${p.link}` }) };
    }
    default:
      return {
        url: org.email_endpoint,
        method: "POST",
        headers: { ...headers, Authorization: `Bearer ${org.email_key}` },
        body: JSON.stringify({ from: org.email_from, to: row.destination, subject: "Rõ Việc — thông báo", text: `${p.text}\n\n${p.link}` }),
      };
  }
}

interface DeliverOptions extends DeliverySettings {
  /** Where messages may go (see outbound.server.ts); by default public https addresses only. */
  policy?: OutboundPolicy;
  limit?: number;
  timeoutMs?: number;
  /** The server log, for what went wrong in detail (never shown in the app). */
  log?: (line: string) => void;
}

const STRICT: OutboundPolicy = { requireHttps: true, allowPrivate: false };

/**
 * Delivers due outbox messages. Each is claimed with a lease (so two workers, or a worker and its
 * restart, never send the same one at the same time), sent outside any database transaction with a
 * timeout, then marked sent; a failure is retried with backoff and given up after MAX_ATTEMPTS, a
 * destination the policy refuses is given up at once (it will not become allowed by waiting).
 * Every request carries `Idempotency-Key: <outbox id>` so a receiver can drop the duplicate that a
 * crash between sending and marking could cause. The stored reason of a failure is a coarse code
 * (notAllowed, unreachable, rejected); the details go to the server log. Returns counts.
 */
export async function deliverOutbox(db: DB, now: Date, opts: DeliverOptions) {
  const policy = opts.policy ?? STRICT;
  const limit = opts.limit ?? 20;
  const timeoutMs = opts.timeoutMs ?? TIMEOUT_MS;
  const log = opts.log ?? ((line: string) => console.warn(line));
  const nowIso = now.toISOString();
  // A message whose worker died mid-send becomes due again once its lease has expired.
  // tenant-safe: background job across all centres: the outbox is one queue for every centre.
  await db.updateTable("outbox").set({ status: "pending" }).where("status", "=", "sending").where("locked_until", "<", nowIso).execute();
  // tenant-safe: background job across all centres: due messages of every centre, each sent with its own centre's channels.
  const due = await db
    .selectFrom("outbox")
    .select(["id", "org_id", "channel", "destination", "payload", "attempts"])
    .where("status", "=", "pending")
    .where("next_attempt_at", "<=", nowIso)
    // A suspended centre's messages wait (decision 0044): sent if it is resumed, deleted with it otherwise.
    .where("org_id", "not in", (eb) => eb.selectFrom("organizations").select("id").where("status", "!=", "active"))
    .orderBy("next_attempt_at")
    .limit(limit)
    .execute();
  const counts = { sent: 0, retried: 0, failed: 0 };
  for (const row of due) {
    // tenant-safe: background job across all centres: one outbox row by id, from the due list above.
    const claimed = await db
      .updateTable("outbox")
      .set({ status: "sending", locked_until: new Date(now.getTime() + LEASE_MS).toISOString() })
      .where("id", "=", row.id)
      .where("status", "=", "pending")
      .executeTakeFirst();
    if (Number(claimed.numUpdatedRows) !== 1) continue;
    const org = await db.selectFrom("org_channels").selectAll().where("org_id", "=", row.org_id).executeTakeFirst();
    let outcome: OutboundOutcome;
    let target = "";
    if (!org) outcome = { ok: false, reason: "notAllowed", detail: "channels not configured" };
    else {
      try {
        const req = buildRequest(row, org, opts);
        target = safeTarget(req.url);
        outcome = await sendOutbound(req, policy, timeoutMs);
      } catch (err) {
        outcome = { ok: false, reason: "unreachable", detail: err instanceof Error ? `${err.name}: ${err.message}`.slice(0, 300) : "error" };
      }
    }
    const attempts = row.attempts + 1;
    if (outcome.ok) {
      // tenant-safe: background job across all centres: the claimed row by id.
      // next_attempt_at becomes the last attempt's time: retention counts from it (a message due long
      // ago and sent only now is kept as long as one sent on time).
      await db
        .updateTable("outbox")
        .set({ status: "sent", attempts, sent_at: nowIso, next_attempt_at: nowIso, locked_until: null, last_error: "" })
        .where("id", "=", row.id)
        .execute();
      counts.sent += 1;
      continue;
    }
    log(`outbox ${row.id} (${row.channel}) to ${target || "?"} failed, attempt ${attempts}: ${outcome.reason} — ${outcome.detail}`);
    if (attempts >= MAX_ATTEMPTS || outcome.reason === "notAllowed") {
      // tenant-safe: background job across all centres: the claimed row by id.
      await db.updateTable("outbox").set({ status: "failed", attempts, next_attempt_at: nowIso, locked_until: null, last_error: outcome.reason }).where("id", "=", row.id).execute();
      counts.failed += 1;
    } else {
      // tenant-safe: background job across all centres: the claimed row by id.
      await db
        .updateTable("outbox")
        .set({ status: "pending", attempts, locked_until: null, last_error: outcome.reason, next_attempt_at: new Date(now.getTime() + backoffMs(attempts)).toISOString() })
        .where("id", "=", row.id)
        .execute();
      counts.retried += 1;
    }
  }
  return counts;
}
