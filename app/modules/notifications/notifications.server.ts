import type { DB, Executor } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { notificationText } from "./notify.server";
import { outboundUrlProblem, type OutboundPolicy } from "./outbound.server";

export async function unreadCount(db: Executor, orgId: string, membershipId: string): Promise<number> {
  const r = await db
    .selectFrom("notifications")
    .select((eb) => eb.fn.countAll<number>().as("n"))
    .where("org_id", "=", orgId)
    .where("membership_id", "=", membershipId)
    .where("read_at", "is", null)
    .executeTakeFirstOrThrow();
  return Number(r.n);
}

export async function listNotifications(db: Executor, orgId: string, membershipId: string, locale: string) {
  const rows = await db
    .selectFrom("notifications")
    .select(["id", "kind", "params", "link", "read_at", "created_at"])
    .where("org_id", "=", orgId)
    .where("membership_id", "=", membershipId)
    .orderBy("created_at", "desc")
    .limit(100)
    .execute();
  return rows.map((r) => ({ id: r.id, text: notificationText(locale, r.kind, JSON.parse(r.params)), link: r.link, read: r.read_at !== null, createdAt: r.created_at }));
}

/** Marks one (or, without an id, every) notification of the member read; returns the link of the one. */
export async function markRead(db: DB, ctx: Ctx, id?: string): Promise<string | null> {
  let q = db.updateTable("notifications").set({ read_at: ctx.now.toISOString() }).where("org_id", "=", ctx.orgId).where("membership_id", "=", ctx.membershipId).where("read_at", "is", null);
  if (id) {
    const row = await db.selectFrom("notifications").select("link").where("org_id", "=", ctx.orgId).where("membership_id", "=", ctx.membershipId).where("id", "=", id).executeTakeFirst();
    if (!row) notFound();
    await q.where("id", "=", id).execute();
    return row.link;
  }
  q = q.where("created_at", "<=", ctx.now.toISOString());
  await q.execute();
  return null;
}

export async function memberChannels(db: Executor, orgId: string, membershipId: string) {
  const [mine, org] = await Promise.all([
    db.selectFrom("member_channels").selectAll().where("org_id", "=", orgId).where("membership_id", "=", membershipId).executeTakeFirst(),
    db.selectFrom("org_channels").select(["webhook_url", "telegram_token", "email_endpoint"]).where("org_id", "=", orgId).executeTakeFirst(),
  ]);
  return {
    telegramChatId: mine?.telegram_chat_id ?? "",
    email: mine?.email === 1,
    webhook: mine?.webhook === 1,
    available: { telegram: Boolean(org?.telegram_token), email: Boolean(org?.email_endpoint), webhook: Boolean(org?.webhook_url) },
  };
}

export async function saveMemberChannels(db: DB, ctx: Ctx, input: { telegramChatId?: string; email: boolean; webhook: boolean }) {
  const values = { telegram_chat_id: input.telegramChatId ?? "", email: input.email ? 1 : 0, webhook: input.webhook ? 1 : 0, updated_at: ctx.now.toISOString() };
  await writeTx(db, async (tx) => {
    await tx
      .insertInto("member_channels")
      .values({ membership_id: ctx.membershipId, org_id: ctx.orgId, ...values })
      .onConflict((oc) => oc.column("membership_id").doUpdateSet(values))
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "notifications.channelsChosen", entityType: "membership", entityId: ctx.membershipId, at: ctx.now });
  });
}

export async function orgChannels(db: Executor, orgId: string) {
  const [row, failures] = await Promise.all([
    db.selectFrom("org_channels").selectAll().where("org_id", "=", orgId).executeTakeFirst(),
    db
      .selectFrom("outbox")
      // Not the stored reason: the admin sees a generic one (details are in the server log).
      .select(["id", "channel", "destination", "attempts", "created_at"])
      .where("org_id", "=", orgId)
      .where("status", "=", "failed")
      .orderBy("created_at", "desc")
      .limit(50)
      .execute(),
  ]);
  return {
    settings: {
      webhookUrl: row?.webhook_url ?? "",
      webhookSecretSet: Boolean(row?.webhook_secret),
      telegramTokenSet: Boolean(row?.telegram_token),
      emailEndpoint: row?.email_endpoint ?? "",
      emailKeySet: Boolean(row?.email_key),
      emailFrom: row?.email_from ?? "",
      digestHour: row?.digest_hour ?? 7,
    },
    failures,
  };
}

/**
 * Saves the centre's channels; secrets left empty keep their current value (they are never shown).
 * The webhook and e-mail URLs must be allowed by the outbound policy (https outside demo mode, no
 * internal address); they are checked again, after name resolution, each time a message is sent.
 */
export async function saveOrgChannels(
  db: DB,
  ctx: Ctx,
  input: { webhookUrl?: string; webhookSecret?: string; telegramToken?: string; emailEndpoint?: string; emailKey?: string; emailFrom?: string; digestHour: number },
  policy: OutboundPolicy,
) {
  const problems: Record<string, string> = {};
  for (const field of ["webhookUrl", "emailEndpoint"] as const) {
    const problem = input[field] ? outboundUrlProblem(input[field], policy) : null;
    if (problem) problems[field] = problem;
  }
  if (Object.keys(problems).length) throw FieldError.many(problems);
  await writeTx(db, async (tx) => {
    const values = {
      webhook_url: input.webhookUrl ?? "",
      email_endpoint: input.emailEndpoint ?? "",
      email_from: input.emailFrom ?? "",
      digest_hour: input.digestHour,
      updated_at: ctx.now.toISOString(),
    };
    // Secrets left empty keep the stored value, in the same statement (a read first could be stale
    // by the write under PostgreSQL's READ COMMITTED and put back a secret just replaced).
    const secrets = {
      ...(input.webhookSecret ? { webhook_secret: input.webhookSecret } : {}),
      ...(input.telegramToken ? { telegram_token: input.telegramToken } : {}),
      ...(input.emailKey ? { email_key: input.emailKey } : {}),
    };
    await tx
      .insertInto("org_channels")
      .values({ org_id: ctx.orgId, webhook_secret: "", telegram_token: "", email_key: "", ...values, ...secrets })
      .onConflict((oc) => oc.column("org_id").doUpdateSet({ ...values, ...secrets }))
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "notifications.channelsConfigured", entityType: "organization", entityId: ctx.orgId, details: { webhookUrl: values.webhook_url, emailEndpoint: values.email_endpoint }, at: ctx.now });
  });
}
