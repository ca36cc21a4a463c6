import { randomUUID } from "node:crypto";
import { fileURLToPath } from "node:url";
import ts from "typescript";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { sql } from "kysely";
import type Database from "better-sqlite3";
import { openSqlite } from "../../db/client";
import { migrateToLatest } from "../../db/migrate";
import { ROLES, type DB } from "../../db/schema";
import { freshDb } from "../helpers/db";

// The hand-written Kysely types of db/schema.ts, checked against a database migrated from nothing,
// so that they cannot drift: every table and column, its nullability, text or number, and — for a
// column typed as a union of string literals — that the database's CHECK (013_check_constraints:
// triggers on SQLite) allows exactly those values. The declared side is read with the TypeScript
// compiler from db/schema.ts itself: there is one source.

const SCHEMA_FILE = fileURLToPath(new URL("../../db/schema.ts", import.meta.url));

/** Columns that hold a comma-separated list of values, and the list's values. */
const LIST_COLUMNS: Record<string, readonly string[]> = { "memberships.roles": ROLES };

type Kind = "text" | "number";

interface DeclaredColumn {
  kind: Kind;
  nullable: boolean;
  /** Generated<…>: an insert may leave it out. */
  generated: boolean;
  /** The values of a union of string literals; null for an open string or a number. */
  values: string[] | null;
}

interface DeclaredTable {
  interfaceName: string;
  columns: Map<string, DeclaredColumn>;
}

/** Reads the `Database` interface of db/schema.ts with the type checker. Problems found on the way are pushed to `problems`. */
function declaredSchema(problems: string[]): Map<string, DeclaredTable> {
  const program = ts.createProgram([SCHEMA_FILE], {
    strict: true,
    target: ts.ScriptTarget.ES2022,
    module: ts.ModuleKind.ESNext,
    moduleResolution: ts.ModuleResolutionKind.Bundler,
    skipLibCheck: true,
    noEmit: true,
    // Only what db/schema.ts needs (kysely's types and the ES library), not every @types package.
    types: [],
    lib: ["lib.es2022.d.ts"],
  });
  const checker = program.getTypeChecker();
  const source = program.getSourceFile(SCHEMA_FILE);
  const database = source?.statements.find((s): s is ts.InterfaceDeclaration => ts.isInterfaceDeclaration(s) && s.name.text === "Database");
  if (!source || !database) throw new Error(`no interface Database in ${SCHEMA_FILE}`);

  const tables = new Map<string, DeclaredTable>();
  for (const tableSymbol of checker.getPropertiesOfType(checker.getTypeAtLocation(database.name))) {
    const tableType = checker.getTypeOfSymbolAtLocation(tableSymbol, database);
    const columns = new Map<string, DeclaredColumn>();
    tables.set(tableSymbol.name, { interfaceName: checker.typeToString(tableType), columns });
    for (const columnSymbol of checker.getPropertiesOfType(tableType)) {
      const where = `${tableSymbol.name}.${columnSymbol.name}`;
      let type = checker.getTypeOfSymbolAtLocation(columnSymbol, database);
      let generated = false;
      // Kysely's ColumnType<Select, Insert, Update> (Generated<T> is ColumnType<T, T | undefined, T>).
      const select = type.getProperty("__select__");
      const insert = type.getProperty("__insert__");
      if (select && insert) {
        const insertType = checker.getTypeOfSymbolAtLocation(insert, database);
        generated = (insertType.isUnion() ? insertType.types : [insertType]).some((t) => t.flags & ts.TypeFlags.Undefined);
        type = checker.getTypeOfSymbolAtLocation(select, database);
      }
      let nullable = false;
      const kinds = new Set<Kind>();
      const literals: string[] = [];
      let openString = false;
      for (const part of type.isUnion() ? type.types : [type]) {
        if (part.flags & ts.TypeFlags.Null) nullable = true;
        else if (part.flags & ts.TypeFlags.StringLiteral) {
          kinds.add("text");
          literals.push((part as ts.StringLiteralType).value);
        } else if (part.flags & ts.TypeFlags.String) {
          kinds.add("text");
          openString = true;
        } else if (part.flags & (ts.TypeFlags.Number | ts.TypeFlags.NumberLiteral)) kinds.add("number");
        else problems.push(`${where}: declared type ${checker.typeToString(part)} is neither a string, a number nor null`);
      }
      if (kinds.size !== 1) {
        problems.push(`${where}: declared type ${checker.typeToString(type)} mixes text and number (or has neither)`);
        continue;
      }
      const kind = [...kinds][0]!;
      columns.set(columnSymbol.name, { kind, nullable, generated, values: kind === "text" && !openString ? literals : null });
    }
  }
  return tables;
}

