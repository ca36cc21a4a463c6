// Local ESLint plugin: every Kysely query on a centre's table says which centre (docs/decisions/0023).
//
// A query chain starting at `.selectFrom(T)`, `.updateTable(T)` or `.deleteFrom(T)` that reads or
// writes a tenant table (one with an `org_id` column, in the FROM or in a join) must filter on
// `org_id` in the same chain — `.where("org_id", …)`, `.where("<alias>.org_id", …)` for an alias
// of a tenant table of the chain, or inside `.where((eb) => eb("t.org_id", …))` / `eb.and([...])` —
// or carry a `// tenant-safe: <reason>` comment. An `.insertInto(T)` whose values are written as
// object literals must set `org_id`. The tenant tables are read from db/schema.ts at lint start.

import { readFileSync, statSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const DEFAULT_SCHEMA = fileURLToPath(new URL("../db/schema.ts", import.meta.url));

const START_METHODS = new Set(["selectFrom", "updateTable", "deleteFrom"]);
const INSERT_METHODS = new Set(["insertInto", "replaceInto"]);
/** Methods whose first argument (a "table as alias" string) adds a source to the chain. */
const SOURCE_METHODS = new Set([
  "innerJoin",
  "leftJoin",
  "rightJoin",
  "fullJoin",
  "crossJoin",
  "innerJoinLateral",
  "leftJoinLateral",
  "crossJoinLateral",
  "from",
  "using",
]);
/** Operators that pin a row to given centre(s). */
const SCOPING_OPERATORS = new Set(["=", "==", "in", "is"]);
const TENANT_SAFE = /^\s*tenant-safe:\s*\S/;

// ---------------------------------------------------------------------------------------------
// Tenant tables from the schema

const schemaCache = new Map();

/**
 * The tables of `Database` in a Kysely schema file whose row type has an `org_id` field.
 * Interfaces (with `extends`) and object type aliases are followed; the result is cached per file
 * and modification time, so an editor session sees a new table as soon as the schema is saved.
 */
export function tenantTablesFromSchema(file = DEFAULT_SCHEMA) {
  const mtime = statSync(file).mtimeMs;
  const cached = schemaCache.get(file);
  if (cached && cached.mtime === mtime) return cached.tables;

  const source = ts.createSourceFile(file, readFileSync(file, "utf8"), ts.ScriptTarget.Latest, true);
  /** @type {Map<string, { members: ts.NodeArray<ts.TypeElement>, bases: string[] }>} */
  const types = new Map();
  for (const st of source.statements) {
    if (ts.isInterfaceDeclaration(st)) {
      const bases = (st.heritageClauses ?? []).flatMap((h) => h.types.map((t) => t.expression.getText(source)));
      types.set(st.name.text, { members: st.members, bases });
    } else if (ts.isTypeAliasDeclaration(st) && ts.isTypeLiteralNode(st.type)) {
      types.set(st.name.text, { members: st.type.members, bases: [] });
    }
  }
  const propName = (m) => (m.name && (ts.isIdentifier(m.name) || ts.isStringLiteral(m.name)) ? m.name.text : undefined);
  const hasOrgId = (name, seen = new Set()) => {
    const t = types.get(name);
    if (!t || seen.has(name)) return false;
    seen.add(name);
    return t.members.some((m) => ts.isPropertySignature(m) && propName(m) === "org_id") || t.bases.some((b) => hasOrgId(b, seen));
  };

  const database = types.get("Database");
  if (!database) throw new Error(`tenant-scope: no Database interface in ${file}`);
  const tables = new Set();
  for (const m of database.members) {
    const name = propName(m);
    if (!ts.isPropertySignature(m) || !name || !m.type) continue;
    if (ts.isTypeReferenceNode(m.type) && ts.isIdentifier(m.type.typeName)) {
      const typeName = m.type.typeName.text;
      if (!types.has(typeName)) throw new Error(`tenant-scope: ${file}: table ${name} has type ${typeName}, not declared in the file`);
      if (hasOrgId(typeName)) tables.add(name);
    } else if (ts.isTypeLiteralNode(m.type)) {
      if (m.type.members.some((x) => ts.isPropertySignature(x) && propName(x) === "org_id")) tables.add(name);
    } else {
      throw new Error(`tenant-scope: ${file}: cannot read the row type of table ${name}`);
    }
  }
  if (tables.size === 0) throw new Error(`tenant-scope: no table with org_id found in ${file}`);
  schemaCache.set(file, { mtime, tables });
  return tables;
}

// ---------------------------------------------------------------------------------------------
// AST helpers

/** The text of a string literal or a template literal without expressions. */
function stringValue(node) {
  if (!node) return undefined;
  if (node.type === "Literal" && typeof node.value === "string") return node.value;
  if (node.type === "TemplateLiteral" && node.expressions.length === 0) return node.quasis[0].value.cooked;
  return undefined;
}

/** "tasks as t" → { table: "tasks", alias: "t" }; "tasks" → { table: "tasks", alias: "tasks" }. */
function parseSource(text) {
  const m = /^\s*([\w.]+)(?:\s+as\s+(\w+))?\s*$/i.exec(text);
  if (!m) return undefined;
  const table = m[1].includes(".") ? m[1].slice(m[1].lastIndexOf(".") + 1) : m[1];
  return { table, alias: m[2] ?? table };
}

function sourcesOf(arg) {
  if (!arg) return [];
  if (arg.type === "ArrayExpression") return arg.elements.flatMap((e) => sourcesOf(e));
  const text = stringValue(arg);
  const parsed = text === undefined ? undefined : parseSource(text);
  return parsed ? [parsed] : [];
}

/** Skips TypeScript-only wrappers: `x!`, `x as T`, `x satisfies T`. */
function unwrap(node) {
  let n = node;
  while (n && (n.type === "TSNonNullExpression" || n.type === "TSAsExpression" || n.type === "TSSatisfiesExpression")) n = n.expression;
  return n;
}

/** `a.b(...)` → "b" when node is such a call. */
function methodName(call) {
  const callee = unwrap(call.callee);
  if (callee?.type !== "MemberExpression" || callee.computed || callee.property.type !== "Identifier") return undefined;
  return callee.property.name;
}

/**
 * The calls of the chain starting at `start` (`x.selectFrom(...)`), start first, going outwards
 * through `.method(...)` calls; also returns the outermost node of the chain.
 */
function chainFrom(start) {
  const calls = [{ name: methodName(start), args: start.arguments, node: start }];
  let node = start;
  for (;;) {
    let parent = node.parent;
    while (parent && (parent.type === "TSNonNullExpression" || parent.type === "ChainExpression")) {
      node = parent;
      parent = node.parent;
    }
    if (parent?.type !== "MemberExpression" || parent.object !== node || parent.computed) break;
    const call = parent.parent;
    if (call?.type !== "CallExpression" || call.callee !== parent || parent.property.type !== "Identifier") break;
    calls.push({ name: parent.property.name, args: call.arguments, node: call });
    node = call;
  }
  return { calls, outer: node };
}

/** True when `node` is a call somewhere in a chain that starts with selectFrom/updateTable/... */
function isQueryChainCall(node) {
  let n = node;
  while (n?.type === "CallExpression") {
    const name = methodName(n);
    if (!name) return false;
    if (START_METHODS.has(name) || INSERT_METHODS.has(name)) return true;
    n = unwrap(unwrap(n.callee).object);
  }
  return false;
}

// ---------------------------------------------------------------------------------------------
// The org_id filters of a chain

function makeScope(tenantAliases) {
  /** "org_id" or "<tenant alias>.org_id" */
  const isOrgColumn = (text) => {
    if (text === undefined) return false;
    const t = text.trim();
    if (t === "org_id") return tenantAliases.size > 0;
    const m = /^(\w+)\.org_id$/.exec(t);
    return Boolean(m && tenantAliases.has(m[1]));
  };
  /** "<alias>.org_id" for an alias this chain does not define (a correlated outer query). */
  const isOuterOrgColumn = (text) => {
    const m = text === undefined ? null : /^(\w+)\.org_id$/.exec(text.trim());
    return Boolean(m && !tenantAliases.has(m[1]));
  };
  const isScopingOperator = (node) => {
    const op = stringValue(node);
    return op !== undefined && SCOPING_OPERATORS.has(op.trim().toLowerCase());
  };

  /** A where-style call's arguments: (column, operator, value). */
  const argsScope = (args) => args.length >= 3 && isOrgColumn(stringValue(args[0])) && isScopingOperator(args[1]);

  /** An object of equalities, as in `eb.and({ org_id: x })`. */
  const objectScopes = (obj) =>
    obj.properties.some((p) => {
      if (p.type !== "Property" || p.computed) return false;
      const key = p.key.type === "Identifier" ? p.key.name : stringValue(p.key);
      return isOrgColumn(key);
    });

  /** Does this expression (built with the expression builder `eb`) pin the rows to a centre? */
  const expressionScopes = (expr, eb) => {
    const node = unwrap(expr);
    if (!node || node.type !== "CallExpression" || isQueryChainCall(node)) return false;
    const callee = unwrap(node.callee);
    // eb("t.org_id", "=", x) or eb.eb(...)
    if ((callee.type === "Identifier" && callee.name === eb) || methodName(node) === "eb") return argsScope(node.arguments);
    const name = methodName(node);
    const arg = unwrap(node.arguments[0]);
    if (name === "and") {
      if (arg?.type === "ArrayExpression") return arg.elements.some((e) => expressionScopes(e, eb));
      if (arg?.type === "ObjectExpression") return objectScopes(arg);
      return false;
    }
    if (name === "or") {
      // Every branch must be scoped, or some rows escape through the others.
      if (arg?.type === "ArrayExpression") return arg.elements.length > 0 && arg.elements.every((e) => expressionScopes(e, eb));
      return false;
    }
    return false;
  };

  /** The expression a callback `(eb) => ...` returns. */
  const callbackScopes = (fn) => {
    if (fn.type !== "ArrowFunctionExpression" && fn.type !== "FunctionExpression") return false;
    const first = fn.params[0];
    const eb = first?.type === "Identifier" ? first.name : undefined;
    if (fn.body.type !== "BlockStatement") return expressionScopes(fn.body, eb);
    const returns = fn.body.body.filter((s) => s.type === "ReturnStatement");
    return returns.length > 0 && returns.every((r) => expressionScopes(r.argument, eb));
  };

  /** Does one call of the chain filter on org_id? */
  return ({ name, args }) => {
    if (name === "where") {
      if (args.length >= 3) return argsScope(args);
      const fn = unwrap(args[0]);
      return Boolean(fn) && callbackScopes(fn);
    }
    if (name === "whereRef" && args.length >= 3) {
      // Correlated to an outer query's org_id: `whereRef("m.org_id", "=", "t.org_id")`.
      const a = stringValue(args[0]);
      const b = stringValue(args[2]);
      const op = stringValue(args[1]);
      if (op?.trim() !== "=") return false;
      return (isOrgColumn(a) && isOuterOrgColumn(b)) || (isOrgColumn(b) && isOuterOrgColumn(a));
    }
    return false;
  };
}

// ---------------------------------------------------------------------------------------------
// Inserts

/** Object literals written as the values of an insert (others — variables, spreads — are unknown). */
function insertedObjects(arg) {
  const node = unwrap(arg);
  if (!node) return [];
  if (node.type === "ObjectExpression") return [node];
  if (node.type === "ArrayExpression") return node.elements.flatMap((e) => (e && e.type !== "SpreadElement" ? insertedObjects(e) : []));
  // rows.map((r) => ({ ... }))
  if (node.type === "CallExpression" && methodName(node) === "map") {
    const fn = unwrap(node.arguments[0]);
    if ((fn?.type === "ArrowFunctionExpression" || fn?.type === "FunctionExpression") && fn.body.type !== "BlockStatement") return insertedObjects(fn.body);
  }
  return [];
}

function objectSetsOrgId(obj) {
  let spread = false;
  for (const p of obj.properties) {
    if (p.type === "SpreadElement") spread = true;
    else if (!p.computed && (p.key.type === "Identifier" ? p.key.name : stringValue(p.key)) === "org_id") return true;
  }
  // A spread may carry org_id: only a literal without one is known to miss it.
  return spread;
}

// ---------------------------------------------------------------------------------------------
// The rule

/** @type {import("eslint").Rule.RuleModule} */
export const tenantScope = {
  meta: {
    type: "problem",
    docs: { description: "Kysely queries on tables with org_id filter on org_id in the same chain, or say why not (// tenant-safe: reason)." },
    schema: [
      {
        type: "object",
        properties: { schema: { type: "string" }, tenantTables: { type: "array", items: { type: "string" } } },
        additionalProperties: false,
      },
    ],
    messages: {
      unscoped:
        "{{method}} on {{tables}} with no org_id filter in this chain: add .where(\"{{column}}\", \"=\", orgId) or a `// tenant-safe: <reason>` comment above it.",
      insertWithoutOrg: "insertInto({{table}}) without org_id in its values: set org_id, or add a `// tenant-safe: <reason>` comment above it.",
    },
  },
  create(context) {
    const options = context.options[0] ?? {};
    const tenantTables = options.tenantTables
      ? new Set(options.tenantTables)
      : tenantTablesFromSchema(options.schema ? path.resolve(context.cwd, options.schema) : DEFAULT_SCHEMA);
    const sourceCode = context.sourceCode;

    const hasSafeComment = (nodes) =>
      nodes.some((n) => n && sourceCode.getCommentsBefore(n).some((c) => c.type === "Line" && TENANT_SAFE.test(c.value)));

    /** The statement (or class member / property) holding a node. */
    const statementOf = (node) => {
      let n = node;
      while (n.parent && !/Statement$|Declaration$/.test(n.type)) n = n.parent;
      // `export const x = ...`: the comment sits above the export.
      if (n.parent?.type === "ExportNamedDeclaration") n = n.parent;
      return n;
    };

    /** The nodes a tenant-safe comment may sit directly above. */
    const commentAnchors = (start, outer) => {
      const callee = unwrap(start.callee);
      const receiver = callee.object;
      const dot = sourceCode.getTokenBefore(callee.property); // `.` of `.selectFrom`: a comment on the line above it
      const anchors = [start, receiver, dot, outer, statementOf(start)];
      // `await db.selectFrom(...)`, `return db...`, `[db..., db...]` elements, `{ x: db... }` values.
      let n = outer;
      while (n.parent && (n.parent.type === "AwaitExpression" || n.parent.type === "TSAsExpression" || n.parent.type === "TSNonNullExpression")) n = n.parent;
      anchors.push(n);
      if (n.parent?.type === "Property") anchors.push(n.parent);
      return anchors;
    };

    return {
      CallExpression(node) {
        const method = methodName(node);
        if (!method) return;

        if (INSERT_METHODS.has(method)) {
          const [target] = sourcesOf(node.arguments[0]);
          if (!target || !tenantTables.has(target.table)) return;
          const { calls, outer } = chainFrom(node);
          const missing = calls
            .filter((c) => c.name === "values")
            .flatMap((c) => insertedObjects(c.args[0]))
            .filter((obj) => !objectSetsOrgId(obj));
          const columnsCall = calls.find((c) => c.name === "columns");
          const columnsMiss =
            columnsCall &&
            unwrap(columnsCall.args[0])?.type === "ArrayExpression" &&
            !unwrap(columnsCall.args[0]).elements.some((e) => stringValue(e) === "org_id");
          if ((missing.length > 0 || columnsMiss) && !hasSafeComment(commentAnchors(node, outer))) {
            context.report({ node, messageId: "insertWithoutOrg", data: { table: target.table } });
          }
          return;
        }

        if (!START_METHODS.has(method)) return;
        const { calls, outer } = chainFrom(node);
        const sources = calls.flatMap((c) => (c === calls[0] || SOURCE_METHODS.has(c.name) ? sourcesOf(c.args[0]) : []));
        const tenant = sources.filter((s) => tenantTables.has(s.table));
        if (tenant.length === 0) return;
        const scopes = makeScope(new Set(tenant.map((s) => s.alias)));
        if (calls.some(scopes)) return;
        if (hasSafeComment(commentAnchors(node, outer))) return;
        const first = tenant[0];
        context.report({
          node,
          messageId: "unscoped",
          data: {
            method,
            tables: [...new Set(tenant.map((s) => s.table))].join(", "),
            column: first.alias === first.table && sources.length === 1 ? "org_id" : `${first.alias}.org_id`,
          },
        });
      },
    };
  },
};

export default {
  meta: { name: "tenant-scope" },
  rules: { "tenant-scope": tenantScope },
};
