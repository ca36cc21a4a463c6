import { formatDate, pageParam, parseDateInput } from "../../utils/time";
import { notify } from "../notifications/notify.server";
import { randomUUID } from "node:crypto";
import { forNoKeyUpdate } from "../../../db/engine";
import type { DB, Executor, Tx } from "../../../db/schema";
import { writeTx } from "../../../db/tx";
import { FieldError, forbidden, notFound } from "../../utils/errors";
import { audit } from "../audit/audit.server";
import { alreadyDecided, refuseOwnCase } from "../auth/decisions";
import { can, type Role } from "../auth/permissions";
import type { Ctx } from "../ctx";
import { addDays, vnDateOf } from "../tasks/rules";
import { removePhotos, writePhotos, type PreparedPhoto } from "./photos.server";
import {
  actionAllowed,
  dueDateError,
  inspectionAllowed,
  isActionOverdue,
  MAX_PHOTOS_PER_INSPECTION,
  PENDING_ACTION_STATUSES,
  quickOutcomes,
  seesEveryone,
  tallyOf,
  vnLocalToInstant,
  type ActionStatus,
  type InspectionAction,
  type InspectionRelation,
  type InspectionStatus,
  type Outcome,
} from "./rules";
import type { CreateInspectionInput, QuickInspectionInput, ResultsInput } from "./schema";
import { versionForNewInspection } from "./templates.server";

/** Who is looking: their membership and what their roles let them do with inspections. */
export interface InspectionViewer {
  orgId: string;
  membershipId: string;
  viewAll: boolean;
  conduct: boolean;
}

export function inspectionViewerOf(ctx: Pick<Ctx, "orgId" | "membershipId">, roles: readonly Role[]): InspectionViewer {
  return { orgId: ctx.orgId, membershipId: ctx.membershipId, viewAll: can(roles, "inspections.viewAll"), conduct: can(roles, "inspections.conduct") };
}

// ---- loading one inspection with the viewer's relation to it ----

export async function loadInspection(db: Executor, viewer: InspectionViewer, inspectionId: string) {
  const inspection = await db.selectFrom("inspections").selectAll().where("org_id", "=", viewer.orgId).where("id", "=", inspectionId).executeTakeFirst();
  if (!inspection) notFound();
  const mine = await db
    .selectFrom("inspection_members")
    .select("id")
    .where("org_id", "=", viewer.orgId)
    .where("inspection_id", "=", inspectionId)
    .where("membership_id", "=", viewer.membershipId)
    .executeTakeFirst();
  const relation: InspectionRelation = {
    inspector: inspection.inspector_id === viewer.membershipId,
    viewAll: viewer.viewAll,
    conduct: viewer.conduct,
    inspected: Boolean(mine),
  };
  // Staff who were not inspected learn nothing, not even that it exists.
  if (!inspectionAllowed("view", inspection.status, relation)) notFound();
  return { inspection, relation };
}

type Inspection = Awaited<ReturnType<typeof loadInspection>>["inspection"];

function ensure(action: InspectionAction, inspection: Inspection, relation: InspectionRelation): void {
  if (!inspectionAllowed(action, inspection.status, relation)) forbidden();
}

async function bump(tx: Tx, inspection: Inspection, version: number, at: Date, set: { status?: InspectionStatus; submitted_at?: string; note?: string } = {}) {
  const res = await tx
    .updateTable("inspections")
    .set({ ...set, version: inspection.version + 1, updated_at: at.toISOString() })
    .where("id", "=", inspection.id)
    .where("org_id", "=", inspection.org_id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleInspection");
}

/**
 * Locks the inspection's row for the rest of the transaction (PostgreSQL; SQLite's writeTx is serial)
 * and checks it is still in the state it was read in: photos are added to and removed from a draft
 * only, and counted against the limit, while no concurrent submit, delete or upload can interleave.
 */
async function lockInspection(tx: Tx, inspection: Inspection): Promise<void> {
  const row = await tx.selectFrom("inspections").select("status").where("org_id", "=", inspection.org_id).where("id", "=", inspection.id).$call(forNoKeyUpdate(tx)).executeTakeFirst();
  if (row?.status !== inspection.status) throw new FieldError("version", "staleInspection");
}

function record(tx: Executor, ctx: Ctx, action: string, entityId: string, details: Record<string, unknown> = {}) {
  return audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: `inspection.${action}`, entityType: "inspection", entityId, details, at: ctx.now });
}

// ---- options of the new-inspection forms ----

/** Counters (from positions), active members with their counter, and checklists to choose from. */
export async function inspectionFormOptions(db: Executor, orgId: string) {
  const [positions, members] = await Promise.all([
    db.selectFrom("positions").select(["counter", "sort_order"]).where("org_id", "=", orgId).where("counter", "!=", "").orderBy("sort_order").orderBy("counter").limit(200).execute(),
    db
      .selectFrom("memberships as m")
      .innerJoin("users as u", "u.id", "m.user_id")
      .leftJoin("positions as p", "p.id", "m.position_id")
      .select(["m.id", "u.full_name as name", "m.title", "p.counter"])
      .where("m.org_id", "=", orgId)
      .where("m.active", "=", 1)
      .orderBy("p.sort_order")
      .orderBy("u.full_name")
      .limit(500)
      .execute(),
  ]);
  const counters = [...new Set(positions.map((p) => p.counter))];
  return { counters, members: members.map((m) => ({ id: m.id, name: m.name, title: m.title, counter: m.counter ?? "" })) };
}

