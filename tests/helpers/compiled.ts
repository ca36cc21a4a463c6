import { execFileSync } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { TMP_DIR } from "./paths";

let compiled: { server: string; cli: string } | undefined;

/**
 * The server and CLI compiled as `npm run build` compiles them (scripts/build-server.mjs), into this
 * run's temporary folder, once per test file: the tests run what `npm run serve` runs, and start in
 * a second rather than the several tsx needs to compile TypeScript on the fly. The server still
 * loads the Remix build from build/server (as every integration test does).
 */
export function compiledServer(): { server: string; cli: string } {
  if (!compiled) {
    const out = join(TMP_DIR, `node-${randomUUID()}`);
    execFileSync(process.execPath, ["scripts/build-server.mjs", out], { stdio: "ignore" });
    compiled = { server: join(out, "server.js"), cli: join(out, "cli.js") };
  }
  return compiled;
}
