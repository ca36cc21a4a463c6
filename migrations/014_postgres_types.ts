import { PostgresAdapter, sql, type Kysely } from "kysely";

// Frozen: never edit a migration that has shipped; add a new one instead.
// PostgreSQL only (SQLite: nothing to do), so that both engines store and order the same:
// - `real` is a 4-byte float there (about 7 digits: 89.9967 comes back as 89.99670410156 and a
//   total can cross a band's boundary), while SQLite's REAL is 8 bytes. The columns created as
//   `real` by 004–011 become double precision.
// - Text compares and sorts by the database's collation there (en_US.UTF-8 puts "a-b" after "ab c"
//   by ignoring punctuation, and may differ between operating systems), by bytes on SQLite. Every
//   text column becomes COLLATE "C": byte order, as SQLite's BINARY, on any server.
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
  const { rows } = await sql<{ table_name: string; column_name: string }>`
    select table_name, column_name from information_schema.columns
    where table_schema = current_schema() and data_type = 'text' and table_name not like 'kysely_%'
    order by table_name, ordinal_position`.execute(db);
  for (const { table_name, column_name } of rows) {
    await sql`alter table ${sql.table(table_name)} alter column ${sql.ref(column_name)} type text collate "C"`.execute(db);
  }
}
