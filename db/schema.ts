import type { Generated, Insertable, Kysely, Selectable, Transaction, Updateable } from "kysely";

// Table types for Kysely. Instants are ISO-8601 UTC strings, calendar dates YYYY-MM-DD,
// booleans 0/1 integers (portable between SQLite and PostgreSQL).
//
// The types tell the truth: tests/integration/schema-types.test.ts migrates a fresh database and
// fails on any table, column, nullability or text/number difference with these interfaces.

// ---- Values of the text columns that hold a kind, a state or a role ----
// One list per column family, in one place: the union type is derived from it and the modules
// import both from here. The database refuses any other value: migrations/013_check_constraints.ts
// holds a frozen copy of each list (CHECK constraints; triggers on SQLite), and the schema test
// checks that the copy and the list are equal. A new value means a new migration.

/** Member roles; memberships.roles holds a comma-separated list of them (formatRoles). */
export const ROLES = ["admin", "director", "deputy", "inspector", "staff"] as const;
export type Role = (typeof ROLES)[number];

export const LOCALES = ["vi", "en"] as const;
export type Locale = (typeof LOCALES)[number];

/** calendar_days: an official decision that a date is off, or a working (make-up) day. */
export const CALENDAR_DAY_KINDS = ["off", "working"] as const;
export type CalendarDayKind = (typeof CALENDAR_DAY_KINDS)[number];

/** plan_items: a key task (trọng tâm) or a breakthrough (đột phá). */
export const PLAN_ITEM_KINDS = ["key", "breakthrough"] as const;
export type PlanItemKind = (typeof PLAN_ITEM_KINDS)[number];

export const FREQUENCIES = ["weekly", "monthly", "quarterly", "yearly"] as const;
export type Frequency = (typeof FREQUENCIES)[number];

export const TASK_STATUSES = ["draft", "assigned", "in_progress", "submitted", "returned", "done", "cancelled"] as const;
export type TaskStatus = (typeof TASK_STATUSES)[number];

export const PRIORITIES = ["low", "normal", "high", "urgent"] as const;
export type Priority = (typeof PRIORITIES)[number];

export const SOURCE_KINDS = ["plan", "meeting", "directive", "feedback", "adhoc"] as const;
export type SourceKind = (typeof SOURCE_KINDS)[number];

/** When a task was completed against its deadline (tasks.timeliness, timeliness_original). */
export const TIMELINESS = ["early", "on_time", "late"] as const;
export type Timeliness = (typeof TIMELINESS)[number];

export const TASK_MEMBER_ROLES = ["coworker", "follower"] as const;
export type TaskMemberRole = (typeof TASK_MEMBER_ROLES)[number];

/** The task timeline (task_events.kind). */
export const TASK_EVENT_KINDS = [
  "created",
  "assigned",
  "edited",
  "progress",
  "submitted",
  "approved",
  "returned",
  "cancelled",
  "extensionRequested",
  "extensionGranted",
  "extensionRefused",
  "comment",
  "recurred",
] as const;
export type TaskEventKind = (typeof TASK_EVENT_KINDS)[number];

export const SUBMISSION_DECISIONS = ["accepted", "returned"] as const;
export type SubmissionDecision = (typeof SUBMISSION_DECISIONS)[number];

export const EXTENSION_STATUSES = ["pending", "granted", "refused"] as const;
export type ExtensionStatus = (typeof EXTENSION_STATUSES)[number];

/** Whether an extension asked after the deadline keeps the task late or is refused (task_settings). */
export const LATE_EXTENSION_RULES = ["keep_late", "refuse"] as const;
export type LateExtensionRule = (typeof LATE_EXTENSION_RULES)[number];

/** Check in once a day, or once per morning and afternoon session. */
export const CHECKIN_MODES = ["day", "session"] as const;
export type CheckinMode = (typeof CHECKIN_MODES)[number];

export const ROSTER_DAY_MODES = ["nonworking", "all"] as const;
export type RosterDayMode = (typeof ROSTER_DAY_MODES)[number];

