import { randomUUID } from "node:crypto";
import { forShare } from "../../../db/engine";
import type { DB, Executor, Tx } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import type { Ctx } from "../ctx";
import { BUILTIN_ITEMS, BUILTIN_TEMPLATE_NAME, type ChecklistItem } from "./checklist";
import { planTemplateSave } from "./rules";
import type { TemplateInput } from "./schema";

/** The value of the template choice that means "the built-in checklist" (copied on first use). */
export const BUILTIN_CHOICE = "builtin";

async function loadTemplate(db: Executor, orgId: string, templateId: string) {
  const template = await db.selectFrom("inspection_templates").selectAll().where("org_id", "=", orgId).where("id", "=", templateId).executeTakeFirst();
  if (!template) notFound();
  return template;
}

/** The centre's checklists with their current version, size and use. */
export async function listTemplates(db: Executor, orgId: string) {
  const templates = await db
    .selectFrom("inspection_templates as t")
    .leftJoin("inspection_template_versions as v", "v.id", "t.current_version_id")
    .select((eb) => [
      "t.id",
      "t.name",
      "t.source",
      "t.active",
      "v.number as versionNumber",
      eb
        .selectFrom("inspection_template_items as i")
        .select((e) => e.fn.countAll<number>().as("n"))
        .whereRef("i.version_id", "=", "t.current_version_id")
        .where("i.org_id", "=", orgId)
        .as("itemCount"),
      eb
        .selectFrom("inspections as x")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("x.org_id", "=", orgId)
        .whereRef("x.template_id", "=", "t.id")
        .as("useCount"),
    ])
    .where("t.org_id", "=", orgId)
    .orderBy("t.active", "desc")
    .orderBy("t.name")
    .limit(100)
    .execute();
  return templates.map((t) => ({ ...t, itemCount: Number(t.itemCount ?? 0), useCount: Number(t.useCount ?? 0) }));
}

/** The checklists an inspector may choose for a new inspection (the built-in one if the centre has none). */
export async function templateChoices(db: Executor, orgId: string) {
  const rows = await db
    .selectFrom("inspection_templates as t")
    .innerJoin("inspection_template_versions as v", "v.id", "t.current_version_id")
    .select(["t.id", "t.name", "v.number as versionNumber"])
    .where("t.org_id", "=", orgId)
    .where("t.active", "=", 1)
    .orderBy("t.created_at")
    .limit(50)
    .execute();
  return rows.length ? rows : [{ id: BUILTIN_CHOICE, name: BUILTIN_TEMPLATE_NAME, versionNumber: 1 }];
}

/** Items of one version, in order. */
export async function versionItems(db: Executor, orgId: string, versionId: string) {
  return db
    .selectFrom("inspection_template_items")
    .select(["id", "code", "text", "basis", "weight", "sort_order"])
    .where("org_id", "=", orgId)
    .where("version_id", "=", versionId)
    .orderBy("sort_order")
    .limit(500)
    .execute();
}

/** A checklist with all its versions (newest first) and the items of each. */
export async function templatePage(db: Executor, orgId: string, templateId: string) {
  const template = await loadTemplate(db, orgId, templateId);
  const versions = await db
    .selectFrom("inspection_template_versions as v")
    .leftJoin("memberships as m", "m.id", "v.created_by")
    .leftJoin("users as u", "u.id", "m.user_id")
    .select((eb) => [
      "v.id",
      "v.number",
      "v.created_at as createdAt",
      "u.full_name as createdByName",
      eb
        .selectFrom("inspections as x")
        .select((e) => e.fn.countAll<number>().as("n"))
        .where("x.org_id", "=", orgId)
        .whereRef("x.template_version_id", "=", "v.id")
        .as("useCount"),
    ])
    .where("v.org_id", "=", orgId)
    .where("v.template_id", "=", templateId)
    .orderBy("v.number", "desc")
    .limit(100)
    .execute();
  const items = versions.length
    ? await db
        .selectFrom("inspection_template_items")
        .select(["id", "version_id", "code", "text", "basis", "weight", "sort_order"])
        .where("org_id", "=", orgId)
        .where(
          "version_id",
          "in",
          versions.map((v) => v.id),
        )
        .orderBy("sort_order")
        .limit(6000)
        .execute()
    : [];
  return {
    template,
    versions: versions.map((v) => ({ ...v, useCount: Number(v.useCount ?? 0), items: items.filter((i) => i.version_id === v.id) })),
  };
}

