import type { FileLimits } from "../../utils/limits";
import { z } from "zod";
import { FREQUENCIES, PRIORITIES, SOURCE_KINDS } from "./rules";
import { isoDate } from "../../utils/schema";

const date = isoDate();
const time = z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, "timeFormat");
/** Text up to `max`; left empty (Conform sends nothing), it is refused with `required` — the field's own words. */
const text = (max: number, required = "required") => z.string({ required_error: required }).trim().max(max, "tooLong");
const version = z.number({ required_error: "required", invalid_type_error: "invalid" }).int();

/** The task form; a draft may leave most of it empty, assigning needs all six "rõ". */
export const taskFormSchema = z.object({
  intent: z.enum(["draft", "assign"]),
  title: text(300, "titleRequired").min(3, "titleRequired"),
  description: text(10000).optional(),
  assigneeId: z.string().optional(),
  coworkerIds: z.array(z.string()).max(30).optional(),
  followerIds: z.array(z.string()).max(30).optional(),
  approverId: z.string().optional(),
  sourceKind: z.enum(SOURCE_KINDS).optional(),
  sourceRef: text(200).optional(),
  startDate: date.optional(),
  deadlineDate: date.optional(),
  deadlineTime: time.optional(),
  deliverable: text(2000).optional(),
  priority: z.enum(PRIORITIES).default("normal"),
  planId: z.string().optional(),
  planItemId: z.string().optional(),
  recurrence: z.enum(["none", ...FREQUENCIES]).default("none"),
  version: version.optional(),
});
export type TaskFormInput = z.infer<typeof taskFormSchema>;

export const progressSchema = z.object({
  intent: z.literal("progress"),
  percent: z.number({ required_error: "required", invalid_type_error: "percentFormat" }).int("percentFormat").min(0, "percentFormat").max(100, "percentFormat"),
  note: text(2000).optional(),
  version,
});

export const submitSchema = z.object({
  intent: z.literal("submit"),
  text: text(5000, "submissionRequired").min(3, "submissionRequired"),
  version,
});

export const decisionSchema = z.object({
  intent: z.enum(["approve", "return"]),
  note: text(2000).optional(),
  version,
});

export const cancelSchema = z.object({
  intent: z.literal("cancel"),
  reason: text(2000, "reasonRequired").min(3, "reasonRequired"),
  /** Cancelling cannot be undone: the person ticks that they know (works without JavaScript). */
  confirm: z.literal("on", { errorMap: () => ({ message: "confirmCancel" }) }),
  version,
});

export const extensionRequestSchema = z.object({
  intent: z.literal("requestExtension"),
  requestedDate: isoDate("extensionDateRequired"),
  requestedTime: time.optional(),
  reason: text(2000, "reasonRequired").min(3, "reasonRequired"),
  version,
});

export const extensionDecisionSchema = z.object({
  intent: z.enum(["grantExtension", "refuseExtension"]),
  extensionId: z.string(),
  note: text(2000).optional(),
  version,
});

export const commentSchema = z.object({
  intent: z.literal("comment"),
  note: text(2000).min(1, "required"),
});

export const MAX_FILE_BYTES = 10 * 1024 * 1024;
export const MAX_FILES = 5;
/** What a task form may upload: files in the `files` field (see readForm). */
export const TASK_FILES: FileLimits = {
  maxFiles: MAX_FILES,
  maxFileBytes: MAX_FILE_BYTES,
  accepts: (name) => name === "files",
  field: "files",
  tooLarge: "fileTooLarge",
  tooMany: "tooManyFiles",
};
export const TASK_FILE_LIMITS = { maxBytes: MAX_FILE_BYTES, maxFiles: MAX_FILES };