export const ROSTER_STATUSES = ["draft", "published"] as const;
export type RosterStatus = (typeof ROSTER_STATUSES)[number];

export const SLOT_KINDS = ["leader", "staff", "security"] as const;
export type SlotKind = (typeof SLOT_KINDS)[number];

export const SWAP_STATUSES = ["requested", "accepted", "declined", "approved", "refused"] as const;
export type SwapStatus = (typeof SWAP_STATUSES)[number];

/** What happened to a roster after publication (roster_changes.kind). */
export const ROSTER_CHANGE_KINDS = ["published", "reassigned", "swapped"] as const;
export type RosterChangeKind = (typeof ROSTER_CHANGE_KINDS)[number];

/** The part of the day a check-in (or a correction) is for: the whole day in "day" mode. */
export const ATTENDANCE_SESSIONS = ["day", "morning", "afternoon"] as const;
export type AttendanceSession = (typeof ATTENDANCE_SESSIONS)[number];

export const LEAVE_KINDS = ["annual", "sick", "business", "personal_paid", "personal_unpaid"] as const;
export type LeaveKind = (typeof LEAVE_KINDS)[number];

export const LEAVE_PARTS = ["full", "morning", "afternoon"] as const;
export type LeavePart = (typeof LEAVE_PARTS)[number];

export const LEAVE_STATUSES = ["pending", "approved", "refused", "cancelled"] as const;
export type LeaveStatus = (typeof LEAVE_STATUSES)[number];

export const CORRECTION_STATUSES = ["pending", "approved", "refused"] as const;
export type CorrectionStatus = (typeof CORRECTION_STATUSES)[number];

/** A checklist copied from the built-in one, from another checklist, or written from scratch. */
export const TEMPLATE_SOURCES = ["builtin", "copy", "new"] as const;
export type TemplateSource = (typeof TEMPLATE_SOURCES)[number];

export const INSPECTION_MODES = ["full", "quick"] as const;
export type InspectionMode = (typeof INSPECTION_MODES)[number];

export const INSPECTION_STATUSES = ["draft", "submitted"] as const;
export type InspectionStatus = (typeof INSPECTION_STATUSES)[number];

/** The result of one checklist item for one member. */
export const OUTCOMES = ["pass", "fail", "na"] as const;
export type Outcome = (typeof OUTCOMES)[number];

/** Corrective actions (chấn chỉnh). */
export const ACTION_STATUSES = ["open", "explained", "resolved", "unresolved"] as const;
export type ActionStatus = (typeof ACTION_STATUSES)[number];

/** A stored evaluation (monthly, quarterly or annual) or report: a draft until finalised. */
export const FINALISABLE_STATUSES = ["draft", "finalised"] as const;
export type FinalisableStatus = (typeof FINALISABLE_STATUSES)[number];

/** The four quality bands (NĐ 335/2025/NĐ-CP), best first. */
export const BANDS = ["excellent", "good", "completed", "failed"] as const;
export type Band = (typeof BANDS)[number];

export const PERIOD_KINDS = ["month", "quarter", "year", "custom"] as const;
export type ReportPeriodKind = (typeof PERIOD_KINDS)[number];

/** In-app notifications; each has a text in app/i18n/sections/notifications.ts. */
export const NOTIFICATION_KINDS = [
  "taskAssigned",
  "taskInvolved",
  "taskReturned",
  "taskApproved",
  "taskSubmitted",
  "extensionRequested",
  "extensionDecided",
  "deadlineTomorrow",
  "overdue",
  "rosterPublished",
  "shiftTomorrow",
  "swapRequested",
  "swapDecided",
  "leaveDecided",
  "correctionDecided",
  "findingRaised",
  "actionDue",
  "evaluationFinalised",
  "annualFinalised",
  "annualDue",
  "digest",
  "leaveRequested",
  "correctionRequested",
  "swapAccepted",
  "actionExplained",
  "actionVerified",
] as const;
export type NotificationKind = (typeof NOTIFICATION_KINDS)[number];