/** Every id from the form must be an active member of this centre, and not the inspector. */
async function checkMembers(db: Executor, ctx: Ctx, memberIds: readonly string[]): Promise<string[]> {
  const ids = [...new Set(memberIds)];
  if (ids.includes(ctx.membershipId)) throw new FieldError("memberIds", "cannotInspectSelf");
  const rows = await db.selectFrom("memberships").select("id").where("org_id", "=", ctx.orgId).where("active", "=", 1).where("id", "in", ids).execute();
  if (rows.length !== ids.length) throw new FieldError("memberIds", "invalidChoice");
  return ids;
}

async function checkCounter(db: Executor, orgId: string, counter: string | undefined, field = "counter") {
  if (!counter) return;
  const found = await db.selectFrom("positions").select("id").where("org_id", "=", orgId).where("counter", "=", counter).executeTakeFirst();
  if (!found) throw new FieldError(field, "invalidChoice");
}

/** When the inspection took place: the given local time (not in the future, at most a year ago) or now. */
function inspectedAt(value: string | undefined, now: Date): Date {
  if (!value) return now;
  const at = vnLocalToInstant(value);
  if (!at) throw new FieldError("inspectedAt", "inspectedAtFormat");
  if (at.getTime() > now.getTime() + 5 * 60_000) throw new FieldError("inspectedAt", "inspectedInFuture");
  if (at.getTime() < now.getTime() - 366 * 86_400_000) throw new FieldError("inspectedAt", "inspectedTooOld");
  return at;
}

interface NewResult {
  membershipId: string;
  itemId: string;
  outcome: Outcome;
  note?: string;
}

async function insertInspection(
  tx: Tx,
  ctx: Ctx,
  args: {
    version: { templateId: string; versionId: string; items: { id: string; weight: number }[] };
    at: Date;
    place: string;
    counter: string;
    mode: "full" | "quick";
    submit: boolean;
    note: string;
    memberIds: string[];
    memberNotes?: Record<string, string | undefined>;
    results: NewResult[];
  },
): Promise<string> {
  const id = randomUUID();
  const now = ctx.now.toISOString();
  await tx
    .insertInto("inspections")
    .values({
      id,
      org_id: ctx.orgId,
      template_id: args.version.templateId,
      template_version_id: args.version.versionId,
      inspector_id: ctx.membershipId,
      inspected_at: args.at.toISOString(),
      inspected_date: vnDateOf(args.at),
      place: args.place,
      counter: args.counter,
      mode: args.mode,
      status: args.submit ? "submitted" : "draft",
      note: args.note,
      version: 1,
      submitted_at: args.submit ? now : null,
      created_at: now,
      updated_at: now,
    })
    .execute();
  const weight = new Map(args.version.items.map((i) => [i.id, i.weight]));
  await tx
    .insertInto("inspection_members")
    .values(
      args.memberIds.map((m) => {
        const t = tallyOf(args.results.filter((r) => r.membershipId === m).map((r) => ({ outcome: r.outcome, weight: weight.get(r.itemId) ?? 1 })));
        return {
          id: randomUUID(),
          org_id: ctx.orgId,
          inspection_id: id,
          membership_id: m,
          note: args.memberNotes?.[m] ?? "",
          score: t.score,
          pass_count: t.pass,
          fail_count: t.fail,
          na_count: t.na,
        };
      }),
    )
    .execute();
  const rows = args.results.map((r) => ({
    id: randomUUID(),
    org_id: ctx.orgId,
    inspection_id: id,
    membership_id: r.membershipId,
    item_id: r.itemId,
    outcome: r.outcome,
    note: r.note ?? "",
    updated_at: now,
  }));
  for (let i = 0; i < rows.length; i += 200) await tx.insertInto("inspection_results").values(rows.slice(i, i + 200)).execute();
  await record(tx, ctx, args.submit ? "submitted" : "created", id, { mode: args.mode, members: args.memberIds.length });
  return id;
}

/** A new inspection as a draft, every result "pass" until the inspector records otherwise. */
export async function createInspection(db: DB, ctx: Ctx, input: CreateInspectionInput): Promise<string> {
  const at = inspectedAt(input.inspectedAt, ctx.now);
  const memberIds = await checkMembers(db, ctx, input.memberIds);
  await checkCounter(db, ctx.orgId, input.counter);
  return writeTx(db, async (tx) => {
    const version = await versionForNewInspection(tx, ctx, input.templateId);
    return insertInspection(tx, ctx, {
      version,
      at,
      place: input.place ?? "",
      counter: input.counter ?? "",
      mode: "full",
      submit: false,
      note: input.note ?? "",
      memberIds,
      results: memberIds.flatMap((m) => version.items.map((i) => ({ membershipId: m, itemId: i.id, outcome: "pass" as const }))),
    });
  });
}

