import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { randomUUID } from "node:crypto";
import { join } from "node:path";
import { SEED_TIME, TMP_DIR } from "./paths";

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

/** A compiled server started as a child process (what an operator runs), answering /healthz. */
export interface CompiledServer {
  url: string;
  port: number;
  child: ChildProcess;
  /** stdout lines so far, parsed when they are JSON. */
  lines: () => { raw: string; json?: Record<string, unknown> }[];
  stderr: () => string;
  exited: Promise<number | null>;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

/**
 * Starts the compiled server on a free port of [portBase, portBase + 100) in demo mode with the
 * seed's clock (not vitest's NODE_ENV=test: the server as an operator starts it), `env` on top,
 * and waits until it answers /healthz (60 s at most).
 */
export async function startCompiledServer(env: Record<string, string>, portBase: number): Promise<CompiledServer> {
  for (let attempt = 0; attempt < 8; attempt++) {
    const port = portBase + Math.floor(Math.random() * 100);
    const childEnv: Record<string, string | undefined> = { ...process.env, APP_MODE: "demo", PORT: String(port), APP_CLOCK_START: SEED_TIME.toISOString() };
    delete childEnv.NODE_ENV;
    const child = spawn(process.execPath, [compiledServer().server], { env: { ...childEnv, ...env } as NodeJS.ProcessEnv, stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    child.stdout!.on("data", (d: Buffer) => (out += d.toString()));
    child.stderr!.on("data", (d: Buffer) => (err += d.toString()));
    const exited = new Promise<number | null>((r) => child.on("exit", (code) => r(code)));
    const lines = () =>
      out
        .split("\n")
        .filter(Boolean)
        .map((raw) => {
          try {
            return { raw, json: JSON.parse(raw) as Record<string, unknown> };
          } catch {
            return { raw };
          }
        });
    const state = await Promise.race([
      (async () => {
        for (let i = 0; i < 600; i++) {
          try {
            if ((await fetch(`http://127.0.0.1:${port}/healthz`)).ok) return "up";
          } catch {
            // not listening yet
          }
          await sleep(100);
        }
        return "slow";
      })(),
      exited.then(() => "exited"),
    ]);
    if (state === "up") return { url: `http://127.0.0.1:${port}`, port, child, lines, stderr: () => err, exited };
    child.kill("SIGKILL");
    if (state === "exited" && /EADDRINUSE/.test(err)) continue;
    throw new Error(`server did not start (${state}): ${err}${out}`);
  }
  throw new Error(`no free port in ${portBase}–${portBase + 99}`);
}
