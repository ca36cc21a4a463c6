import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";

const ROOT = fileURLToPath(new URL("../..", import.meta.url));

/** Runs scripts/checkin-durability.ts (which starts and kills its own server processes). */
function runDurability(args: string[]): Promise<{ code: number | null; output: string }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", "scripts/checkin-durability.ts", ...args], { cwd: ROOT, stdio: ["ignore", "pipe", "pipe"] });
    let output = "";
    child.stdout.on("data", (d: Buffer) => (output += d.toString()));
    child.stderr.on("data", (d: Buffer) => (output += d.toString()));
    child.once("error", reject);
    child.once("exit", (code) => resolve({ code, output }));
  });
}

describe("check-ins survive the server being killed", () => {
  it("keeps every acknowledged check-in exactly once across a SIGKILL and a restart", { timeout: 100_000 }, async () => {
    // One round: burst of 56 check-ins from 14 members, SIGKILL after 600 ms, verify, restart, verify.
    const { code, output } = await runDurability(["--rounds", "1", "--timeout", "90000"]);
    expect(output).toMatch(/lost: 0, duplicates: 0, integrity: ok/);
    expect(Number(/acknowledged: (\d+)/.exec(output)?.[1])).toBeGreaterThan(0);
    expect(code, output).toBe(0);
  });

  it("notices a lost check-in (the checker checks something)", { timeout: 100_000 }, async () => {
    const { code, output } = await runDurability(["--rounds", "1", "--timeout", "90000", "--self-test"]);
    expect(output).toMatch(/lost: 1,/);
    expect(code, output).toBe(1);
  });
});
