import { sql } from "kysely";
import { afterEach, describe, expect, it, vi } from "vitest";
import { openSqlite } from "../../db/client";

// db/client.ts keeps compiled statements by SQL text: the same query is compiled once, results stay
// right across parameters, schema changes and streaming, and the cache stays bounded.

let close: (() => Promise<void>) | undefined;
afterEach(async () => {
  await close?.();
  close = undefined;
});

function open(statementCache?: number) {
  const { db, sqlite } = openSqlite(":memory:", statementCache === undefined ? {} : { statementCache });
  close = () => db.destroy();
  const prepare = vi.spyOn(sqlite, "prepare");
  return { db, prepare };
}

async function withRows(db: ReturnType<typeof open>["db"]) {
  await sql`create table t (id integer primary key, name text not null)`.execute(db);
  await sql`insert into t (id, name) values (1, 'một'), (2, 'hai'), (3, 'ba')`.execute(db);
}

const byId = (db: ReturnType<typeof open>["db"], id: number) => sql<{ name: string }>`select name from t where id = ${id}`.execute(db);

describe("the prepared-statement cache", () => {
  it("compiles a query once and binds each call's parameters", async () => {
    const { db, prepare } = open();
    await withRows(db);
    prepare.mockClear();
    const names = [];
    for (const id of [1, 2, 3, 2]) names.push((await byId(db, id)).rows[0]?.name);
    expect(names).toEqual(["một", "hai", "ba", "hai"]);
    expect(prepare).toHaveBeenCalledTimes(1);
  });

  it("compiles every time when switched off (what Kysely's driver does by itself)", async () => {
    const { db, prepare } = open(0);
    await withRows(db);
    prepare.mockClear();
    for (const id of [1, 2, 3]) await byId(db, id);
    expect(prepare).toHaveBeenCalledTimes(3);
  });

  it("reports the rows a cached write changed, each time", async () => {
    const { db } = open();
    await withRows(db);
    const rename = (id: number) => sql`update t set name = 'x' where id >= ${id}`.execute(db);
    expect((await rename(3)).numAffectedRows).toBe(1n);
    expect((await rename(1)).numAffectedRows).toBe(3n);
  });

  it("answers correctly after the table changes shape", async () => {
    const { db } = open();
    await withRows(db);
    const all = () => sql<Record<string, unknown>>`select * from t where id = 1`.execute(db);
    expect((await all()).rows[0]).toEqual({ id: 1, name: "một" });
    await sql`alter table t add column note text not null default 'mới'`.execute(db);
    expect((await all()).rows[0]).toEqual({ id: 1, name: "một", note: "mới" });
  });

  it("streams a query while the same query runs again afterwards", async () => {
    const { db } = open();
    await withRows(db);
    const q = db.selectFrom("t" as never).select("name" as never);
    const streamed: unknown[] = [];
    for await (const row of q.stream()) streamed.push(row);
    expect(streamed).toHaveLength(3);
    expect(await q.execute()).toHaveLength(3);
  });

  it("keeps at most the configured number of statements, the least recently used dropped", async () => {
    const { db, prepare } = open(2);
    await withRows(db);
    prepare.mockClear();
    const q = (n: number) => sql`select ${sql.lit(n)} as n from t where id = ${1}`.execute(db);
    await q(1);
    await q(2);
    await q(1); // cached
    await q(3); // drops 2, the least recently used
    await q(1); // still cached
    await q(2); // compiled again
    expect(prepare).toHaveBeenCalledTimes(4);
  });
});