/**
 * Quick mode (a spot check on a phone): at a counter, now, everything passes except the items
 * tapped as failing (keyed by item code). What was seen of a failed item (`failNote`) is that
 * result's note, and a photo taken for a failed item belongs to that item as well as to the member.
 * Photos were checked and cleaned by the caller; they are written first and removed again if the
 * inspection cannot be saved.
 */
export async function createQuickInspection(db: DB, ctx: Ctx, input: QuickInspectionInput, photos: PreparedPhoto[], filesDir: string): Promise<string> {
  await checkCounter(db, ctx.orgId, input.counter);
  const memberIds = await checkMembers(db, ctx, input.memberIds);
  if (photos.some((p) => p.membershipId && !memberIds.includes(p.membershipId))) throw new FieldError("photos", "invalidChoice");
  const keys = await writePhotos(filesDir, ctx.orgId, photos);
  try {
    return await writeTx(db, async (tx) => {
      const version = await versionForNewInspection(tx, ctx, input.templateId);
      const byCode = new Map(version.items.map((i) => [i.code, i.id]));
      const results = quickOutcomes(memberIds, [...byCode.keys()], input.fail).map((r) => ({
        ...r,
        itemId: byCode.get(r.itemId)!,
        note: r.outcome === "fail" ? (input.failNote?.[r.membershipId]?.[r.itemId] ?? "") : "",
      }));
      // A photo of an item belongs to it only when the item failed (the caller drops the others).
      const placed = photos.map((p) => {
        if (!p.itemCode) return p;
        const itemId = byCode.get(p.itemCode);
        if (!itemId || !input.fail?.[p.membershipId ?? ""]?.[p.itemCode]) throw new FieldError("photos", "invalidChoice");
        return { ...p, itemId };
      });
      const id = await insertInspection(tx, ctx, {
        version,
        at: ctx.now,
        place: "",
        counter: input.counter,
        mode: "quick",
        submit: input.intent === "quickSubmit",
        note: input.note ?? "",
        memberIds,
        memberNotes: input.memberNote,
        results,
      });
      await insertPhotoRows(tx, ctx, id, placed, keys);
      return id;
    });
  } catch (err) {
    await removePhotos(filesDir, keys);
    throw err;
  }
}

async function insertPhotoRows(tx: Tx, ctx: Ctx, inspectionId: string, photos: PreparedPhoto[], keys: string[]) {
  if (photos.length === 0) return;
  await tx
    .insertInto("inspection_photos")
    .values(
      photos.map((p, i) => ({
        id: p.id,
        org_id: ctx.orgId,
        inspection_id: inspectionId,
        membership_id: p.membershipId,
        item_id: p.itemId,
        file_name: p.fileName,
        content_type: p.contentType,
        size: p.bytes.length,
        storage_key: keys[i]!,
        uploaded_by: ctx.membershipId,
        created_at: ctx.now.toISOString(),
      })),
    )
    .execute();
}

// ---- recording results on a draft, submitting ----

/** Saves the results grid of a draft (and submits it when asked). A stale form is refused. */
export async function saveResults(db: DB, ctx: Ctx, viewer: InspectionViewer, inspectionId: string, input: ResultsInput) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure(input.intent === "submit" ? "submit" : "edit", inspection, relation);
  const [results, members, items] = await Promise.all([
    db
      .selectFrom("inspection_results")
      .select(["id", "membership_id", "item_id", "outcome", "note"])
      .where("org_id", "=", ctx.orgId)
      .where("inspection_id", "=", inspectionId)
      .limit(5000)
      .execute(),
    db.selectFrom("inspection_members").select(["id", "membership_id", "note"]).where("org_id", "=", ctx.orgId).where("inspection_id", "=", inspectionId).execute(),
    db.selectFrom("inspection_template_items").select(["id", "weight"]).where("org_id", "=", ctx.orgId).where("version_id", "=", inspection.template_version_id).execute(),
  ]);
  const weight = new Map(items.map((i) => [i.id, i.weight]));
  const changes: { id: string; outcome: Outcome; note: string }[] = [];
  const next = results.map((r) => {
    const outcome = input.outcome?.[r.membership_id]?.[r.item_id] ?? r.outcome;
    const noteIn = input.note?.[r.membership_id]?.[r.item_id];
    // The grid always sends every row's note; when a row was not on the form, keep what was there.
    const note = input.outcome?.[r.membership_id]?.[r.item_id] !== undefined ? (noteIn ?? "") : r.note;
    if (outcome !== r.outcome || note !== r.note) changes.push({ id: r.id, outcome, note });
    return { ...r, outcome, note };
  });
  await writeTx(db, async (tx) => {
    const submit = input.intent === "submit";
    // The results form sends every field; Conform drops emptied ones, so "absent" means "cleared"
    // when the grid was on the form, and "unchanged" otherwise.
    const fullForm = input.outcome !== undefined;
    await bump(tx, inspection, input.version, ctx.now, {
      note: input.generalNote ?? (fullForm ? "" : inspection.note),
      ...(submit ? { status: "submitted" as const, submitted_at: ctx.now.toISOString() } : {}),
    });
    for (const c of changes) {
      await tx.updateTable("inspection_results").set({ outcome: c.outcome, note: c.note, updated_at: ctx.now.toISOString() }).where("id", "=", c.id).where("org_id", "=", ctx.orgId).execute();
    }
    for (const m of members) {
      const t = tallyOf(next.filter((r) => r.membership_id === m.membership_id).map((r) => ({ outcome: r.outcome, weight: weight.get(r.item_id) ?? 1 })));
      await tx
        .updateTable("inspection_members")
        .set({ note: input.memberNote?.[m.membership_id] ?? (input.outcome?.[m.membership_id] ? "" : m.note), score: t.score, pass_count: t.pass, fail_count: t.fail, na_count: t.na })
        .where("id", "=", m.id)
        .where("org_id", "=", ctx.orgId)
        .execute();
    }
    await record(tx, ctx, submit ? "submitted" : "resultsSaved", inspectionId, { changes: changes.length });
  });
}