async function insertItems(tx: Tx, orgId: string, versionId: string, items: readonly (ChecklistItem & { id?: string; sort_order?: number })[]) {
  if (items.length === 0) return;
  await tx
    .insertInto("inspection_template_items")
    .values(
      items.map((it, i) => ({
        id: it.id ?? randomUUID(),
        org_id: orgId,
        version_id: versionId,
        code: it.code,
        text: it.text,
        basis: it.basis,
        weight: it.weight,
        sort_order: it.sort_order ?? i + 1,
      })),
    )
    .execute();
}

/** A new checklist with version 1 holding these items, inside the caller's transaction. */
export async function insertTemplate(
  tx: Tx,
  ctx: Ctx,
  name: string,
  source: "builtin" | "copy" | "new",
  items: readonly ChecklistItem[],
  details: Record<string, unknown> = {},
): Promise<{ templateId: string; versionId: string }> {
  const templateId = randomUUID();
  const versionId = randomUUID();
  const at = ctx.now.toISOString();
  await tx
    .insertInto("inspection_templates")
    .values({ id: templateId, org_id: ctx.orgId, name, source, active: 1, current_version_id: null, version: 1, created_by: ctx.membershipId, created_at: at, updated_at: at })
    .execute();
  await tx
    .insertInto("inspection_template_versions")
    .values({ id: versionId, org_id: ctx.orgId, template_id: templateId, number: 1, created_by: ctx.membershipId, created_at: at })
    .execute();
  // Only the content is taken (in order): a new checklist's items always get ids of their own, even
  // when they come from another checklist's rows (item ids are primary keys).
  await insertItems(tx, ctx.orgId, versionId, items.map(({ code, text, basis, weight }) => ({ code, text, basis, weight })));
  await tx.updateTable("inspection_templates").set({ current_version_id: versionId }).where("id", "=", templateId).where("org_id", "=", ctx.orgId).execute();
  await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "inspectionTemplate.created", entityType: "inspection_template", entityId: templateId, details: { source, ...details }, at: ctx.now });
  return { templateId, versionId };
}

/** The centre's own copy of the built-in checklist (C01–C15). */
export async function copyBuiltinTemplate(db: DB, ctx: Ctx): Promise<string> {
  return writeTx(db, async (tx) => (await insertTemplate(tx, ctx, BUILTIN_TEMPLATE_NAME, "builtin", BUILTIN_ITEMS)).templateId);
}

/** A copy of one of the centre's checklists (its current items), to edit separately. */
export async function copyTemplate(db: DB, ctx: Ctx, templateId: string, copyName: (name: string) => string): Promise<string> {
  return writeTx(db, async (tx) => {
    const template = await loadTemplate(tx, ctx.orgId, templateId);
    const items = template.current_version_id ? await versionItems(tx, ctx.orgId, template.current_version_id) : [];
    return (await insertTemplate(tx, ctx, copyName(template.name).slice(0, 200), "copy", items, { copiedFrom: templateId })).templateId;
  });
}

/**
 * Saves a checklist's name and items. If the current version is used by any inspection and the
 * items changed, the change becomes a new version (old inspections keep theirs); otherwise the
 * current version is edited in place. A stale form is refused.
 */