export const OUTBOX_CHANNELS = ["webhook", "telegram", "email"] as const;
export type OutboxChannel = (typeof OUTBOX_CHANNELS)[number];

export const OUTBOX_STATUSES = ["pending", "sending", "sent", "failed"] as const;
export type OutboxStatus = (typeof OUTBOX_STATUSES)[number];

/** Background jobs that keep a cursor and a lease in job_runs (migration 015, app/modules/jobs/runs.server.ts). */
export const JOB_NAMES = ["recurring-tasks", "reminders", "retention", "db-optimize", "centre-deletion"] as const;
export type JobName = (typeof JOB_NAMES)[number];

/** organizations.status: a suspended centre's members see only the suspension page (decision 0044). */
export const CENTRE_STATUSES = ["active", "suspended"] as const;
export type CentreStatus = (typeof CENTRE_STATUSES)[number];

// ---- Tables ----

export interface OrganizationsTable {
  id: string;
  slug: string;
  name: string;
  parent_body: string;
  province: string;
  place_name: string;
  created_at: string;
  /** 'suspended' also whenever deletion_due_at is set (migration 025). */
  status: Generated<CentreStatus>;
  suspended_at: string | null;
  suspension_reason: string | null;
  /** When the centre-deletion job may delete the centre; null when no deletion is scheduled. */
  deletion_due_at: string | null;
}

export interface UsersTable {
  id: string;
  username: string;
  full_name: string;
  full_name_search: string;
  phone: string | null;
  email: string | null;
  password_hash: string;
  must_change_password: Generated<number>;
  locale: Generated<Locale>;
  created_at: string;
  updated_at: string;
}

export interface SessionsTable {
  id: string;
  user_id: string;
  secret_hash: string;
  created_at: string;
  last_verified_at: string;
  expires_at: string;
  /** When the session passed the second factor (TOTP); null when none was asked or not yet given. */
  second_factor_at: Generated<string | null>;
}

/** An account of the service operator (migration 024, docs/decisions/0043): no membership anywhere. */
export interface OperatorsTable {
  user_id: string;
  created_at: string;
  created_by: string | null;
}

/**
 * A user's TOTP secret (base32, RFC 6238), in force once `confirmed_at` is set; `last_step` is the
 * time step of the last code accepted: a code of that step or an earlier one is refused (replay).
 */
export interface UserTotpTable {
  user_id: string;
  secret: string;
  confirmed_at: string | null;
  last_step: Generated<number>;
  created_at: string;
}

/** Sign-in attempts counted per (address, account), per address and per account (auth/throttle.ts). */
export interface LoginLimitsTable {
  key: string;
  failures: number;
  last_attempt_at: string;
  blocked_until: string;
}

export interface PositionsTable {
  id: string;
  org_id: string;
  name: string;
  counter: string;
  duties: string;
  sort_order: number;
  created_at: string;
  updated_at: string;
}

export interface MembershipsTable {
  id: string;
  org_id: string;
  user_id: string;
  title: string;
  position_id: string | null;
  /** Comma-separated role keys, e.g. "deputy,inspector". */
  roles: string;
  active: number;
  joined_on: string;
  left_on: string | null;
  /** Start of public service, for annual-leave seniority (defaults to joined_on). */
  service_start_date: Generated<string | null>;
  created_at: string;
  updated_at: string;
}

export interface PositionAssignmentsTable {
  id: string;
  org_id: string;
  membership_id: string;
  position_id: string;
  start_date: string;
  end_date: string | null;
  created_at: string;
}

export interface AuditLogTable {
  id: string;
  org_id: string | null;
  actor_user_id: string | null;
  action: string;
  entity_type: string;
  entity_id: string | null;
  details: string;
  created_at: string;
}

export interface CalendarDaysTable {
  id: string;
  org_id: string;
  date: string;
  kind: CalendarDayKind;
  name: string;
  source: string;
  created_at: string;
}