/** Deletes a draft with everything in it. Submitted inspections are never deleted. */
export async function deleteDraft(db: DB, ctx: Ctx, viewer: InspectionViewer, inspectionId: string, version: number, filesDir: string) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure("delete", inspection, relation);
  const keys = await writeTx(db, async (tx) => {
    await bump(tx, inspection, version, ctx.now);
    const photos = await tx.selectFrom("inspection_photos").select("storage_key").where("org_id", "=", ctx.orgId).where("inspection_id", "=", inspectionId).execute();
    for (const table of ["inspection_photos", "inspection_results", "inspection_members"] as const) {
      await tx.deleteFrom(table).where("org_id", "=", ctx.orgId).where("inspection_id", "=", inspectionId).execute();
    }
    await tx.deleteFrom("inspections").where("org_id", "=", ctx.orgId).where("id", "=", inspectionId).execute();
    await record(tx, ctx, "draftDeleted", inspectionId);
    return photos.map((p) => p.storage_key);
  });
  await removePhotos(filesDir, keys);
}

// ---- photos on a draft ----

export async function addPhotos(
  db: DB,
  ctx: Ctx,
  viewer: InspectionViewer,
  inspectionId: string,
  target: { membershipId?: string; itemId?: string },
  photos: PreparedPhoto[],
  filesDir: string,
) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure("edit", inspection, relation);
  if (photos.length === 0) throw new FieldError("photos", "photoRequired");
  if (target.membershipId) {
    const m = await db
      .selectFrom("inspection_members")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("inspection_id", "=", inspectionId)
      .where("membership_id", "=", target.membershipId)
      .executeTakeFirst();
    if (!m) throw new FieldError("membershipId", "invalidChoice");
  }
  if (target.itemId) {
    const it = await db
      .selectFrom("inspection_template_items")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("version_id", "=", inspection.template_version_id)
      .where("id", "=", target.itemId)
      .executeTakeFirst();
    if (!it) throw new FieldError("itemId", "invalidChoice");
  }
  const countPhotos = async (q: Executor) =>
    Number(
      (
        await q
          .selectFrom("inspection_photos")
          .select((eb) => eb.fn.countAll<number>().as("n"))
          .where("org_id", "=", ctx.orgId)
          .where("inspection_id", "=", inspectionId)
          .executeTakeFirstOrThrow()
      ).n,
    );
  // Checked before the files are written, and again under the inspection's lock before the rows are.
  if ((await countPhotos(db)) + photos.length > MAX_PHOTOS_PER_INSPECTION) throw new FieldError("photos", "tooManyPhotos");
  const placed = photos.map((p) => ({ ...p, membershipId: target.membershipId ?? null, itemId: target.itemId ?? null }));
  const keys = await writePhotos(filesDir, ctx.orgId, placed);
  try {
    await writeTx(db, async (tx) => {
      await lockInspection(tx, inspection);
      if ((await countPhotos(tx)) + placed.length > MAX_PHOTOS_PER_INSPECTION) throw new FieldError("photos", "tooManyPhotos");
      await insertPhotoRows(tx, ctx, inspectionId, placed, keys);
      await record(tx, ctx, "photosAdded", inspectionId, { n: placed.length });
    });
  } catch (err) {
    await removePhotos(filesDir, keys);
    throw err;
  }
}

export async function deletePhoto(db: DB, ctx: Ctx, viewer: InspectionViewer, inspectionId: string, photoId: string, filesDir: string) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure("edit", inspection, relation);
  const photo = await db
    .selectFrom("inspection_photos")
    .select(["id", "storage_key"])
    .where("org_id", "=", ctx.orgId)
    .where("inspection_id", "=", inspectionId)
    .where("id", "=", photoId)
    .executeTakeFirst();
  if (!photo) notFound();
  await writeTx(db, async (tx) => {
    await lockInspection(tx, inspection);
    const res = await tx.deleteFrom("inspection_photos").where("id", "=", photo.id).where("org_id", "=", ctx.orgId).executeTakeFirst();
    if (Number(res.numDeletedRows) !== 1) notFound();
    await record(tx, ctx, "photoDeleted", inspectionId);
  });
  await removePhotos(filesDir, [photo.storage_key]);
}

/** A photo for download, only for someone who may see it: everyone's for leaders and inspectors, one's own for staff. */
export async function photoForViewer(db: Executor, viewer: InspectionViewer, photoId: string) {
  const photo = await db.selectFrom("inspection_photos").selectAll().where("org_id", "=", viewer.orgId).where("id", "=", photoId).executeTakeFirst();
  if (!photo) notFound();
  const { relation } = await loadInspection(db, viewer, photo.inspection_id);
  if (!seesEveryone(relation) && photo.membership_id !== viewer.membershipId) notFound();
  return photo;
}