interface ActualColumn {
  kind: Kind | `other (${string})`;
  type: string;
  nullable: boolean;
  hasDefault: boolean;
}

/** SQLite's type affinity of a declared column type (https://sqlite.org/datatype3.html, 3.1). */
function affinity(type: string): ActualColumn["kind"] {
  const t = type.toUpperCase();
  if (t.includes("INT")) return "number";
  if (t.includes("CHAR") || t.includes("CLOB") || t.includes("TEXT")) return "text";
  if (t.includes("BLOB") || t === "") return `other (${type || "no type"})`;
  return "number"; // REAL, FLOA, DOUB, and NUMERIC
}

function actualSchema(sqlite: Database.Database): Map<string, Map<string, ActualColumn>> {
  const tables = new Map<string, Map<string, ActualColumn>>();
  const names = sqlite
    .prepare(`select name from sqlite_master where type = 'table' and name not like 'sqlite\\_%' escape '\\' and name not like 'kysely\\_%' escape '\\' order by name`)
    .pluck()
    .all() as string[];
  for (const name of names) {
    const columns = new Map<string, ActualColumn>();
    const info = sqlite.prepare(`select * from pragma_table_info(?)`).all(name) as { name: string; type: string; notnull: number; dflt_value: string | null; pk: number }[];
    for (const c of info) {
      // A primary key is never NULL in this app (SQLite would allow it in a non-integer key, a legacy quirk).
      columns.set(c.name, { kind: affinity(c.type), type: c.type, nullable: c.notnull === 0 && c.pk === 0, hasDefault: c.dflt_value !== null });
    }
    tables.set(name, columns);
  }
  return tables;
}

interface ActualCheck {
  table: string;
  column: string;
  values: string[];
  list: boolean;
  events: Set<string>;
}

/** The checks of 013_check_constraints as SQLite stores them: triggers <table>_<column>_check_(insert|update). */
function actualChecks(sqlite: Database.Database, problems: string[]): Map<string, ActualCheck> {
  const checks = new Map<string, ActualCheck>();
  const triggers = sqlite.prepare(`select name, tbl_name as "table", sql from sqlite_master where type = 'trigger' order by name`).all() as { name: string; table: string; sql: string }[];
  for (const t of triggers) {
    const name = /^(.+)_check_(insert|update)$/.exec(t.name);
    const column = /\bnew\."([^"]+)"/.exec(t.sql)?.[1];
    if (!name || !column || name[1] !== `${t.table}_${column}`) {
      problems.push(`trigger ${t.name} on ${t.table}: not a check this test knows how to read:\n${t.sql}`);
      continue;
    }
    const list = t.sql.includes("replace(");
    const values = list
      ? [...t.sql.matchAll(/, ',((?:[^']|'')*),', ','\)/g)].map((m) => m[1]!.replace(/''/g, "'"))
      : [...(/\bin \(([^)]*)\)/.exec(t.sql)?.[1] ?? "").matchAll(/'((?:[^']|'')*)'/g)].map((m) => m[1]!.replace(/''/g, "'"));
    const key = `${t.table}.${column}`;
    const seen = checks.get(key);
    if (seen && (seen.list !== list || seen.values.join("\n") !== values.join("\n"))) {
      problems.push(`${key}: the insert and update triggers allow different values: [${seen.values}] / [${values}]`);
    }
    const check = seen ?? { table: t.table, column, values, list, events: new Set<string>() };
    check.events.add(name[2]!);
    checks.set(key, check);
  }
  for (const [key, c] of checks) {
    if (c.events.size !== 2) problems.push(`${key}: has a check on ${[...c.events].join("")} only; both insert and update are needed`);
  }
  return checks;
}