export interface PlansTable {
  id: string;
  org_id: string;
  title: string;
  year: number;
  reference: string;
  created_at: string;
}

export interface PlanItemsTable {
  id: string;
  org_id: string;
  plan_id: string;
  kind: PlanItemKind;
  title: string;
  created_at: string;
}

export interface TaskSeriesTable {
  id: string;
  org_id: string;
  template_task_id: string;
  frequency: Frequency;
  deadline_offset_days: number;
  active: number;
  created_at: string;
}

export interface TasksTable {
  id: string;
  org_id: string;
  title: string;
  title_search: string;
  description: string;
  status: TaskStatus;
  priority: Priority;
  assigner_id: string;
  assignee_id: string | null;
  approver_id: string | null;
  source_kind: SourceKind | null;
  source_ref: string;
  deliverable: string;
  start_date: string | null;
  deadline_date: string | null;
  deadline_time: string | null;
  deadline_at: string | null;
  original_deadline_date: string | null;
  original_deadline_time: string | null;
  original_deadline_at: string | null;
  plan_id: string | null;
  plan_item_id: string | null;
  progress: number;
  series_id: string | null;
  occurrence_key: string | null;
  assigned_at: string | null;
  completed_at: string | null;
  timeliness: Timeliness | null;
  timeliness_original: Timeliness | null;
  return_count: number;
  extension_count: number;
  cancel_reason: string | null;
  version: number;
  created_at: string;
  updated_at: string;
  /** The latest submission of a result (meaningful while status = submitted). */
  submitted_at: Generated<string | null>;
  /**
   * Set when an extension asked after the deadline was granted: the deadline that had already
   * passed. The task stays judged (overdue, timeliness, evaluation period) against it.
   */
  missed_deadline_at: Generated<string | null>;
}

export interface TaskMembersTable {
  task_id: string;
  org_id: string;
  membership_id: string;
  role: TaskMemberRole;
}

export interface TaskEventsTable {
  id: string;
  org_id: string;
  task_id: string;
  actor_id: string | null;
  kind: TaskEventKind;
  progress: number | null;
  note: string;
  data: string;
  created_at: string;
}

export interface TaskSubmissionsTable {
  id: string;
  org_id: string;
  task_id: string;
  submitted_by: string;
  text: string;
  submitted_at: string;
  decision: SubmissionDecision | null;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
}

export interface TaskExtensionsTable {
  id: string;
  org_id: string;
  task_id: string;
  requested_by: string;
  from_deadline_date: string;
  from_deadline_time: string | null;
  requested_date: string;
  requested_time: string | null;
  reason: string;
  status: ExtensionStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  created_at: string;
}

export interface AttachmentsTable {
  id: string;
  org_id: string;
  task_id: string | null;
  submission_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  storage_key: string;
  uploaded_by: string;
  created_at: string;
}

/**
 * A file kept in the database (FILE_STORAGE=database; app/modules/files/store.server.ts). `key` is
 * the storage_key of the attachment or photo that refers to it.
 */
/** A body that supervises centres, read-only (migration 023, docs/decisions/0042-oversight.md). */
export interface OversightGroupsTable {
  id: string;
  slug: string;
  name: string;
  parent_body: string;
  place_name: string;
  created_at: string;
}

/** The centres an oversight group sees. */
export interface OversightCentresTable {
  group_id: string;
  org_id: string;
  added_at: string;
}

/** The accounts that may open an oversight group. */
export interface OversightMembersTable {
  group_id: string;
  user_id: string;
  active: Generated<number>;
  added_at: string;
}

export interface StoredFilesTable {
  org_id: string;
  key: string;
  size: number;
  content_type: string;
  /** Hex SHA-256 of `bytes`, computed when stored and checked by `files migrate`. */
  sha256: string;
  bytes: Uint8Array;
  created_at: string;
}