// ---- after submission: addenda and corrective actions ----

export async function addAddendum(db: DB, ctx: Ctx, viewer: InspectionViewer, inspectionId: string, input: { text: string; membershipId?: string }) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure("amend", inspection, relation);
  // Nobody amends the record of an inspection in which they were inspected, nor about themselves.
  refuseOwnCase(ctx.membershipId, [input.membershipId, relation.inspected ? ctx.membershipId : null]);
  if (input.membershipId) {
    const m = await db
      .selectFrom("inspection_members")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("inspection_id", "=", inspectionId)
      .where("membership_id", "=", input.membershipId)
      .executeTakeFirst();
    if (!m) throw new FieldError("membershipId", "invalidChoice");
  }
  await writeTx(db, async (tx) => {
    const id = randomUUID();
    await tx
      .insertInto("inspection_addenda")
      .values({ id, org_id: ctx.orgId, inspection_id: inspectionId, membership_id: input.membershipId ?? null, text: input.text, created_by: ctx.membershipId, created_at: ctx.now.toISOString() })
      .execute();
    await record(tx, ctx, "amended", inspectionId);
  });
}

/** From a failed item, the inspector asks the member to correct it by a due date. */
/** From a failed item, a corrective action for the member; returns whose it is (membership id). */
export async function raiseAction(
  db: DB,
  ctx: Ctx,
  viewer: InspectionViewer,
  inspectionId: string,
  input: { resultId: string; requirement: string; dueDate: string },
): Promise<{ membershipId: string }> {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  ensure("raiseAction", inspection, relation);
  const result = await db
    .selectFrom("inspection_results")
    .select(["id", "membership_id", "item_id", "outcome"])
    .where("org_id", "=", ctx.orgId)
    .where("inspection_id", "=", inspectionId)
    .where("id", "=", input.resultId)
    .executeTakeFirst();
  if (!result) throw new FieldError("resultId", "invalidChoice");
  refuseOwnCase(ctx.membershipId, [result.membership_id], "resultId");
  if (result.outcome !== "fail") throw new FieldError("resultId", "notFailed");
  const due = dueDateError(input.dueDate, vnDateOf(ctx.now));
  if (due) throw new FieldError("dueDate", due);
  await writeTx(db, async (tx) => {
    // One pending action per failed result: the result's row is locked while the pending ones are
    // looked for, so of two at once the second sees the first.
    await tx.selectFrom("inspection_results").select("id").where("org_id", "=", ctx.orgId).where("id", "=", result.id).$call(forNoKeyUpdate(tx)).executeTakeFirst();
    const pending = await tx
      .selectFrom("inspection_actions")
      .select("id")
      .where("org_id", "=", ctx.orgId)
      .where("result_id", "=", result.id)
      .where("status", "in", PENDING_ACTION_STATUSES)
      .executeTakeFirst();
    if (pending) throw new FieldError("resultId", "actionPending");
    const id = randomUUID();
    const at = ctx.now.toISOString();
    await tx
      .insertInto("inspection_actions")
      .values({
        id,
        org_id: ctx.orgId,
        inspection_id: inspectionId,
        result_id: result.id,
        membership_id: result.membership_id,
        item_id: result.item_id,
        requirement: input.requirement,
        due_date: input.dueDate,
        status: "open",
        explanation: "",
        explained_at: null,
        verified_by: null,
        verified_at: null,
        verification_note: "",
        version: 1,
        created_by: ctx.membershipId,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "inspection.actionRaised", entityType: "inspection_action", entityId: id, details: { inspectionId, dueDate: input.dueDate }, at: ctx.now });
    const item = await tx.selectFrom("inspection_template_items").select(["code", "text"]).where("id", "=", result.item_id).where("org_id", "=", ctx.orgId).executeTakeFirst();
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [result.membership_id],
      kind: "findingRaised",
      params: { item: item ? `${item.code} ${item.text}` : input.requirement, due: formatDate(input.dueDate) },
      path: `/inspections/${inspectionId}`,
      at: ctx.now,
    });
  });
  return { membershipId: result.membership_id };
}

/** "C03 Đeo thẻ công chức…" — the checklist item of a corrective action, for its notifications. */
async function actionItemLabel(db: Executor, action: { item_id: string; org_id: string; requirement: string }): Promise<string> {
  const item = await db.selectFrom("inspection_template_items").select(["code", "text"]).where("org_id", "=", action.org_id).where("id", "=", action.item_id).executeTakeFirst();
  return item ? `${item.code} ${item.text}` : action.requirement;
}

async function loadAction(db: Executor, viewer: InspectionViewer, inspectionId: string, actionId: string) {
  const { inspection, relation } = await loadInspection(db, viewer, inspectionId);
  const action = await db
    .selectFrom("inspection_actions")
    .selectAll()
    .where("org_id", "=", viewer.orgId)
    .where("inspection_id", "=", inspectionId)
    .where("id", "=", actionId)
    .executeTakeFirst();
  if (!action || (!seesEveryone(relation) && action.membership_id !== viewer.membershipId)) notFound();
  return { inspection, relation, action };
}

