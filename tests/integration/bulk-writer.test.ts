// The bulk writer of the scale generator (db/bulk.ts): rows buffered into multi-row INSERTs, the
// union CHECK triggers dropped while loading with their lists checked in JavaScript, and indexes and
// triggers as the migrations made them once finished.
import Database from "better-sqlite3";
import { randomUUID } from "node:crypto";
import { describe, expect, it } from "vitest";
import { openBulkWriter } from "../../db/bulk";
import { openSqlite } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { TEST_ENGINE } from "../helpers/engine";
import { TMP_DIR } from "../helpers/paths";

const schemaOf = (path: string) => {
  const sqlite = new Database(path, { readonly: true });
  const rows = sqlite.prepare("select type, name, sql from sqlite_master where type in ('index', 'trigger') order by name").all();
  sqlite.close();
  return rows;
};

describe.skipIf(TEST_ENGINE !== "sqlite")("bulk writer", () => {
  it("writes every row in order, refuses a value outside a union column's list, and leaves the indexes and triggers as migrated", async () => {
    const path = `${TMP_DIR}bulk-${randomUUID()}.db`;
    const { db } = openSqlite(path);
    await migrateToLatest(db);
    await db.destroy();
    const migrated = schemaOf(path);

    const w = openBulkWriter(path, 16);
    const at = "2026-03-01T01:00:00.000Z";
    w.begin();
    // Foreign keys are off while loading: the notifications need no centre or member here.
    // 123 rows: two statements of fifty and 23 single rows at the commit.
    for (let i = 0; i < 123; i++) {
      const n = String(i).padStart(3, "0");
      w.insert("notifications", { id: `n-${n}`, org_id: "org-1", membership_id: "m-1", kind: i % 2 ? "digest" : "taskAssigned", params: "{}", link: "/", dedupe_key: `d-${n}`, read_at: null, created_at: at });
    }
    // What the dropped trigger refused, the writer refuses (null passes, as in SQL).
    expect(() => w.insert("notifications", { id: "n-bad", org_id: "org-1", membership_id: "m-1", kind: "nonsense" as never, params: "{}", link: "/", created_at: at })).toThrow(/notifications_kind_check/);
    expect(() => w.insert("task_submissions", { id: "s-1", org_id: "org-1", task_id: "t-1", submitted_by: "m-1", text: "", submitted_at: at, decision: null, decision_note: "" })).not.toThrow();
    w.commit();
    expect(w.all<{ n: number }>("select count(*) as n from notifications")[0]!.n).toBe(123);
    expect(w.total()).toBe(124);
    expect(Object.fromEntries(w.counts)).toEqual({ notifications: 123, task_submissions: 1 });
    w.finish();

    expect(schemaOf(path)).toEqual(migrated);
    const sqlite = new Database(path);
    expect((sqlite.prepare("select id from notifications order by rowid").all() as { id: string }[]).map((r) => r.id)).toEqual(Array.from({ length: 123 }, (_, i) => `n-${String(i).padStart(3, "0")}`));
    expect(sqlite.pragma("journal_mode", { simple: true })).toBe("wal");
    expect(() => sqlite.prepare("insert into notifications (id, org_id, membership_id, kind, created_at) values ('x', 'org-1', 'm-1', 'nonsense', ?)").run(at)).toThrow(/notifications_kind_check/);
    sqlite.close();
  });
});