/**
 * A one-time invitation link (app/modules/auth/invitations.server.ts, migration 021): only the
 * SHA-256 of the token is kept. Open while `used_at` and `revoked_at` are null and before `expires_at`.
 */
export interface InvitationsTable {
  id: string;
  org_id: string;
  membership_id: string;
  token_hash: string;
  created_by: string | null;
  created_at: string;
  expires_at: string;
  used_at: string | null;
  revoked_at: string | null;
}

export interface OrgSettingsTable {
  org_id: string;
  saturday_opening: number;
  saturday_start: string;
  saturday_end: string;
  grace_minutes: number;
  checkin_mode: CheckinMode;
  holiday_weight: number;
  weekend_weight: number;
  updated_at: string;
  /** Office networks allowed to check in from, CIDR, one per line; empty = anywhere. */
  allowed_networks: Generated<string>;
  annual_leave_base: Generated<number>;
  annual_leave_years_per_extra: Generated<number>;
}

export interface WorkSeasonsTable {
  id: string;
  org_id: string;
  name: string;
  from_md: string;
  to_md: string;
  morning_start: string;
  morning_end: string;
  afternoon_start: string;
  afternoon_end: string;
  created_at: string;
}

export interface RostersTable {
  id: string;
  org_id: string;
  title: string;
  start_date: string;
  end_date: string;
  day_mode: RosterDayMode;
  status: RosterStatus;
  version: number;
  created_by: string;
  published_at: string | null;
  published_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface RosterSlotsTable {
  id: string;
  org_id: string;
  roster_id: string;
  date: string;
  kind: SlotKind;
  position: number;
  start_time: string;
  end_time: string;
  weight: number;
  membership_id: string | null;
  confirmed_at: string | null;
  checked_in_at: string | null;
  updated_at: string;
}

export interface RosterSwapsTable {
  id: string;
  org_id: string;
  roster_id: string;
  slot_id: string;
  requested_by: string;
  target_id: string;
  reason: string;
  status: SwapStatus;
  accepted_at: string | null;
  decided_by: string | null;
  decided_at: string | null;
  created_at: string;
}

export interface RosterChangesTable {
  id: string;
  org_id: string;
  roster_id: string;
  slot_id: string | null;
  actor_id: string | null;
  kind: RosterChangeKind;
  from_member: string | null;
  to_member: string | null;
  note: string;
  created_at: string;
}

/**
 * A member's attendance figures for a closed month, as the attendance rules computed them, with the
 * fingerprint of their inputs (migration 019, docs/decisions/0035-attendance-month-facts.md).
 */
export interface AttendanceMonthFactsTable {
  org_id: string;
  membership_id: string;
  /** YYYY-MM */
  month: string;
  /** The last day counted: the month's last day, or (the current month) yesterday. */
  through: string;
  fingerprint: string;
  worked_halves: number;
  attended: number;
  on_time: number;
  late_minutes: number;
  early_count: number;
  absent_halves: number;
  /** JSON: leave kind → half days of leave on working days. */
  leave_halves: string;
  computed_at: string;
  /** Working days judged present or absent (not on a full day's leave): the report's "expected" (migration 022). */
  expected: Generated<number>;
}

export interface AttendanceRecordsTable {
  id: string;
  org_id: string;
  membership_id: string;
  date: string;
  session: AttendanceSession;
  check_in_at: string;
  check_in_ip: string;
  check_out_at: string | null;
  check_out_ip: string;
  created_at: string;
}

export interface LeaveRequestsTable {
  id: string;
  org_id: string;
  membership_id: string;
  kind: LeaveKind;
  start_date: string;
  end_date: string;
  part: LeavePart;
  days: number;
  reason: string;
  status: LeaveStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  created_at: string;
}

export interface AttendanceCorrectionsTable {
  id: string;
  org_id: string;
  membership_id: string;
  date: string;
  session: AttendanceSession;
  check_in_time: string | null;
  check_out_time: string | null;
  reason: string;
  status: CorrectionStatus;
  decided_by: string | null;
  decided_at: string | null;
  decision_note: string;
  created_at: string;
}

export interface InspectionTemplatesTable {
  id: string;
  org_id: string;
  name: string;
  source: TemplateSource;
  active: number;
  current_version_id: string | null;
  version: number;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionTemplateVersionsTable {
  id: string;
  org_id: string;
  template_id: string;
  number: number;
  created_by: string | null;
  created_at: string;
}

export interface InspectionTemplateItemsTable {
  id: string;
  org_id: string;
  version_id: string;
  code: string;
  text: string;
  basis: string;
  weight: number;
  sort_order: number;
}

export interface InspectionsTable {
  id: string;
  org_id: string;
  template_id: string;
  template_version_id: string;
  inspector_id: string;
  inspected_at: string;
  /** The calendar date of inspected_at in Vietnam. */
  inspected_date: string;
  place: string;
  counter: string;
  mode: InspectionMode;
  status: InspectionStatus;
  note: string;
  version: number;
  submitted_at: string | null;
  created_at: string;
  updated_at: string;
}

export interface InspectionMembersTable {
  id: string;
  org_id: string;
  inspection_id: string;
  membership_id: string;
  note: string;
  score: number | null;
  pass_count: number;
  fail_count: number;
  na_count: number;
}

export interface InspectionResultsTable {
  id: string;
  org_id: string;
  inspection_id: string;
  membership_id: string;
  item_id: string;
  outcome: Outcome;
  note: string;
  updated_at: string;
}

export interface InspectionPhotosTable {
  id: string;
  org_id: string;
  inspection_id: string;
  membership_id: string | null;
  item_id: string | null;
  file_name: string;
  content_type: string;
  size: number;
  storage_key: string;
  uploaded_by: string;
  created_at: string;
}

export interface InspectionAddendaTable {
  id: string;
  org_id: string;
  inspection_id: string;
  membership_id: string | null;
  text: string;
  created_by: string;
  created_at: string;
}

export interface InspectionActionsTable {
  id: string;
  org_id: string;
  inspection_id: string;
  result_id: string;
  membership_id: string;
  item_id: string;
  requirement: string;
  due_date: string;
  status: ActionStatus;
  explanation: string;
  explained_at: string | null;
  verified_by: string | null;
  verified_at: string | null;
  verification_note: string;
  version: number;
  created_by: string;
  created_at: string;
  updated_at: string;
}

export interface EvaluationsTable {
  id: string;
  org_id: string;
  membership_id: string;
  /** 'YYYY-MM' or 'YYYY-Qn'. */
  period: string;
  political_points: number | null;
  political_note: Generated<string>;
  ethics_points: number | null;
  ethics_note: Generated<string>;
  style_points: number | null;
  style_note: Generated<string>;
  discipline_points: number | null;
  discipline_note: Generated<string>;
  disciplined: Generated<number>;
  disciplined_note: Generated<string>;
  /** Entered by the evaluator; used only when no task was due in the period. */
  manual_task_points: number | null;
  manual_task_note: Generated<string>;
  evaluated_by: string | null;
  evaluated_at: string | null;
  self_assessment: Generated<string>;
  self_assessed_at: string | null;
  status: FinalisableStatus;
  /** JSON of the computed figures, frozen at finalisation. */
  figures: string | null;
  total: number | null;
  band: Band | null;
  finalised_by: string | null;
  finalised_at: string | null;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface AnnualEvaluationsTable {
  id: string;
  org_id: string;
  membership_id: string;
  year: number;
  political_points: number | null;
  political_note: Generated<string>;
  ethics_points: number | null;
  ethics_note: Generated<string>;
  style_points: number | null;
  style_note: Generated<string>;
  discipline_points: number | null;
  discipline_note: Generated<string>;
  disciplined: Generated<number>;
  disciplined_note: Generated<string>;
  /** Away from work 3 to under 6 months in the year: not above "Hoàn thành nhiệm vụ". */
  absent: Generated<number>;
  absent_note: Generated<string>;
  /** A band lower than the points give, chosen by the evaluator with a reason; null = as computed. */
  chosen_band: Band | null;
  chosen_band_note: Generated<string>;
  comment: Generated<string>;
  evaluated_by: string | null;
  evaluated_at: string | null;
  self_assessment: Generated<string>;
  self_band: Band | null;
  self_assessed_at: string | null;
  status: FinalisableStatus;
  /** JSON of the computed figures, frozen at finalisation. */
  figures: string | null;
  total: number | null;
  band: Band | null;
  finalised_by: string | null;
  finalised_at: string | null;
  early_reason: Generated<string>;
  version: number;
  created_at: string;
  updated_at: string;
}

export interface EvaluationSettingsTable {
  org_id: string;
  weight_quantity: number;
  weight_quality: number;
  weight_timeliness: number;
  updated_by: string | null;
  updated_at: string;
}

export interface EvaluationWeightVersionsTable {
  id: string;
  org_id: string;
  /** YYYY-MM-DD: a period is scored with the weights in force on its last day. */
  effective_from: string;
  weight_quantity: number;
  weight_quality: number;
  weight_timeliness: number;
  updated_by: string | null;
  updated_at: string;
}

export interface ScheduleVersionsTable {
  id: string;
  org_id: string;
  /** YYYY-MM-DD: the version applies from this day until the next version's day. */
  effective_from: string;
  saturday_opening: number;
  saturday_start: string;
  saturday_end: string;
  grace_minutes: number;
  checkin_mode: CheckinMode;
  holiday_weight: number;
  weekend_weight: number;
  /** JSON array of seasons; [] = the built-in default season. */
  seasons: string;
  /** JSON array of membership ids on the Saturday-morning rota. */
  saturday_staff: string;
  created_by: string | null;
  created_at: string;
  updated_at: string;
}

export interface HolidayRulesTable {
  id: string;
  org_id: string;
  rule_key: string;
  month: number;
  day: number;
  name: string;
  from_year: number;
  to_year: number | null;
  confirmed: number;
  enabled: number;
  source: string;
  updated_by: string | null;
  updated_at: string;
}

export interface TaskSettingsTable {
  org_id: string;
  late_extensions: LateExtensionRule;
  updated_by: string | null;
  updated_at: string;
}

export interface NotificationsTable {
  id: string;
  org_id: string;
  membership_id: string;
  kind: NotificationKind;
  params: string;
  link: string;
  dedupe_key: string | null;
  read_at: string | null;
  created_at: string;
}

export interface OutboxTable {
  id: string;
  org_id: string;
  notification_id: string | null;
  channel: OutboxChannel;
  destination: string;
  payload: string;
  status: OutboxStatus;
  attempts: number;
  next_attempt_at: string;
  locked_until: string | null;
  last_error: string;
  sent_at: string | null;
  created_at: string;
}

export interface OrgChannelsTable {
  org_id: string;
  webhook_url: string;
  webhook_secret: string;
  telegram_token: string;
  email_endpoint: string;
  email_key: string;
  email_from: string;
  digest_hour: number;
  updated_at: string;
}

export interface MemberChannelsTable {
  membership_id: string;
  org_id: string;
  webhook: number;
  telegram_chat_id: string;
  email: number;
  updated_at: string;
}

export interface ReportsTable {
  id: string;
  org_id: string;
  period_kind: ReportPeriodKind;
  /** '2026-02', '2026-Q1', '2026' or '2026-02-01_2026-02-15' (custom). */
  period_key: string;
  period_from: string;
  period_to: string;
  /** The summary line under "BÁO CÁO". */
  title: string;
  /** '04/BC-TTPVHCC', printed after "Số: ". */
  number: Generated<string>;
  place: Generated<string>;
  report_date: string;
  /** Nơi nhận, one per line. */
  recipients: Generated<string>;
  signer_title: Generated<string>;
  signer_name: Generated<string>;
  section_situation: Generated<string>;
  section_organisation: Generated<string>;
  section_results: Generated<string>;
  section_assessment: Generated<string>;
  section_solutions: Generated<string>;
  section_conclusion: Generated<string>;
  status: FinalisableStatus;
  /** JSON of the figures (this period and the previous one), frozen at finalisation. */
  figures: string | null;
  version: number;
  created_by: string;
  finalised_by: string | null;
  finalised_at: string | null;
  created_at: string;
  updated_at: string;
}

/** One row per background job: its cursor and lease (server/jobs.ts, migration 015). */
export interface JobRunsTable {
  job: JobName;
  /** JSON: where the job stopped and what it has done today (each job's own shape). */
  cursor: Generated<string>;
  last_started_at: string | null;
  last_finished_at: string | null;
  last_result: Generated<number>;
  /** Who holds the job while it runs, and until when (a crashed holder's lease expires). */
  lease_owner: string | null;
  lease_until: string | null;
  updated_at: string;
}

export interface Database {
  organizations: OrganizationsTable;
  users: UsersTable;
  sessions: SessionsTable;
  login_limits: LoginLimitsTable;
  operators: OperatorsTable;
  user_totp: UserTotpTable;
  invitations: InvitationsTable;
  positions: PositionsTable;
  memberships: MembershipsTable;
  position_assignments: PositionAssignmentsTable;
  audit_log: AuditLogTable;
  calendar_days: CalendarDaysTable;
  plans: PlansTable;
  plan_items: PlanItemsTable;
  task_series: TaskSeriesTable;
  tasks: TasksTable;
  task_members: TaskMembersTable;
  task_events: TaskEventsTable;
  task_submissions: TaskSubmissionsTable;
  task_extensions: TaskExtensionsTable;
  attachments: AttachmentsTable;
  stored_files: StoredFilesTable;
  oversight_groups: OversightGroupsTable;
  oversight_centres: OversightCentresTable;
  oversight_members: OversightMembersTable;
  org_settings: OrgSettingsTable;
  work_seasons: WorkSeasonsTable;
  rosters: RostersTable;
  roster_slots: RosterSlotsTable;
  roster_swaps: RosterSwapsTable;
  roster_changes: RosterChangesTable;
  attendance_records: AttendanceRecordsTable;
  attendance_month_facts: AttendanceMonthFactsTable;
  leave_requests: LeaveRequestsTable;
  attendance_corrections: AttendanceCorrectionsTable;
  inspection_templates: InspectionTemplatesTable;
  inspection_template_versions: InspectionTemplateVersionsTable;
  inspection_template_items: InspectionTemplateItemsTable;
  inspections: InspectionsTable;
  inspection_members: InspectionMembersTable;
  inspection_results: InspectionResultsTable;
  inspection_photos: InspectionPhotosTable;
  inspection_addenda: InspectionAddendaTable;
  inspection_actions: InspectionActionsTable;
  evaluations: EvaluationsTable;
  evaluation_settings: EvaluationSettingsTable;
  evaluation_weight_versions: EvaluationWeightVersionsTable;
  annual_evaluations: AnnualEvaluationsTable;
  schedule_versions: ScheduleVersionsTable;
  holiday_rules: HolidayRulesTable;
  task_settings: TaskSettingsTable;
  notifications: NotificationsTable;
  outbox: OutboxTable;
  org_channels: OrgChannelsTable;
  member_channels: MemberChannelsTable;
  reports: ReportsTable;
  job_runs: JobRunsTable;
}

export type DB = Kysely<Database>;
export type Tx = Transaction<Database>;
/** Either the database or an open transaction: services accept both. */
export type Executor = DB | Tx;

export type Organization = Selectable<OrganizationsTable>;
export type User = Selectable<UsersTable>;
export type Membership = Selectable<MembershipsTable>;
export type Position = Selectable<PositionsTable>;
export type Task = Selectable<TasksTable>;
export type NewUser = Insertable<UsersTable>;
export type UserUpdate = Updateable<UsersTable>;