async function bumpAction(tx: Tx, action: { id: string; org_id: string }, version: number, set: Record<string, unknown>, at: Date) {
  const res = await tx
    .updateTable("inspection_actions")
    .set({ ...set, version: version + 1, updated_at: at.toISOString() })
    .where("id", "=", action.id)
    .where("org_id", "=", action.org_id)
    .where("version", "=", version)
    .executeTakeFirst();
  if (Number(res.numUpdatedRows) !== 1) throw new FieldError("version", "staleAction");
}

/** The member explains (giải trình) what happened and what they did about it. */
export async function explainAction(db: DB, ctx: Ctx, viewer: InspectionViewer, inspectionId: string, input: { actionId: string; explanation: string; version: number }) {
  const { inspection, action } = await loadAction(db, viewer, inspectionId, input.actionId);
  if (!actionAllowed("explain", action.status, { member: action.membership_id === ctx.membershipId, conduct: viewer.conduct })) {
    if (action.membership_id === ctx.membershipId) throw new FieldError("version", "actionClosed");
    forbidden();
  }
  await writeTx(db, async (tx) => {
    await bumpAction(tx, action, input.version, { status: "explained", explanation: input.explanation, explained_at: ctx.now.toISOString() }, ctx.now);
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: "inspection.actionExplained", entityType: "inspection_action", entityId: action.id, at: ctx.now });
    // Whoever raised it (and the inspection's inspector) is told the explanation waits for them.
    const [actor, item] = await Promise.all([
      tx.selectFrom("users").select("full_name").where("id", "=", ctx.actorUserId).executeTakeFirstOrThrow(),
      actionItemLabel(tx, action),
    ]);
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [action.created_by, inspection.inspector_id],
      except: ctx.membershipId,
      kind: "actionExplained",
      params: { actor: actor.full_name, item },
      path: `/inspections/${inspectionId}#action-${action.id}`,
      at: ctx.now,
    });
  });
}

/** The inspector concludes: resolved, or not resolved. Either way it is closed. */
export async function verifyAction(
  db: DB,
  ctx: Ctx,
  viewer: InspectionViewer,
  inspectionId: string,
  input: { intent: "resolve" | "notResolved"; actionId: string; note?: string; version: number },
) {
  const { inspection, relation, action } = await loadAction(db, viewer, inspectionId, input.actionId);
  ensure("verifyAction", inspection, relation);
  // Nobody concludes a corrective action raised against themselves.
  refuseOwnCase(ctx.membershipId, [action.membership_id]);
  if (!actionAllowed("verify", action.status, { member: false, conduct: viewer.conduct })) alreadyDecided();
  const status: ActionStatus = input.intent === "resolve" ? "resolved" : "unresolved";
  await writeTx(db, async (tx) => {
    // Concluded only from a pending state, in the same statement as the version check.
    const res = await tx
      .updateTable("inspection_actions")
      .set({ status, verified_by: ctx.membershipId, verified_at: ctx.now.toISOString(), verification_note: input.note ?? "", version: input.version + 1, updated_at: ctx.now.toISOString() })
      .where("id", "=", action.id)
      .where("org_id", "=", ctx.orgId)
      .where("status", "in", PENDING_ACTION_STATUSES)
      .where("version", "=", input.version)
      .executeTakeFirst();
    if (Number(res.numUpdatedRows) !== 1) {
      const now = await tx.selectFrom("inspection_actions").select("status").where("id", "=", action.id).where("org_id", "=", ctx.orgId).executeTakeFirstOrThrow();
      if (!PENDING_ACTION_STATUSES.includes(now.status)) alreadyDecided();
      throw new FieldError("version", "staleAction");
    }
    await audit(tx, { orgId: ctx.orgId, actorUserId: ctx.actorUserId, action: `inspection.action${status === "resolved" ? "Resolved" : "Unresolved"}`, entityType: "inspection_action", entityId: action.id, at: ctx.now });
    // The member learns the conclusion.
    await notify(tx, {
      orgId: ctx.orgId,
      recipients: [action.membership_id],
      except: ctx.membershipId,
      kind: "actionVerified",
      params: { item: await actionItemLabel(tx, action), decision: status },
      path: `/inspections/${inspectionId}#action-${action.id}`,
      at: ctx.now,
    });
  });
}

// ---- pages ----

