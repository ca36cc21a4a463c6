import type { FullConfig, FullResult, Reporter, Suite } from "@playwright/test/reporter";
import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative, resolve } from "node:path";
import { formCoverage, formInventory, formName, type Submission } from "./forms";

/**
 * After a whole e2e run, fails the run when a form of the app (each intent, tests/helpers/forms.ts)
 * was never submitted successfully from the browser. The e2e server records every submission that
 * carries a browser's fetch metadata in FORM_LOG (server/form-log.ts); direct posts through
 * Playwright's `request` do not count. A partial run (some spec files) is not checked.
 */
export default class FormCoverageReporter implements Reporter {
  private readonly log: string;
  private whole = false;
  private missingFiles: string[] = [];

  constructor(options: { log: string }) {
    this.log = options.log;
  }

  printsToStdio() {
    return false;
  }

  onBegin(config: FullConfig, suite: Suite) {
    const testDir = config.projects[0]!.testDir;
    const specs = (function walk(dir: string): string[] {
      return readdirSync(dir).flatMap((e) => {
        const p = join(dir, e);
        return statSync(p).isDirectory() ? walk(p) : /\.spec\.ts$/.test(e) ? [resolve(p)] : [];
      });
    })(testDir);
    const running = new Set(suite.allTests().map((t) => resolve(t.location.file)));
    this.missingFiles = specs.filter((s) => !running.has(s)).map((s) => relative(process.cwd(), s));
    this.whole = this.missingFiles.length === 0;
  }

  async onEnd(result: FullResult): Promise<{ status?: FullResult["status"] } | undefined> {
    if (result.status === "interrupted") return undefined;
    if (!this.whole) {
      console.log(`\nForm coverage: not checked, this run leaves out ${this.missingFiles.length} spec file(s).`);
      return undefined;
    }
    const { forms, problems } = formInventory();
    const submissions: Submission[] = existsSync(this.log)
      ? readFileSync(this.log, "utf8")
          .split("\n")
          .filter(Boolean)
          .map((l) => JSON.parse(l) as Submission)
      : [];
    const c = formCoverage(forms, submissions);
    const lines = [
      "",
      `Form coverage: ${forms.length} forms in the code (${forms.filter((f) => f.intent !== null).length} route × intent, ${forms.filter((f) => f.intent === null).length} without an intent); ` +
        `${c.covered.length} submitted from the browser, ${c.allowed.length} allowed without (${submissions.length} browser submissions recorded in ${this.log}).`,
    ];
    const failures: string[] = [];
    for (const f of c.missing) {
      const tried = f.tried.length ? ` — submitted, but only answered ${f.tried.join(", ")}` : "";
      failures.push(`  ${formName(f)}  (${f.path}; ${f.sources.join(", ")})${tried}`);
    }
    if (failures.length) lines.push(`No browser test submits these forms successfully (fill and submit each in a spec under tests/e2e/):`, ...failures);
    if (c.unknown.length) lines.push("Submitted, but not in the inventory of forms (tests/helpers/forms.ts missed them):", ...c.unknown.map((s) => `  ${formName(s)}`));
    if (c.staleAllowed.length) lines.push("On the allow-list but no such form:", ...c.staleAllowed.map((k) => `  ${k}`));
    if (problems.length) lines.push("Forms and actions disagree:", ...problems.map((p) => `  ${p}`));
    console.log(lines.join("\n"));
    if (failures.length || c.unknown.length || c.staleAllowed.length || problems.length) return { status: "failed" };
    return undefined;
  }
}
