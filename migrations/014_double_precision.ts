import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// PostgreSQL only: `real` is a 4-byte float there (about 7 digits: 89.9967 comes back as
// 89.99670410156 and a total can cross a band's boundary), while SQLite's REAL is 8 bytes. The
// columns created as `real` by 004–011 become double precision, as on SQLite. SQLite: nothing to do.
// Numbered 014 to leave 013 to the check-constraints migration written at the same time.
const REAL_COLUMNS: [table: string, column: string][] = [
  ["leave_requests", "days"],
  ["inspection_members", "score"],
  ["evaluations", "political_points"],
  ["evaluations", "ethics_points"],
  ["evaluations", "style_points"],
  ["evaluations", "discipline_points"],
  ["evaluations", "manual_task_points"],
  ["evaluations", "total"],
  ["annual_evaluations", "political_points"],
  ["annual_evaluations", "ethics_points"],
  ["annual_evaluations", "style_points"],
  ["annual_evaluations", "discipline_points"],
  ["annual_evaluations", "total"],
];

export async function up(db: Kysely<any>): Promise<void> {
  if (!(db.getExecutor().adapter instanceof PostgresAdapter)) return;
  for (const [table, column] of REAL_COLUMNS) {
    await sql`alter table ${sql.table(table)} alter column ${sql.ref(column)} type double precision`.execute(db);
  }
}
