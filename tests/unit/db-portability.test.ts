import { Kysely, PostgresDialect, SqliteDialect, type CompiledQuery } from "kysely";
import { describe, expect, it } from "vitest";
import { openDatabase } from "../../db/client";
import { EmptyInPlugin } from "../../db/plugins";

// Compiles queries for both dialects without a server: only the SQL text is compared.
function compiled(dialect: "sqlite" | "postgres", build: (db: Kysely<{ t: { id: string; n: number } }>) => { compile(): CompiledQuery }): string {
  const d =
    dialect === "postgres"
      ? new PostgresDialect({ pool: async () => ({ connect: async () => ({ query: async () => ({ rows: [], rowCount: 0, command: "SELECT" as const }), release() {} }), end: async () => {} }) as never })
      : new SqliteDialect({ database: async () => ({}) as never });
  const db = new Kysely<{ t: { id: string; n: number } }>({ dialect: d, plugins: [new EmptyInPlugin()] });
  return build(db).compile().sql;
}

describe("an empty IN list never reaches the database", () => {
  it.each(["sqlite", "postgres"] as const)("compiles `in []` to false and `not in []` to true on %s", (dialect) => {
    expect(compiled(dialect, (db) => db.selectFrom("t").select("id").where("id", "in", []))).toMatch(/where 1 = 0$/);
    expect(compiled(dialect, (db) => db.selectFrom("t").select("id").where("id", "not in", []))).toMatch(/where 1 = 1$/);
    expect(compiled(dialect, (db) => db.selectFrom("t").select("id").where("id", "in", ["a"]))).toMatch(/"id" in \(\$1|\?\)/);
  });

  it("matches nothing (and everything) on a real database", async () => {
    const { db } = openDatabase(":memory:");
    await db.schema.createTable("t").addColumn("id", "text").execute();
    await db.insertInto("t" as never).values({ id: "a" } as never).execute();
    const untyped = db as unknown as Kysely<{ t: { id: string } }>;
    expect(await untyped.selectFrom("t").select("id").where("id", "in", []).execute()).toEqual([]);
    expect(await untyped.selectFrom("t").select("id").where("id", "not in", []).execute()).toEqual([{ id: "a" }]);
    await db.destroy();
  });
});
