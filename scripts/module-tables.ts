// Which module queries which tables: scans app/modules/<m>/** for Kysely calls that name a table —
// selectFrom, updateTable, deleteFrom, insertInto and the joins — and prints, for each module, the
// tables it touches that another module owns. Ownership and the cross-module reads allowed by design
// (read models) are docs/decisions/0026-module-boundaries.md; the maps below are the same table.
//
// Usage: node --import tsx scripts/module-tables.ts [--all] [--check]
//   --all    also list the allowed cross-module access (marked "allowed")
//   --check  exit 1 when a module touches another module's table beyond what ALLOWED says
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { parseArgs } from "node:util";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const MODULES = join(ROOT, "app/modules");
const SCHEMA = join(ROOT, "db/schema.ts");

/** Each table belongs to one module: only that module queries it; the others call its functions. */
const OWNER: Record<string, string> = {
  sessions: "auth",
  login_limits: "auth",
  invitations: "auth",
  operators: "auth",
  user_totp: "auth",
  organizations: "org",
  users: "org",
  memberships: "org",
  positions: "org",
  position_assignments: "org",
  org_settings: "org",
  audit_log: "audit",
  calendar_days: "calendar",
  holiday_rules: "calendar",
  schedule_versions: "calendar",
  work_seasons: "calendar",
  plans: "tasks",
  plan_items: "tasks",
  task_series: "tasks",
  tasks: "tasks",
  task_members: "tasks",
  task_events: "tasks",
  task_submissions: "tasks",
  task_extensions: "tasks",
  task_settings: "tasks",
  attachments: "files",
  stored_files: "files",
  rosters: "rosters",
  roster_slots: "rosters",
  roster_swaps: "rosters",
  roster_changes: "rosters",
  attendance_records: "attendance",
  attendance_corrections: "attendance",
  attendance_month_facts: "attendance",
  leave_requests: "leave",
  inspection_templates: "inspections",
  inspection_template_versions: "inspections",
  inspection_template_items: "inspections",
  inspections: "inspections",
  inspection_members: "inspections",
  inspection_results: "inspections",
  inspection_photos: "inspections",
  inspection_addenda: "inspections",
  inspection_actions: "inspections",
  evaluations: "evaluation",
  evaluation_settings: "evaluation",
  evaluation_weight_versions: "evaluation",
  annual_evaluations: "evaluation",
  notifications: "notifications",
  outbox: "notifications",
  org_channels: "notifications",
  member_channels: "notifications",
  job_runs: "jobs",
  reports: "reports",
  oversight_groups: "oversight",
  oversight_centres: "oversight",
  oversight_members: "oversight",
};

/**
 * Cross-module access kept on purpose: module → foreign table → "read" (a read model) or "write"
 * (read and write). Each is explained in docs/decisions/0026-module-boundaries.md.
 */
const ALLOWED: Record<string, Record<string, "read" | "write">> = {
  // The gate of every request: the session's user, and the member's centre and roles, in one join;
  // and a password change writes the user's own credential columns.
  auth: { users: "write", memberships: "read", organizations: "read" },
  // The periodic report's figures: one aggregate read over the period's members, position moves,
  // duty shifts and tasks (attendance, inspections and evaluations come through their modules).
  reports: { memberships: "read", users: "read", positions: "read", position_assignments: "read", roster_slots: "read", rosters: "read", tasks: "read" },
  // The scheduled reminders across centres (decision 0029): each kind of reminder is one set-based
  // read over a chunk of centres, joined to the member's state and to "not sent yet" in its own
  // notifications; notifyMany reads many centres' slugs and members' contacts at once. Through the
  // owners' per-centre functions this was 349,762 statements a run at national scale (issue 17).
  // A centre's whole archive (decision 0045): a read-only dump of every table of the centre, by the
  // table names in app/modules/exports/centre-archive-spec.ts (names in variables, so not counted
  // here), with the staff's names and contacts from one join of memberships and users.
  exports: { memberships: "read", users: "read" },
  notifications: {
    tasks: "read",
    roster_slots: "read",
    rosters: "read",
    inspection_actions: "read",
    inspection_template_items: "read",
    memberships: "read",
    organizations: "read",
    users: "read",
  },
};

const WRITE_METHODS = new Set(["updateTable", "deleteFrom", "insertInto", "replaceInto"]);
const READ_METHODS = new Set(["selectFrom", "innerJoin", "leftJoin", "rightJoin", "fullJoin", "crossJoin", "innerJoinLateral", "leftJoinLateral"]);

