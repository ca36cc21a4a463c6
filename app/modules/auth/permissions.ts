// Permissions are data: which role may do which action. The UI hides what `can` refuses and
// every loader and action checks it again on the server.

import { ROLES, type Role } from "../../../db/schema";

// Stored in memberships.roles, so the list lives with the table types (db/schema.ts).
export { ROLES, type Role };

export const PERMISSIONS = {
  "centre.view": ["admin", "director", "deputy", "inspector", "staff"],
  "staff.view": ["admin", "director", "deputy", "inspector", "staff"],
  "staff.manage": ["admin", "director"],
  "staff.resetPassword": ["admin", "director"],
  "staff.invite": ["admin"],
  "staff.import": ["admin"],
  "positions.view": ["admin", "director", "deputy", "inspector", "staff"],
  "positions.manage": ["admin", "director"],
  "audit.view": ["admin", "director"],
  "tasks.view": ["admin", "director", "deputy", "inspector", "staff"],
  "tasks.create": ["director", "deputy"],
  "tasks.viewAll": ["director", "deputy"],
  "calendar.view": ["admin", "director", "deputy", "inspector", "staff"],
  "calendar.manage": ["admin"],
  "schedule.view": ["admin", "director"],
  "schedule.manage": ["admin"],
  "rosters.view": ["admin", "director", "deputy", "inspector", "staff"],
  "rosters.manage": ["director", "deputy"],
  "attendance.checkIn": ["admin", "director", "deputy", "inspector", "staff"],
  "attendance.board": ["director", "deputy", "inspector"],
  "attendance.timesheet": ["admin", "director", "deputy"],
  "attendance.decide": ["director", "deputy"],
  "attendance.settings": ["admin"],
  "leave.request": ["admin", "director", "deputy", "inspector", "staff"],
  "leave.decide": ["director", "deputy"],
  "notifications.settings": ["admin"],
  "people.viewAll": ["admin", "director", "deputy"],
  "people.viewConduct": ["admin", "director", "deputy", "inspector"],
  "dashboard.centre": ["admin", "director", "deputy"],
  "inspections.view": ["admin", "director", "deputy", "inspector", "staff"],
  "inspections.viewAll": ["admin", "director", "deputy", "inspector"],
  "inspections.conduct": ["director", "deputy", "inspector"],
  "inspections.templates": ["admin", "director", "deputy", "inspector"],
  "evaluations.view": ["admin", "director", "deputy", "inspector", "staff"],
  "evaluations.viewAll": ["admin", "director", "deputy"],
  "evaluations.manage": ["director", "deputy"],
  /** Finalising a member's annual rating: the head of the unit only (NĐ 90/2020, NĐ 335/2025). */
  "evaluations.finaliseYear": ["director"],
  "evaluations.settings": ["admin", "director"],
  "reports.view": ["admin", "director", "deputy"],
  "reports.manage": ["director", "deputy"],
  /** Downloading all the centre's data as one archive (docs/decisions/0045): the admin, as for settings. */
  "centre.export": ["admin"],
} as const satisfies Record<string, readonly Role[]>;

export type Action = keyof typeof PERMISSIONS;

export function can(roles: readonly Role[], action: Action): boolean {
  const allowed: readonly Role[] = PERMISSIONS[action];
  return roles.some((r) => allowed.includes(r));
}

export function parseRoles(text: string): Role[] {
  return text
    .split(",")
    .map((r) => r.trim())
    .filter((r): r is Role => (ROLES as readonly string[]).includes(r));
}

export function formatRoles(roles: readonly Role[]): string {
  return ROLES.filter((r) => roles.includes(r)).join(",");
}
