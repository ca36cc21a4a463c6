import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import ts from "typescript";

// The forms a user can submit, read from the source (issue 13: "every form, through the page").
//
// For each route module in app/routes/ and the .tsx files it renders (followed through its imports,
// e.g. app/components/TaskForm.tsx), this finds
//   - every intent a form posts: `<input type="hidden" name="intent" value="…">` and
//     `<button name="intent" value="…">` (a value chosen by a condition gives each branch; a template
//     such as `regenerate.${s}` gives the family `regenerate.*`);
//   - every POST form without an intent (sign-in, password change, a new position…);
// and the target of each: the route that renders it, or the route named by its `action="/…"`.
// It then reads each route's action and cross-checks: an intent handled (`case "x":`,
// `intent === "x"`, `intent.startsWith("x.")`) that no form posts, or posted but not handled, is a
// problem. An action that never looks at the intent handles whatever its forms post (its schema
// decides, e.g. the task form's "assign" and "draft").
//
// Used by tests/unit/forms-inventory.test.ts and by the e2e coverage check
// (tests/helpers/form-coverage-reporter.ts), which compares it with the forms the browser submitted.

/** One form (one intent of it) a user can submit. */
export interface FormEntry {
  /** The Remix route id that receives it, e.g. `routes/o.$org.tasks.$taskId._index`. */
  routeId: string;
  /** The route's URL pattern, e.g. `/o/:org/tasks/:taskId`. */
  path: string;
  /** The intent posted; `null` for a form without one; `prefix*` for a family (`regenerate.*`). */
  intent: string | null;
  /** Where it is in the source (file:line), for messages. */
  sources: string[];
}

export interface FormInventory {
  forms: FormEntry[];
  /** Per route with an action: the intents it handles, or "any" when it does not look at them. */
  handled: Record<string, string[] | "any">;
  /** Intents handled but never posted, posted but never handled, forms posting to no action… */
  problems: string[];
}

/** The forms one component (a top-level function) shows, and the components it renders. */
export interface ParsedComponent {
  intents: { value: string; line: number; action?: string }[];
  formsWithoutIntent: { line: number; action?: string }[];
  /** Values of `name="intent"` that are not written in the source (a variable): a problem. */
  unknown: { line: number; text: string }[];
  /** Components of the same file it renders. */
  local: string[];
  /** Imported components it renders: module specifier and exported name. */
  imported: { spec: string; name: string }[];
}

/** What one source file shows, per top-level component ("" holds JSX outside any), and in all. */
export interface ParsedFile extends Omit<ParsedComponent, "local" | "imported"> {
  components: Map<string, ParsedComponent>;
}

const FORM_TAGS = /^(Form|form|\w+\.Form)$/;

function attribute(el: ts.JsxOpeningLikeElement, name: string): ts.JsxAttribute | undefined {
  return el.attributes.properties.find((p): p is ts.JsxAttribute => ts.isJsxAttribute(p) && p.name.getText() === name);
}

/** The string values an attribute can take: literals, both branches of a condition, `prefix*` for a template. */
function attributeValues(attr: ts.JsxAttribute | undefined): string[] | undefined {
  const init = attr?.initializer;
  if (!init) return undefined;
  if (ts.isStringLiteral(init)) return [init.text];
  if (!ts.isJsxExpression(init) || !init.expression) return undefined;
  const values = (e: ts.Expression): string[] | undefined => {
    if (ts.isStringLiteral(e) || ts.isNoSubstitutionTemplateLiteral(e)) return [e.text];
    if (ts.isTemplateExpression(e)) return [`${e.head.text}*`];
    if (ts.isParenthesizedExpression(e)) return values(e.expression);
    if (ts.isConditionalExpression(e)) {
      const a = values(e.whenTrue);
      const b = values(e.whenFalse);
      return a && b ? [...a, ...b] : undefined;
    }
    return undefined;
  };
  return values(init.expression);
}