const sameValues = (a: readonly string[], b: readonly string[]) => a.length === b.length && [...a].sort().join("\n") === [...b].sort().join("\n");
/** Sorted, so that two lists read side by side (the checker keeps a union in its own order). */
const listed = (v: readonly string[]) => `[${[...v].sort().map((x) => JSON.stringify(x)).join(", ")}]`;

/** Every difference between db/schema.ts and a migrated database, one line each. */
function schemaDifferences(sqlite: Database.Database): string[] {
  const problems: string[] = [];
  const declared = declaredSchema(problems);
  const actual = actualSchema(sqlite);
  const checks = actualChecks(sqlite, problems);

  for (const table of actual.keys()) {
    if (!declared.has(table)) problems.push(`${table}: table in the database, missing from interface Database in db/schema.ts`);
  }
  for (const [table, d] of declared) {
    const columns = actual.get(table);
    if (!columns) {
      problems.push(`${table}: declared in interface Database in db/schema.ts, no such table in the database`);
      continue;
    }
    for (const column of columns.keys()) {
      if (!d.columns.has(column)) problems.push(`${table}.${column}: column in the database, missing from ${d.interfaceName}`);
    }
    for (const [column, dc] of d.columns) {
      const where = `${table}.${column}`;
      const ac = columns.get(column);
      if (!ac) {
        problems.push(`${where}: declared in ${d.interfaceName}, no such column in the database`);
        continue;
      }
      if (dc.kind !== ac.kind) {
        problems.push(`${where}: declared as ${dc.kind === "text" ? "a string" : "a number"} in ${d.interfaceName}, but the database column is ${ac.type} (${ac.kind})`);
      }
      if (dc.nullable && !ac.nullable) problems.push(`${where}: declared nullable (| null) in ${d.interfaceName}, but the database column is NOT NULL`);
      if (!dc.nullable && ac.nullable) problems.push(`${where}: declared not nullable in ${d.interfaceName}, but the database column allows NULL (add | null)`);
      if (dc.generated && !ac.hasDefault && !ac.nullable) {
        problems.push(`${where}: declared Generated<…> in ${d.interfaceName}, but the database column is NOT NULL without a default (an insert must give it)`);
      }

      const check = checks.get(where);
      const listValues = LIST_COLUMNS[where];
      if (listValues) {
        if (!check?.list) problems.push(`${where}: a list of ${listed(listValues)}, but the database has no list check for it`);
        else if (!sameValues(check.values, listValues)) problems.push(`${where}: db/schema.ts allows ${listed(listValues)}, the database check allows ${listed(check.values)}`);
      } else if (dc.values) {
        if (!check) problems.push(`${where}: declared as ${listed(dc.values)} in ${d.interfaceName}, but the database has no check constraint for it (add one in a new migration)`);
        else if (check.list || !sameValues(check.values, dc.values)) {
          const missing = dc.values.filter((v) => !check.values.includes(v));
          const extra = check.values.filter((v) => !dc.values!.includes(v));
          problems.push(
            `${where}: declared as ${listed(dc.values)} in ${d.interfaceName}, but the database check allows ${listed(check.values)}` +
              (missing.length ? `; not allowed by the database: ${listed(missing)}` : "") +
              (extra.length ? `; allowed by the database, not declared: ${listed(extra)}` : ""),
          );
        }
      } else if (check) {
        problems.push(`${where}: the database allows only ${listed(check.values)}, but ${d.interfaceName} declares ${dc.kind === "text" ? "an open string" : "a number"} (declare the union)`);
      }
    }
  }
  for (const key of checks.keys()) {
    const [table, column] = key.split(".") as [string, string];
    if (!declared.get(table)?.columns.has(column)) problems.push(`${key}: the database checks a column that db/schema.ts does not declare`);
  }
  return problems;
}

