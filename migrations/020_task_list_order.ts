import type { Kysely } from "kysely";

// Frozen. The task lists order by deadline, then id (a stable order for paging), on the whole centre
// or one tab (assignee, assigner, one status). The indexes they walk ended at the deadline: SQLite
// sorted every run of equal deadlines by id in a temporary B-tree, and read each task's row to
// test the whole-centre tab's filters (status; others' drafts hidden by assigner) for every task
// it skipped to reach a page ("tasks page 50", issue 17). With id after the deadline a page is
// read in index order, nothing sorted: forwards for the nearest deadline first, backwards for the
// latest first (whose ties now run from the highest id; app/modules/tasks/queries.server.ts). The
// whole-centre index also carries status and assigner_id, so the tasks skipped by the offset are
// tested on the index alone and only the page's own rows are read. Same names, more columns.

const INDEXES: [string, string[], string[]][] = [
  // name, columns before, columns now
  ["tasks_org_deadline_idx", ["org_id", "deadline_at"], ["org_id", "deadline_at", "id", "status", "assigner_id"]],
  ["tasks_org_status_idx", ["org_id", "status", "deadline_at"], ["org_id", "status", "deadline_at", "id"]],
  ["tasks_org_assignee_idx", ["org_id", "assignee_id", "deadline_at"], ["org_id", "assignee_id", "deadline_at", "id"]],
  ["tasks_org_assigner_idx", ["org_id", "assigner_id", "deadline_at"], ["org_id", "assigner_id", "deadline_at", "id"]],
];

export async function up(db: Kysely<any>): Promise<void> {
  for (const [name, , columns] of INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("tasks").columns(columns).execute();
  }
}

export async function down(db: Kysely<any>): Promise<void> {
  for (const [name, columns] of INDEXES) {
    await db.schema.dropIndex(name).execute();
    await db.schema.createIndex(name).on("tasks").columns(columns).execute();
  }
}