function tagName(el: ts.JsxOpeningLikeElement): string {
  return el.tagName.getText();
}

function isPostForm(el: ts.JsxOpeningLikeElement): boolean {
  if (!FORM_TAGS.test(tagName(el))) return false;
  return (attributeValues(attribute(el, "method"))?.[0] ?? "get").toLowerCase() === "post";
}

/** The name of a top-level declaration that can be a component, "default" for the default export. */
function componentNames(st: ts.Statement): string[] {
  const exportsDefault = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.DefaultKeyword);
  if (ts.isFunctionDeclaration(st)) return [...(st.name ? [st.name.text] : []), ...(exportsDefault ? ["default"] : [])];
  if (ts.isVariableStatement(st)) return st.declarationList.declarations.map((d) => d.name.getText());
  if (ts.isExportAssignment(st) && !st.isExportEquals) return ["default"];
  return [];
}

/**
 * Parses one .tsx source: per top-level component, the intents its forms post, its POST forms
 * without an intent and the components it renders.
 */
export function parseForms(source: string, fileName = "file.tsx"): ParsedFile {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  const line = (n: ts.Node) => sf.getLineAndCharacterOfPosition(n.getStart(sf)).line + 1;
  const imports = new Map<string, { spec: string; name: string }>(); // local name → where from
  for (const st of sf.statements) {
    if (!ts.isImportDeclaration(st) || !ts.isStringLiteral(st.moduleSpecifier)) continue;
    const clause = st.importClause;
    if (!clause || clause.isTypeOnly) continue;
    const spec = st.moduleSpecifier.text;
    if (clause.name) imports.set(clause.name.text, { spec, name: "default" });
    if (clause.namedBindings && ts.isNamedImports(clause.namedBindings)) {
      for (const b of clause.namedBindings.elements) if (!b.isTypeOnly) imports.set(b.name.text, { spec, name: (b.propertyName ?? b.name).text });
    }
  }
  const declared = new Set(sf.statements.flatMap(componentNames));

  /** The action of the POST form around a node (undefined: the page's own route). */
  const enclosingAction = (node: ts.Node): string | undefined => {
    for (let p: ts.Node | undefined = node.parent; p; p = p.parent) {
      if (ts.isJsxElement(p) && isPostForm(p.openingElement)) return attributeValues(attribute(p.openingElement, "action"))?.[0];
    }
    return undefined;
  };

  const scan = (root: ts.Node): ParsedComponent => {
    const c: ParsedComponent = { intents: [], formsWithoutIntent: [], unknown: [], local: [], imported: [] };
    const tags = new Set<string>();
    const visit = (node: ts.Node) => {
      if (ts.isJsxOpeningElement(node) || ts.isJsxSelfClosingElement(node)) {
        tags.add(tagName(node).split(".")[0]!);
        const name = attributeValues(attribute(node, "name"))?.[0];
        if (name === "intent" && /^(input|button)$/.test(tagName(node))) {
          const values = attributeValues(attribute(node, "value"));
          if (!values) c.unknown.push({ line: line(node), text: node.getText(sf).slice(0, 120) });
          else for (const value of values) c.intents.push({ value, line: line(node), action: enclosingAction(node) });
        }
      }
      if (ts.isJsxElement(node) && isPostForm(node.openingElement)) {
        // A wrapper that renders what it is given (`{children}`) is not a form of its own.
        let hasIntent = false;
        let wraps = false;
        const inner = (n: ts.Node) => {
          if ((ts.isJsxOpeningElement(n) || ts.isJsxSelfClosingElement(n)) && attributeValues(attribute(n, "name"))?.[0] === "intent") hasIntent = true;
          if (ts.isJsxExpression(n) && n.expression && /^(props\.)?children\b/.test(n.expression.getText(sf))) wraps = true;
          ts.forEachChild(n, inner);
        };
        ts.forEachChild(node, inner);
        if (!hasIntent && !wraps) c.formsWithoutIntent.push({ line: line(node), action: attributeValues(attribute(node.openingElement, "action"))?.[0] });
      }
      ts.forEachChild(node, visit);
    };
    visit(root);
    for (const t of tags) {
      if (declared.has(t)) c.local.push(t);
      else if (imports.has(t)) c.imported.push(imports.get(t)!);
    }
    return c;
  };

  const components = new Map<string, ParsedComponent>();
  for (const st of sf.statements) {
    if (ts.isImportDeclaration(st)) continue;
    const names = componentNames(st);
    const c = scan(st);
    for (const n of names.length ? names : [""]) {
      const prev = components.get(n);
      components.set(n, prev ? { intents: [...prev.intents, ...c.intents], formsWithoutIntent: [...prev.formsWithoutIntent, ...c.formsWithoutIntent], unknown: [...prev.unknown, ...c.unknown], local: [...prev.local, ...c.local], imported: [...prev.imported, ...c.imported] } : c);
    }
  }
  const all = [...new Set(components.values())];
  return {
    components,
    intents: all.flatMap((c) => c.intents),
    formsWithoutIntent: all.flatMap((c) => c.formsWithoutIntent),
    unknown: all.flatMap((c) => c.unknown),
  };
}