/** Everything the inspection page shows, limited to what the viewer may see, in a fixed number of queries. */
export async function inspectionPage(db: Executor, viewer: InspectionViewer, inspection: Inspection, relation: InspectionRelation) {
  const everyone = seesEveryone(relation);
  const orgId = viewer.orgId;
  const id = inspection.id;
  let membersQ = db
    .selectFrom("inspection_members as im")
    .innerJoin("memberships as m", "m.id", "im.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("positions as p", "p.id", "m.position_id")
    .select(["im.membership_id as id", "u.full_name as name", "m.title", "p.counter", "im.note", "im.score", "im.pass_count as pass", "im.fail_count as fail", "im.na_count as na"])
    .where("im.org_id", "=", orgId)
    .where("im.inspection_id", "=", id);
  let resultsQ = db
    .selectFrom("inspection_results")
    .select(["id", "membership_id as membershipId", "item_id as itemId", "outcome", "note"])
    .where("org_id", "=", orgId)
    .where("inspection_id", "=", id);
  let photosQ = db
    .selectFrom("inspection_photos")
    .select(["id", "membership_id as membershipId", "item_id as itemId", "file_name as fileName", "size", "created_at as createdAt"])
    .where("org_id", "=", orgId)
    .where("inspection_id", "=", id);
  let addendaQ = db
    .selectFrom("inspection_addenda as a")
    .innerJoin("memberships as m", "m.id", "a.created_by")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["a.id", "a.text", "a.membership_id as membershipId", "a.created_at as createdAt", "u.full_name as authorName"])
    .where("a.org_id", "=", orgId)
    .where("a.inspection_id", "=", id);
  let actionsQ = db
    .selectFrom("inspection_actions as c")
    .innerJoin("inspection_template_items as it", "it.id", "c.item_id")
    .innerJoin("memberships as m", "m.id", "c.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .leftJoin("memberships as vm", "vm.id", "c.verified_by")
    .leftJoin("users as vu", "vu.id", "vm.user_id")
    .select([
      "c.id",
      "c.result_id as resultId",
      "c.membership_id as membershipId",
      "c.requirement",
      "c.due_date as dueDate",
      "c.status",
      "c.explanation",
      "c.explained_at as explainedAt",
      "c.verified_at as verifiedAt",
      "c.verification_note as verificationNote",
      "c.version",
      "c.created_at as createdAt",
      "it.code",
      "it.text as itemText",
      "u.full_name as memberName",
      "vu.full_name as verifierName",
    ])
    .where("c.org_id", "=", orgId)
    .where("c.inspection_id", "=", id);
  if (!everyone) {
    membersQ = membersQ.where("im.membership_id", "=", viewer.membershipId);
    resultsQ = resultsQ.where("membership_id", "=", viewer.membershipId);
    photosQ = photosQ.where("membership_id", "=", viewer.membershipId);
    addendaQ = addendaQ.where("a.membership_id", "=", viewer.membershipId);
    actionsQ = actionsQ.where("c.membership_id", "=", viewer.membershipId);
  }
  const [head, items, members, results, photos, addenda, actions] = await Promise.all([
    db
      .selectFrom("inspections as i")
      .innerJoin("memberships as m", "m.id", "i.inspector_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .innerJoin("inspection_templates as t", "t.id", "i.template_id")
      .innerJoin("inspection_template_versions as v", "v.id", "i.template_version_id")
      .select(["u.full_name as inspectorName", "m.title as inspectorTitle", "t.name as templateName", "v.number as templateVersion"])
      .where("i.org_id", "=", orgId)
      .where("i.id", "=", id)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("inspection_template_items")
      .select(["id", "code", "text", "basis", "weight"])
      .where("org_id", "=", orgId)
      .where("version_id", "=", inspection.template_version_id)
      .orderBy("sort_order")
      .limit(500)
      .execute(),
    membersQ.orderBy("p.sort_order").orderBy("u.full_name").limit(100).execute(),
    resultsQ.limit(6000).execute(),
    photosQ.orderBy("created_at").limit(100).execute(),
    addendaQ.orderBy("a.created_at").limit(200).execute(),
    actionsQ.orderBy("c.created_at").limit(500).execute(),
  ]);
  return { head, items, members, results, photos, addenda, actions, everyone };
}

/** Marks corrective actions that are overdue as of `today`. */
export function withOverdue<T extends { status: string; dueDate: string }>(actions: T[], today: string): (T & { overdue: boolean })[] {
  return actions.map((a) => ({ ...a, overdue: isActionOverdue({ status: a.status, due_date: a.dueDate }, today) }));
}

// ---- the list ----

export const INSPECTION_PAGE_SIZE = 25;
export const RESULT_FILTERS = ["all", "pass", "fail"] as const;

export interface InspectionFilters {
  from: string;
  to: string;
  memberId?: string;
  result: (typeof RESULT_FILTERS)[number];
  status: "all" | InspectionStatus;
  page: number;
}

/** Filters from the query string; the period defaults to the last three months. Unknown values are ignored. */
export function parseInspectionFilters(params: URLSearchParams, today: string): InspectionFilters {
  const from = parseDateInput(params.get("from"));
  const to = parseDateInput(params.get("to"));
  const result = params.get("result") ?? "";
  const status = params.get("status") ?? "";
  const f: InspectionFilters = {
    from: from ?? `${addDays(today, -92).slice(0, 7)}-01`,
    to: to ?? today,
    memberId: params.get("member")?.slice(0, 64) || undefined,
    result: (RESULT_FILTERS as readonly string[]).includes(result) ? (result as InspectionFilters["result"]) : "all",
    status: status === "draft" || status === "submitted" ? status : "all",
    page: pageParam(params),
  };
  if (f.to < f.from) [f.from, f.to] = [f.to, f.from];
  return f;
}

/**
 * One page of inspections. Leaders and inspectors see the centre's (drafts included); staff see
 * only submitted inspections in which they were inspected, with their own result.
 */
export async function listInspections(db: Executor, viewer: InspectionViewer, f: InspectionFilters) {
  const memberId = viewer.viewAll ? f.memberId : viewer.membershipId;
  let q = db.selectFrom("inspections as i").where("i.org_id", "=", viewer.orgId).where("i.inspected_date", ">=", f.from).where("i.inspected_date", "<=", f.to);
  if (!viewer.viewAll) q = q.where("i.status", "=", "submitted");
  else if (f.status !== "all") q = q.where("i.status", "=", f.status);
  if (memberId || f.result !== "all") {
    q = q.where((eb) => {
      let sub = eb.selectFrom("inspection_members as im").select("im.id").whereRef("im.inspection_id", "=", "i.id").where("im.org_id", "=", viewer.orgId);
      if (memberId) sub = sub.where("im.membership_id", "=", memberId);
      if (f.result === "fail") sub = sub.where("im.fail_count", ">", 0);
      if (f.result === "pass" && memberId) sub = sub.where("im.fail_count", "=", 0);
      if (f.result === "pass" && !memberId) {
        // No inspected member failed anything.
        const failed = eb.selectFrom("inspection_members as fm").select("fm.id").whereRef("fm.inspection_id", "=", "i.id").where("fm.org_id", "=", viewer.orgId).where("fm.fail_count", ">", 0);
        return eb.and([eb.exists(sub), eb.not(eb.exists(failed))]);
      }
      return eb.exists(sub);
    });
  }
  const [rows, count] = await Promise.all([
    q
      .innerJoin("memberships as m", "m.id", "i.inspector_id")
      .innerJoin("users as u", "u.id", "m.user_id")
      .select(["i.id", "i.inspected_at as inspectedAt", "i.place", "i.counter", "i.status", "i.mode", "u.full_name as inspectorName"])
      .orderBy("i.inspected_at", "desc")
      .orderBy("i.id")
      .limit(INSPECTION_PAGE_SIZE + 1)
      .offset((f.page - 1) * INSPECTION_PAGE_SIZE)
      .execute(),
    q.select((eb) => eb.fn.countAll<number>().as("n")).executeTakeFirstOrThrow(),
  ]);
  const page = rows.slice(0, INSPECTION_PAGE_SIZE);
  const ids = page.map((r) => r.id);
  let membersQ = db
    .selectFrom("inspection_members as im")
    .innerJoin("memberships as m", "m.id", "im.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["im.inspection_id as inspectionId", "im.membership_id as id", "u.full_name as name", "im.score", "im.fail_count as fail"])
    .where("im.org_id", "=", viewer.orgId);
  if (!viewer.viewAll) membersQ = membersQ.where("im.membership_id", "=", viewer.membershipId);
  const members = ids.length ? await membersQ.where("im.inspection_id", "in", ids).orderBy("u.full_name").limit(ids.length * 40).execute() : [];
  return {
    inspections: page.map((r) => ({ ...r, members: members.filter((m) => m.inspectionId === r.id) })),
    total: Number(count.n),
    hasNext: rows.length > INSPECTION_PAGE_SIZE,
  };
}

/**
 * Corrective actions for the list page: for staff, their own (newest first); for leaders and
 * inspectors, every action still waiting for someone, due date first.
 */
export async function actionsFor(db: Executor, viewer: InspectionViewer, today: string, mineOnly: boolean) {
  let q = db
    .selectFrom("inspection_actions as c")
    .innerJoin("inspection_template_items as it", "it.id", "c.item_id")
    .innerJoin("memberships as m", "m.id", "c.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .innerJoin("inspections as i", "i.id", "c.inspection_id")
    .select([
      "c.id",
      "c.inspection_id as inspectionId",
      "c.requirement",
      "c.due_date as dueDate",
      "c.status",
      "c.created_at as createdAt",
      "it.code",
      "it.text as itemText",
      "u.full_name as memberName",
      "i.inspected_at as inspectedAt",
    ])
    .where("c.org_id", "=", viewer.orgId);
  if (mineOnly) q = q.where("c.membership_id", "=", viewer.membershipId).orderBy("c.created_at", "desc");
  else q = q.where("c.status", "in", PENDING_ACTION_STATUSES).orderBy("c.due_date").orderBy("c.created_at");
  return withOverdue(await q.limit(100).execute(), today);
}

/**
 * Explanations waiting for a conclusion that this member may give: every explained corrective action
 * of a submitted inspection except one about themselves (the caller checks that the member conducts
 * inspections). Indexed by (org_id, status, due_date).
 */
export function explanationsAwaiting(db: Executor, orgId: string, membershipId: string) {
  return db
    .selectFrom("inspection_actions as c")
    .innerJoin("inspections as i", "i.id", "c.inspection_id")
    .innerJoin("inspection_template_items as it", "it.id", "c.item_id")
    .innerJoin("memberships as m", "m.id", "c.membership_id")
    .innerJoin("users as u", "u.id", "m.user_id")
    .select(["c.id", "c.inspection_id as inspectionId", "it.code", "it.text", "c.due_date as date", "c.explained_at as at", "u.full_name as who"])
    .where("c.org_id", "=", orgId)
    .where("c.status", "=", "explained")
    .where("i.status", "=", "submitted")
    .where("c.membership_id", "!=", membershipId);
}
