// Exports that nothing imports: for each `export` of app/, db/, demo/, server/ and scripts/, whether
// any other file of the project (tests included) imports it, by name, through `import * as`, or
// through a re-export. Remix's route-module exports (loader, action, meta, default…) and the entry
// files are the framework's, not ours, and are left out. Prints `file: name (used in its own file)`;
// an export used only in its own file needs just its `export` keyword dropped.
//
// Usage: node --import tsx scripts/unused-exports.ts
import { readFileSync } from "node:fs";
import { relative } from "node:path";
import { fileURLToPath } from "node:url";
import ts from "typescript";

const ROOT = fileURLToPath(new URL("..", import.meta.url));
const SCANNED = /^(app|db|demo|server|scripts)\//;
const FRAMEWORK_FILES = /^app\/(routes\/|root\.tsx$|entry\.(client|server)\.tsx$)/;

const configPath = ts.findConfigFile(ROOT, ts.sys.fileExists, "tsconfig.json")!;
const config = ts.parseJsonConfigFileContent(ts.readConfigFile(configPath, ts.sys.readFile).config, ts.sys, ROOT);
const program = ts.createProgram(config.fileNames, config.options);
const checker = program.getTypeChecker();
const files = program.getSourceFiles().filter((f) => !f.isDeclarationFile && !f.fileName.includes("/node_modules/"));
const rel = (f: ts.SourceFile) => relative(ROOT, f.fileName);

/** The declaration a symbol stands for (following `import { x }` and `export { x } from`). */
function target(symbol: ts.Symbol): ts.Symbol {
  return symbol.flags & ts.SymbolFlags.Alias ? checker.getAliasedSymbol(symbol) : symbol;
}

// Every exported symbol reached from another file.
const usedElsewhere = new Set<ts.Symbol>();
const wholeModules = new Set<ts.Symbol>();
for (const file of files) {
  const visit = (node: ts.Node) => {
    if ((ts.isImportDeclaration(node) || ts.isExportDeclaration(node)) && node.moduleSpecifier) {
      const moduleSymbol = checker.getSymbolAtLocation(node.moduleSpecifier);
      const clause = ts.isImportDeclaration(node) ? node.importClause : undefined;
      if (ts.isImportDeclaration(node) && clause) {
        if (clause.name) usedElsewhere.add(target(checker.getSymbolAtLocation(clause.name)!));
        const bindings = clause.namedBindings;
        if (bindings && ts.isNamespaceImport(bindings) && moduleSymbol) wholeModules.add(moduleSymbol);
        if (bindings && ts.isNamedImports(bindings)) {
          for (const el of bindings.elements) {
            const s = checker.getSymbolAtLocation(el.name);
            if (s) usedElsewhere.add(target(s));
          }
        }
      }
      if (ts.isExportDeclaration(node)) {
        if (!node.exportClause && moduleSymbol) wholeModules.add(moduleSymbol);
        if (node.exportClause && ts.isNamedExports(node.exportClause)) {
          for (const el of node.exportClause.elements) {
            const s = checker.getSymbolAtLocation(el.name);
            if (s) usedElsewhere.add(target(s));
          }
        }
      }
    }
    // import("./x").then((m) => m.name) and `const { name } = await import("./x")`.
    if (ts.isCallExpression(node) && node.expression.kind === ts.SyntaxKind.ImportKeyword) {
      const arg = node.arguments[0];
      const moduleSymbol = arg ? checker.getSymbolAtLocation(arg) : undefined;
      if (moduleSymbol) wholeModules.add(moduleSymbol);
    }
    ts.forEachChild(node, visit);
  };
  visit(file);
}

/** How often a name occurs in its own file, besides its declaration. */
function usedInOwnFile(file: ts.SourceFile, name: string): boolean {
  const text = readFileSync(file.fileName, "utf8");
  return (text.match(new RegExp(`\\b${name}\\b`, "g")) ?? []).length > 1;
}

const unused: string[] = [];
for (const file of files) {
  const path = rel(file);
  if (!SCANNED.test(path) || FRAMEWORK_FILES.test(path)) continue;
  const moduleSymbol = checker.getSymbolAtLocation(file);
  if (!moduleSymbol || wholeModules.has(moduleSymbol)) continue;
  for (const exp of checker.getExportsOfModule(moduleSymbol)) {
    if (usedElsewhere.has(target(exp))) continue;
    const name = exp.getName();
    if (name === "default") continue;
    unused.push(`${path}: ${name}${usedInOwnFile(file, name) ? " (used in its own file)" : ""}`);
  }
}
console.log(unused.sort().join("\n"));
console.log(`${unused.length} exports that no other file imports`);