/** What a route's action handles: the intents it names, or "any" when it never looks at one. */
export function parseHandledIntents(source: string, fileName = "route.tsx"): string[] | "any" | undefined {
  const sf = ts.createSourceFile(fileName, source, ts.ScriptTarget.Latest, true, ts.ScriptKind.TSX);
  let action: ts.Node | undefined;
  for (const st of sf.statements) {
    const exported = ts.canHaveModifiers(st) && ts.getModifiers(st)?.some((m) => m.kind === ts.SyntaxKind.ExportKeyword);
    if (!exported) continue;
    if (ts.isFunctionDeclaration(st) && st.name?.text === "action") action = st;
    if (ts.isVariableStatement(st)) for (const d of st.declarationList.declarations) if (d.name.getText(sf) === "action") action = d;
  }
  if (!action) return undefined;
  const intents = new Set<string>();
  let looks = false;
  // The intent as posted: a local `intent` or `formData.get("intent")`, not a parsed `v.intent` (the schema's).
  const isIntent = (e: ts.Expression) => /^(String\()?(intent\b|\w+\.get\("intent"\))/.test(e.getText(sf));
  const visit = (n: ts.Node) => {
    if (ts.isSwitchStatement(n) && isIntent(n.expression)) {
      looks = true;
      for (const clause of n.caseBlock.clauses) {
        if (ts.isCaseClause(clause) && ts.isStringLiteral(clause.expression)) intents.add(clause.expression.text);
      }
    }
    if (ts.isBinaryExpression(n) && /^={2,3}$/.test(n.operatorToken.getText(sf))) {
      const [a, b] = [n.left, n.right];
      for (const [x, y] of [[a, b], [b, a]] as const) {
        if (isIntent(x) && ts.isStringLiteral(y)) {
          looks = true;
          intents.add(y.text);
        }
      }
    }
    if (ts.isCallExpression(n) && ts.isPropertyAccessExpression(n.expression) && n.expression.name.text === "startsWith" && isIntent(n.expression.expression)) {
      const arg = n.arguments[0];
      if (arg && ts.isStringLiteral(arg)) {
        looks = true;
        intents.add(`${arg.text}*`);
      }
    }
    ts.forEachChild(n, visit);
  };
  visit(action);
  return looks ? [...intents] : "any";
}

/** The URL pattern of a flat route file name: `o.$org_.rosters.$rosterId.print` → `/o/:org/rosters/:rosterId/print`. */
export function routePath(routeFile: string): string {
  const name = routeFile.replace(/\.tsx?$/, "");
  const segments = name.split(/\.(?![^[]*\])/).filter((s) => s !== "_index" && !/^_/.test(s));
  return "/" + segments.map((s) => s.replace(/_$/, "").replace(/^\$/, ":").replace(/\[(.*?)\]/g, "$1")).filter(Boolean).join("/");
}

/** Does a posted intent belong to an entry (`regenerate.summary` belongs to `regenerate.*`)? */
export function intentMatches(entry: string | null, posted: string | null): boolean {
  if (entry === null || posted === null) return entry === posted;
  return entry.endsWith("*") ? posted.startsWith(entry.slice(0, -1)) : entry === posted;
}

const key = (routeId: string, intent: string | null) => `${routeId} ${intent ?? "(no intent)"}`;

/** The whole inventory of the app in `root` (the repository). */
export function formInventory(root = "."): FormInventory {
  const app = resolve(root, "app");
  const routesDir = join(app, "routes");
  const routeFiles = readdirSync(routesDir).filter((f) => /\.tsx?$/.test(f));
  const routeIdOf = (file: string) => `routes/${file.replace(/\.tsx?$/, "")}`;
  const byPath = new Map(routeFiles.map((f) => [routePath(f), routeIdOf(f)]));
  const parsed = new Map<string, ParsedFile>();
  const parse = (file: string) => {
    if (!parsed.has(file)) parsed.set(file, parseForms(readFileSync(file, "utf8"), file));
    return parsed.get(file)!;
  };
  const resolveImport = (from: string, spec: string): string | undefined => {
    const base = spec.startsWith("~/") ? join(app, spec.slice(2)) : spec.startsWith(".") ? resolve(dirname(from), spec) : undefined;
    if (!base) return undefined;
    return [`${base}.tsx`, `${base}/index.tsx`, base].find((p) => p.endsWith(".tsx") && existsSync(p));
  };
  /** The components a route renders: all of its own file and, through imports, the components it uses. */
  const rendered = (routeFile: string): { file: string; component: ParsedComponent }[] => {
    const out: { file: string; component: ParsedComponent }[] = [];
    const seen = new Set<string>();
    const reach = (file: string, name: string) => {
      const k = `${file}#${name}`;
      if (seen.has(k)) return;
      seen.add(k);
      const c = parse(file).components.get(name);
      if (!c) return;
      out.push({ file, component: c });
      for (const l of c.local) reach(file, l);
      for (const i of c.imported) {
        const dep = resolveImport(file, i.spec);
        if (dep) reach(dep, i.name);
      }
    };
    for (const name of parse(routeFile).components.keys()) reach(routeFile, name);
    return out;
  };

  const entries = new Map<string, FormEntry>();
  const problems: string[] = [];
  const add = (routeId: string, intent: string | null, source: string) => {
    const k = key(routeId, intent);
    const path = routePath(routeId.slice("routes/".length));
    const e = entries.get(k) ?? { routeId, path, intent, sources: [] };
    if (!e.sources.includes(source)) e.sources.push(source);
    entries.set(k, e);
  };
  const target = (routeId: string, action: string | undefined, where: string): string | undefined => {
    if (action === undefined || !action.startsWith("/")) return routeId; // the page itself (`?intent=…`, `?${query}`)
    const id = byPath.get(action.split("?")[0]!);
    if (!id) problems.push(`${where}: a form posts to ${action}, which is no route`);
    return id;
  };

  // The root layout is rendered on every page: its forms must name their action (none today).
  const pages: [string, string][] = [["root", join(app, "root.tsx")], ...routeFiles.map((f): [string, string] => [routeIdOf(f), join(routesDir, f)])];
  for (const [routeId, routeFile] of pages) {
    for (const { file, component: p } of rendered(routeFile)) {
      const rel = relative(resolve(root), file);
      for (const u of p.unknown) problems.push(`${rel}:${u.line}: an intent whose value is not written in the source: ${u.text}`);
      for (const i of p.intents) {
        const to = target(routeId, i.action, `${rel}:${i.line}`);
        if (to) add(to, i.value, `${rel}:${i.line}`);
      }
      for (const f of p.formsWithoutIntent) {
        const to = target(routeId, f.action, `${rel}:${f.line}`);
        if (to) add(to, null, `${rel}:${f.line}`);
      }
    }
  }

  const handled: Record<string, string[] | "any"> = {};
  for (const routeFile of routeFiles) {
    const h = parseHandledIntents(readFileSync(join(routesDir, routeFile), "utf8"), routeFile);
    if (h !== undefined) handled[routeIdOf(routeFile)] = h;
  }
  const forms = [...entries.values()].sort((a, b) => key(a.routeId, a.intent).localeCompare(key(b.routeId, b.intent)));
  for (const f of forms) {
    const h = handled[f.routeId];
    if (h === undefined) problems.push(`${f.sources.join(", ")}: ${key(f.routeId, f.intent)} posts to a route without an action`);
    else if (h !== "any" && f.intent !== null && !h.includes(f.intent)) problems.push(`${f.sources.join(", ")}: intent "${f.intent}" is posted to ${f.routeId}, whose action does not handle it`);
    else if (h !== "any" && f.intent === null) problems.push(`${f.sources.join(", ")}: a form without an intent posts to ${f.routeId}, whose action needs one`);
  }
  for (const [routeId, h] of Object.entries(handled)) {
    const posted = forms.filter((f) => f.routeId === routeId);
    if (posted.length === 0) problems.push(`${routeId}: has an action, but no form posts to it`);
    if (h === "any") continue;
    for (const intent of h) {
      if (!posted.some((f) => f.intent === intent)) problems.push(`${routeId}: handles intent "${intent}", which no form posts`);
    }
  }
  return { forms, handled, problems };
}

/** `routes/o.$org.leave request` — how an entry is named in messages. */
export function formName(f: { routeId: string; intent: string | null }): string {
  return key(f.routeId, f.intent);
}

/** A form submission recorded by the e2e server (server/form-log.ts, FORM_LOG). */
export interface Submission {
  routeId: string;
  intent: string | null;
  status: number;
  mode?: string;
}

/**
 * Forms no browser test can submit, each with why. Keep this short: a form a person can submit can
 * be submitted by a test. Keys are `formName`s: `routes/<id> <intent>` or `routes/<id> (no intent)`.
 */
export const NOT_FROM_A_BROWSER: Record<string, string> = {};

export interface FormCoverage {
  /** Submitted from a browser at least once with success (a status below 400). */
  covered: FormEntry[];
  /** Never submitted successfully from a browser: the check fails on these. */
  missing: (FormEntry & { tried: number[] })[];
  /** On the allow-list, with its reason. */
  allowed: (FormEntry & { reason: string })[];
  /** Submissions that match no form of the inventory (a form the parser missed). */
  unknown: Submission[];
  /** Allow-list entries that name no form (left over after a form was removed). */
  staleAllowed: string[];
}

/** Compares the forms in the code with the submissions a browser made. */
export function formCoverage(inventory: FormEntry[], submissions: Submission[], allow: Record<string, string> = NOT_FROM_A_BROWSER): FormCoverage {
  const out: FormCoverage = { covered: [], missing: [], allowed: [], unknown: [], staleAllowed: [] };
  for (const f of inventory) {
    const mine = submissions.filter((s) => s.routeId === f.routeId && intentMatches(f.intent, s.intent));
    const reason = allow[formName(f)];
    if (mine.some((s) => s.status < 400)) out.covered.push(f);
    else if (reason) out.allowed.push({ ...f, reason });
    else out.missing.push({ ...f, tried: [...new Set(mine.map((s) => s.status))] });
  }
  const seen = new Set<string>();
  for (const s of submissions) {
    const k = key(s.routeId, s.intent);
    if (seen.has(k)) continue;
    seen.add(k);
    if (!inventory.some((f) => f.routeId === s.routeId && intentMatches(f.intent, s.intent))) out.unknown.push(s);
  }
  out.staleAllowed = Object.keys(allow).filter((k) => !inventory.some((f) => formName(f) === k));
  return out;
}