describe("db/schema.ts tells the truth about the migrated database", () => {
  let sqlite: Database.Database;
  let db: DB;
  beforeAll(async () => {
    ({ db, sqlite } = openSqlite(":memory:"));
    await migrateToLatest(db);
  });
  afterAll(() => db.destroy());

  // Type-checking db/schema.ts with kysely's declarations takes seconds on a busy machine.
  it("declares every table and column with the database's nullability, text or number, and checked values", { timeout: 60_000 }, () => {
    const problems = schemaDifferences(sqlite);
    expect(problems, `db/schema.ts and the migrations disagree:\n${problems.join("\n")}`).toEqual([]);
    // The comparison really ran: tables, and union-typed columns with their checks.
    expect(actualSchema(sqlite).size).toBeGreaterThan(40);
    expect(actualChecks(sqlite, []).size).toBeGreaterThan(40);
  });

  it("refuses, on insert, a value outside each checked column's list and lets every listed value through", () => {
    const problems: string[] = [];
    for (const c of actualChecks(sqlite, []).values()) {
      const name = `${c.table}_${c.column}_check`;
      // Only the checked column is given: a refused value fails on the check (a BEFORE trigger runs
      // first); an allowed one passes it and may then fail on the other columns' NOT NULL.
      const attempt = (value: string): string | null => {
        sqlite.exec("savepoint probe");
        try {
          sqlite.prepare(`insert into "${c.table}" ("${c.column}") values (?)`).run(value);
          return null;
        } catch (e) {
          return (e as Error).message;
        } finally {
          sqlite.exec("rollback to probe; release probe");
        }
      };
      const bogus = attempt(c.list ? `${c.values[0]},not-a-value` : "not-a-value");
      if (bogus !== `CHECK constraint failed: ${name}`) problems.push(`${c.table}.${c.column}: a value outside the list gave ${JSON.stringify(bogus)}`);
      for (const v of c.list ? [...c.values, c.values.join(",")] : c.values) {
        const error = attempt(v);
        if (error?.includes("CHECK constraint failed")) problems.push(`${c.table}.${c.column}: allowed value ${JSON.stringify(v)} refused: ${error}`);
      }
      if (c.list) {
        for (const v of ["", `${c.values[0]},${c.values[0]}`]) {
          if (attempt(v) !== `CHECK constraint failed: ${name}`) problems.push(`${c.table}.${c.column}: list ${JSON.stringify(v)} was not refused`);
        }
      }
    }
    expect(problems).toEqual([]);
  });

  it("refuses, on update, a value outside the list in the demo data, and leaves updates of other columns alone", async () => {
    const seeded = freshDb();
    try {
      // Every check whose table has a row in the demo data, through raw SQL (the types would refuse it).
      const problems: string[] = [];
      let probed = 0;
      for (const c of actualChecks(sqlite, []).values()) {
        const row = await sql<{ rowid: number }>`select rowid from ${sql.table(c.table)} limit 1`.execute(seeded);
        if (!row.rows[0]) continue;
        probed += 1;
        const error = await sql`update ${sql.table(c.table)} set ${sql.ref(c.column)} = ${"not-a-value"} where rowid = ${row.rows[0].rowid}`.execute(seeded).then(
          () => "no error",
          (e: Error) => e.message,
        );
        if (error !== `CHECK constraint failed: ${c.table}_${c.column}_check`) problems.push(`${c.table}.${c.column}: an update to a value outside the list gave ${JSON.stringify(error)}`);
      }
      expect(problems).toEqual([]);
      expect(probed).toBeGreaterThan(30);

      const probe = await seeded.selectFrom("tasks").select(["id", "status"]).executeTakeFirstOrThrow();
      await seeded.updateTable("tasks").set({ title: `Đổi tên ${randomUUID()}` }).where("id", "=", probe.id).execute();
      const after = await seeded.selectFrom("tasks").select("status").where("id", "=", probe.id).executeTakeFirstOrThrow();
      expect(after.status).toBe(probe.status);
    } finally {
      await seeded.destroy();
    }
  });
});
