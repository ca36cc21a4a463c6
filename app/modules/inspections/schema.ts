import { z } from "zod";
import { MAX_ITEM_WEIGHT, MAX_MEMBERS_PER_INSPECTION, MAX_TEMPLATE_ITEMS, OUTCOMES, templateItemErrors } from "./rules";
import { isoDate } from "../../utils/schema";

const date = isoDate();
const text = (max: number) => z.string().trim().max(max, "tooLong");
const version = z.number({ required_error: "required", invalid_type_error: "invalid" }).int();
const id = z.string().max(64);
const memberIds = z
  .array(id, { required_error: "membersRequired" })
  .min(1, "membersRequired")
  .max(MAX_MEMBERS_PER_INSPECTION, "tooManyMembers");
/** { [membershipId]: { [itemId]: value } } as Conform reads `name.<member>.<item>`. */
const grid = <T extends z.ZodTypeAny>(value: T) => z.record(id, z.record(id, value));

/** A new inspection (full form): it opens as a draft whose results are then recorded. */
export const createInspectionSchema = z
  .object({
    intent: z.literal("create"),
    inspectedAt: z.string().regex(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}$/, "inspectedAtFormat").optional(),
    place: text(200).optional(),
    counter: text(200).optional(),
    memberIds,
    templateId: z.string({ required_error: "templateRequired" }).max(64),
    note: text(2000).optional(),
  })
  .refine((v) => Boolean(v.place || v.counter), { path: ["place"], message: "placeRequired" });
export type CreateInspectionInput = z.infer<typeof createInspectionSchema>;

/** Quick mode: a counter, its members, everything passes but what was tapped; saved or submitted at once. */
export const quickInspectionSchema = z.object({
  intent: z.enum(["quickSubmit", "quickDraft"]),
  counter: text(200).min(1, "counterRequired"),
  memberIds,
  templateId: z.string({ required_error: "templateRequired" }).max(64),
  fail: grid(z.string()).optional(),
  /** What was seen, per failed item: `failNote.<member>.<item code>`. */
  failNote: grid(text(1000)).optional(),
  memberNote: z.record(id, text(1000)).optional(),
  note: text(2000).optional(),
});
export type QuickInspectionInput = z.infer<typeof quickInspectionSchema>;

/** The results grid of a draft: one outcome and note per member × item, and a note per member. */
export const resultsSchema = z.object({
  intent: z.enum(["saveResults", "submit"]),
  outcome: grid(z.enum(OUTCOMES, { invalid_type_error: "invalidChoice" })).optional(),
  note: grid(text(1000)).optional(),
  memberNote: z.record(id, text(1000)).optional(),
  generalNote: text(2000).optional(),
  version,
});
export type ResultsInput = z.infer<typeof resultsSchema>;

export const photoSchema = z.object({
  intent: z.literal("addPhoto"),
  membershipId: id.optional(),
  itemId: id.optional(),
});

export const deletePhotoSchema = z.object({
  intent: z.literal("deletePhoto"),
  photoId: id,
});

export const deleteDraftSchema = z.object({
  intent: z.literal("deleteDraft"),
  /** Deleting a draft cannot be undone: the person ticks that they know (works without JavaScript). */
  confirm: z.literal("on", { errorMap: () => ({ message: "confirmIrreversible" }) }),
  version,
});

export const addendumSchema = z.object({
  intent: z.literal("addendum"),
  text: text(4000).min(3, "addendumRequired"),
  membershipId: id.optional(),
});

export const raiseActionSchema = z.object({
  intent: z.literal("raiseAction"),
  resultId: z.string({ required_error: "required" }).max(64),
  requirement: text(2000).min(3, "requirementRequired"),
  dueDate: date,
});

export const explainActionSchema = z.object({
  intent: z.literal("explain"),
  actionId: id,
  explanation: text(4000).min(3, "explanationRequired"),
  version,
});

export const verifyActionSchema = z.object({
  intent: z.enum(["resolve", "notResolved"]),
  actionId: id,
  note: text(2000).optional(),
  version,
});

// ---- templates ----

const itemRow = z.object({
  id: id.optional(),
  code: text(12).optional(),
  text: text(1000).optional(),
  basis: text(500).optional(),
  weight: z
    .number({ invalid_type_error: "weightFormat" })
    .int("weightFormat")
    .min(1, "weightFormat")
    .max(MAX_ITEM_WEIGHT, "weightFormat")
    .optional(),
  order: z.number({ invalid_type_error: "orderFormat" }).int("orderFormat").min(-9999, "orderFormat").max(9999, "orderFormat").optional(),
  remove: z.string().optional(),
});

/** The template form: its name and every item row (existing ones, plus a few empty rows to add). */
export const templateSchema = z
  .object({
    intent: z.literal("save"),
    name: text(200).min(3, "templateNameRequired"),
    items: z.array(itemRow).max(MAX_TEMPLATE_ITEMS + 10, "tooManyItems").default([]),
    version,
  })
  .superRefine((v, ctx) => {
    const errors = templateItemErrors(v.items.map((i) => ({ code: i.code, text: i.text, remove: Boolean(i.remove) })));
    for (const [path, message] of Object.entries(errors)) {
      const m = /^items\[(\d+)\]\.(\w+)$/.exec(path);
      ctx.addIssue({ code: z.ZodIssueCode.custom, path: m ? ["items", Number(m[1]), m[2]!] : ["items"], message });
    }
    const kept = v.items.filter((i) => !i.remove && (i.code || i.text)).length;
    if (kept > MAX_TEMPLATE_ITEMS) ctx.addIssue({ code: z.ZodIssueCode.custom, path: ["items"], message: "tooManyItems" });
  });
export type TemplateInput = z.infer<typeof templateSchema>;

export const templateStateSchema = z.object({
  intent: z.enum(["archive", "restore"]),
  version,
});

export const copyTemplateSchema = z.object({
  intent: z.enum(["copyBuiltin", "copy"]),
  templateId: id.optional(),
});
