import type { Migration } from "kysely";
import * as m001 from "./001_foundation.ts";
import * as m002 from "./002_tasks.ts";
import * as m003 from "./003_schedule_rosters.ts";
import * as m004 from "./004_attendance.ts";
import * as m005 from "./005_inspections.ts";
import * as m006 from "./006_evaluations.ts";
import * as m007 from "./007_reports.ts";
import * as m008 from "./008_notifications.ts";
import * as m009 from "./009_login_limits.ts";
import * as m010 from "./010_dated_rules.ts";
import * as m011 from "./011_annual_evaluations.ts";
import * as m012 from "./012_inbox_indexes.ts";
import * as m013 from "./013_check_constraints.ts";
import * as m014 from "./014_postgres_types.ts";
import * as m015 from "./015_job_runs.ts";
import * as m016 from "./016_row_level_security.ts";
import * as m018 from "./018_stored_files.ts";
import * as m019 from "./019_attendance_month_facts.ts";
import * as m020 from "./020_task_list_order.ts";
import * as m021 from "./021_invitations.ts";
import * as m022 from "./022_month_facts_expected.ts";
import * as m023 from "./023_oversight.ts";
import * as m024 from "./024_operators_two_factor.ts";
import * as m025 from "./025_centre_lifecycle.ts";
import * as m026 from "./026_centre_exports.ts";

// Explicit registry (no folder scan): works the same under tsx, Vite and vitest.
// Keys sort lexically in the order they must run.
export const migrations: Record<string, Migration> = {
  "001_foundation": m001,
  "002_tasks": m002,
  "003_schedule_rosters": m003,
  "004_attendance": m004,
  "005_inspections": m005,
  "006_evaluations": m006,
  "007_reports": m007,
  "008_notifications": m008,
  "009_login_limits": m009,
  "010_dated_rules": m010,
  "011_annual_evaluations": m011,
  "012_inbox_indexes": m012,
  "013_check_constraints": m013,
  "014_postgres_types": m014,
  "015_job_runs": m015,
  "016_row_level_security": m016,
  "018_stored_files": m018,
  "019_attendance_month_facts": m019,
  "020_task_list_order": m020,
  "021_invitations": m021,
  "022_month_facts_expected": m022,
  "023_oversight": m023,
  "024_operators_two_factor": m024,
  "025_centre_lifecycle": m025,
  "026_centre_exports": m026,
};