export async function saveTemplate(db: DB, ctx: Ctx, templateId: string, input: TemplateInput): Promise<{ newVersion: boolean }> {
  const template = await loadTemplate(db, ctx.orgId, templateId);
  if (template.version !== input.version) throw new FieldError("version", "staleTemplate");
  const versionId = template.current_version_id;
  if (!versionId) notFound();
  const current = await versionItems(db, ctx.orgId, versionId);
  const edits = input.items
    .filter((i) => i.remove || i.code || i.text)
    .map((i) => ({ id: i.id, code: i.code ?? "", text: i.text ?? "", basis: i.basis ?? "", weight: i.weight ?? 1, order: i.order, remove: Boolean(i.remove) }));
  return writeTx(db, async (tx) => {
    // The version check first: its write locks the template's row, which a new inspection reads
    // `for share` (versionForNewInspection). So "is the current version used?" cannot change before
    // the items are edited in place: an inspection being created either committed before (and is
    // seen here) or waits and then takes the version saved here.
    const res = await tx
      .updateTable("inspection_templates")
      .set({ name: input.name, version: template.version + 1, updated_at: ctx.now.toISOString() })
      .where("id", "=", templateId)
      .where("org_id", "=", ctx.orgId)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleTemplate");
    const used = await tx.selectFrom("inspections").select("id").where("org_id", "=", ctx.orgId).where("template_version_id", "=", versionId).limit(1).executeTakeFirst();
    const plan = planTemplateSave(current, edits, Boolean(used));
    if (plan.changed && plan.newVersion) {
      const last = await tx
        .selectFrom("inspection_template_versions")
        .select((eb) => eb.fn.max<number>("number").as("n"))
        .where("org_id", "=", ctx.orgId)
        .where("template_id", "=", templateId)
        .executeTakeFirstOrThrow();
      const newId = randomUUID();
      await tx
        .insertInto("inspection_template_versions")
        .values({ id: newId, org_id: ctx.orgId, template_id: templateId, number: Number(last.n ?? 0) + 1, created_by: ctx.membershipId, created_at: ctx.now.toISOString() })
        .execute();
      await insertItems(tx, ctx.orgId, newId, plan.items);
      await tx.updateTable("inspection_templates").set({ current_version_id: newId }).where("id", "=", templateId).where("org_id", "=", ctx.orgId).execute();
    } else if (plan.changed) {
      await tx.deleteFrom("inspection_template_items").where("org_id", "=", ctx.orgId).where("version_id", "=", versionId).execute();
      await insertItems(tx, ctx.orgId, versionId, plan.items);
    }
    await audit(tx, {
      orgId: ctx.orgId,
      actorUserId: ctx.actorUserId,
      action: "inspectionTemplate.saved",
      entityType: "inspection_template",
      entityId: templateId,
      details: { changed: plan.changed, newVersion: plan.newVersion, items: plan.items.length },
      at: ctx.now,
    });
    return { newVersion: plan.changed && plan.newVersion };
  });
}

/** Stops offering a checklist for new inspections, or offers it again. Past inspections keep it. */
export async function setTemplateActive(db: DB, ctx: Ctx, templateId: string, active: boolean, version: number) {
  const template = await loadTemplate(db, ctx.orgId, templateId);
  if (template.version !== version) throw new FieldError("version", "staleTemplate");
  await writeTx(db, async (tx) => {
    const res = await tx
      .updateTable("inspection_templates")
      .set({ active: active ? 1 : 0, version: version + 1, updated_at: ctx.now.toISOString() })
      .where("id", "=", templateId)
      .where("org_id", "=", ctx.orgId)
      .where("version", "=", version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleTemplate");
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: active ? "inspectionTemplate.restored" : "inspectionTemplate.archived", entityType: "inspection_template", entityId: templateId, at: ctx.now });
  });
}

/**
 * The checklist version a new inspection uses, inside its transaction: the chosen template's
 * current version, or a fresh copy of the built-in one when that was chosen.
 */
export async function versionForNewInspection(tx: Tx, ctx: Ctx, templateId: string) {
  if (templateId === BUILTIN_CHOICE) {
    const created = await insertTemplate(tx, ctx, BUILTIN_TEMPLATE_NAME, "builtin", BUILTIN_ITEMS);
    return { ...created, items: await versionItems(tx, ctx.orgId, created.versionId) };
  }
  const template = await tx
    .selectFrom("inspection_templates")
    .select(["id", "active", "current_version_id"])
    .where("org_id", "=", ctx.orgId)
    .where("id", "=", templateId)
    // Until this inspection commits, nobody edits this version's items in place (saveTemplate).
    .$call(forShare(tx))
    .executeTakeFirst();
  if (!template || !template.current_version_id) throw new FieldError("templateId", "invalidChoice");
  if (template.active !== 1) throw new FieldError("templateId", "templateInactive");
  const items = await versionItems(tx, ctx.orgId, template.current_version_id);
  if (items.length === 0) throw new FieldError("templateId", "itemsRequired");
  return { templateId: template.id, versionId: template.current_version_id, items };
}

/** The items a new inspection would use with this choice (quick mode draws its grid from them). */
export async function itemsOfChoice(db: Executor, orgId: string, templateId: string): Promise<{ code: string; text: string; basis: string }[]> {
  if (templateId === BUILTIN_CHOICE) return BUILTIN_ITEMS.map(({ code, text, basis }) => ({ code, text, basis }));
  const template = await db
    .selectFrom("inspection_templates")
    .select("current_version_id")
    .where("org_id", "=", orgId)
    .where("id", "=", templateId)
    .where("active", "=", 1)
    .executeTakeFirst();
  if (!template?.current_version_id) return [];
  return (await versionItems(db, orgId, template.current_version_id)).map(({ code, text, basis }) => ({ code, text, basis }));
}