function filesBelow(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return filesBelow(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

/** The table names of the `Database` interface in db/schema.ts. */
function schemaTables(): string[] {
  const source = ts.createSourceFile(SCHEMA, readFileSync(SCHEMA, "utf8"), ts.ScriptTarget.Latest, true);
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st) && st.name.text === "Database") {
      return st.members.flatMap((m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? [m.name.text] : []));
    }
  }
  throw new Error("No `interface Database` in db/schema.ts");
}

interface Use {
  table: string;
  write: boolean;
  where: string;
}

/** Every table a file names in a Kysely call: `x.selectFrom("tasks as t")` → tasks. */
function tableUses(file: string): Use[] {
  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  const uses: Use[] = [];
  const visit = (node: ts.Node) => {
    if (ts.isCallExpression(node) && ts.isPropertyAccessExpression(node.expression)) {
      const method = node.expression.name.text;
      const arg = node.arguments[0];
      if ((READ_METHODS.has(method) || WRITE_METHODS.has(method)) && arg) {
        const names = ts.isArrayLiteralExpression(arg) ? [...arg.elements] : [arg];
        for (const n of names) {
          if (!ts.isStringLiteralLike(n)) continue;
          const table = n.text.trim().split(/\s+as\s+/i)[0]!.trim();
          const line = source.getLineAndCharacterOfPosition(n.getStart(source)).line + 1;
          uses.push({ table, write: WRITE_METHODS.has(method), where: `${relative(ROOT, file)}:${line}` });
        }
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return uses;
}

function main() {
  const { values } = parseArgs({ options: { all: { type: "boolean", default: false }, check: { type: "boolean", default: false } } });
  const tables = new Set(schemaTables());
  const problems: string[] = [];
  for (const t of tables) if (!OWNER[t]) problems.push(`table ${t} has no owner in scripts/module-tables.ts`);
  for (const t of Object.keys(OWNER)) if (!tables.has(t)) problems.push(`owner listed for ${t}, which is not in db/schema.ts`);

  const modules = readdirSync(MODULES).filter((m) => statSync(join(MODULES, m)).isDirectory()).sort();
  let foreignCount = 0;
  let allowedCount = 0;
  let unexplained = 0;
  const rows: string[] = [];
  for (const m of modules) {
    const byTable = new Map<string, Use[]>();
    for (const file of filesBelow(join(MODULES, m))) {
      for (const u of tableUses(file)) {
        if (!tables.has(u.table)) continue; // a CTE or subquery alias, not a table
        if (OWNER[u.table] === m) continue;
        byTable.set(u.table, [...(byTable.get(u.table) ?? []), u]);
      }
    }
    const foreign = [...byTable.keys()].sort();
    const allowed = ALLOWED[m] ?? {};
    const parts: string[] = [];
    let allowedHere = 0;
    for (const t of foreign) {
      const uses = byTable.get(t)!;
      const writes = uses.filter((u) => u.write).length;
      const ok = allowed[t] === "write" || (allowed[t] === "read" && writes === 0);
      if (ok) allowedHere++;
      else unexplained++;
      if (ok && !values.all) continue;
      const marks = [`${OWNER[t]}`, `${uses.length}×`, writes ? `${writes} write${writes > 1 ? "s" : ""}` : "", ok ? "allowed" : ""].filter(Boolean);
      parts.push(`${t} (${marks.join(", ")})`);
      if (!ok && values.check) problems.push(`${m} → ${t}: ${uses.map((u) => u.where).join(", ")}`);
    }
    foreignCount += foreign.length;
    allowedCount += allowedHere;
    rows.push(`${m.padEnd(14)} ${String(foreign.length).padStart(2)} foreign${allowedHere ? ` (${allowedHere} allowed)` : ""}${parts.length ? `: ${parts.join(", ")}` : ""}`);
  }
  console.log("module → tables of other modules (owner, uses[, writes])");
  for (const r of rows) console.log(r);
  console.log(`total: ${foreignCount} module → foreign-table pairs; ${allowedCount} allowed, ${unexplained} to move behind the owner's functions`);
  if (problems.length) {
    console.log("");
    for (const p of problems) console.log(p);
    if (values.check || problems.some((p) => p.startsWith("table ") || p.startsWith("owner "))) process.exitCode = 1;
  }
}

main();
