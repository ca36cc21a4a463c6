// Which dictionary sections each page's code reads, found by reading the source (docs/decisions/0036):
// a route file and every local module it imports (not *.server.ts, which never reaches the browser),
// searched for `t.<section>`, `all.<section>`, `useT().<section>` and `Messages["<section>"]`.
// Over-approximate on purpose: a name that merely looks like a section only sends a little more (a
// loader's `const t = messages(…)` counts too; a loader that uses sections the page does not should
// bind the dictionary to another name, as the centre layout's does).
import fs from "node:fs";
import path from "node:path";
import { vi } from "~/i18n/vi";

const APP = path.resolve("app");
const SECTIONS = new Set(Object.keys(vi));

function resolveImport(from: string, spec: string): string | null {
  let base: string;
  if (spec.startsWith("~/")) base = path.join(APP, spec.slice(2));
  else if (spec.startsWith(".")) base = path.resolve(path.dirname(from), spec);
  else return null;
  for (const cand of [base, `${base}.ts`, `${base}.tsx`, path.join(base, "index.ts"), path.join(base, "index.tsx")]) {
    if (fs.existsSync(cand) && fs.statSync(cand).isFile()) return cand;
  }
  return null;
}

const usageCache = new Map<string, Set<string>>();

/** Sections read by one file and the local client modules it imports, transitively. */
export function sectionsUsed(file: string, seen = new Set<string>()): Set<string> {
  const out = new Set<string>();
  if (seen.has(file)) return out;
  seen.add(file);
  const src = fs.readFileSync(file, "utf8");
  let own = usageCache.get(file);
  if (!own) {
    own = new Set<string>();
    // `const t = useT().errorPages` makes `t.home` a key of that section, not the section "home".
    const tIsSection = /const t = useT\(\)\.\w/.test(src) && !/\bt\s*=\s*(useT\(\)|metaMessages\([^)]*\))\s*;/.test(src);
    const patterns = [
      tIsSection ? /\b(?:all|m|tt|msgs|messages)\??\.([a-zA-Z]+)\b/g : /\b(?:t|all|m|tt|msgs|messages)\??\.([a-zA-Z]+)\b/g,
      /useT\(\)\.([a-zA-Z]+)/g,
      /metaMessages\([^)]*\)\.([a-zA-Z]+)/g,
      /Messages\["([a-zA-Z]+)"\]/g,
      /Pick<Messages,\s*([^>]+)>/g,
    ];
    for (const re of patterns) {
      for (const m of src.matchAll(re)) {
        for (const name of m[1]!.split(/[^a-zA-Z]+/)) if (SECTIONS.has(name)) own.add(name);
      }
    }
    usageCache.set(file, own);
  }
  own.forEach((s) => out.add(s));
  for (const m of src.matchAll(/(?:^|\n)\s*(?:import|export)\s+(?!type\b)[^"']*?from\s+["']([^"']+)["']/g)) {
    const target = resolveImport(file, m[1]!);
    // The dictionaries themselves are not code that reads them; their helpers (errorText, …) are.
    if (!target || /\.server\.tsx?$/.test(target) || /[\\/]i18n[\\/](vi|en)\.ts$/.test(target)) continue;
    sectionsUsed(target, seen).forEach((s) => out.add(s));
  }
  return out;
}

/** Every page route file (resource routes without a default export are skipped). */
export function pageRoutes(): string[] {
  const dir = path.join(APP, "routes");
  return fs
    .readdirSync(dir)
    .filter((f) => /\.tsx?$/.test(f) && /export default/.test(fs.readFileSync(path.join(dir, f), "utf8")))
    .map((f) => path.join(dir, f));
}
