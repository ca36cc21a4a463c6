// Compiles the server entry points (server/index.ts, server/cli.ts and everything they import outside
// the Remix build: app/ services, db/, migrations/) into plain JavaScript in build/node/, so that
// `npm run serve` needs no TypeScript compiler or tsx at run time (docs/decisions/0031-operations.md).
// Packages stay imports of node_modules. Usage: node scripts/build-server.mjs [outdir]
import { build } from "esbuild";
import { rmSync } from "node:fs";
import process from "node:process";

const log = (line) => process.stdout.write(`${line}\n`);

const outdir = process.argv[2] ?? "build/node";

// Bare imports are packages, left to node_modules; `~/…` is the app folder (tsconfig paths) and is
// compiled in. (esbuild 0.17's `packages: "external"` would take `~` for a package.)
const externalPackages = {
  name: "external-packages",
  setup(b) {
    b.onResolve({ filter: /^[^./~]|^~[^/]/ }, (args) => (args.kind === "entry-point" ? undefined : { path: args.path, external: true }));
  },
};
const started = Date.now();
rmSync(outdir, { recursive: true, force: true });
await build({
  entryPoints: { server: "server/index.ts", cli: "server/cli.ts" },
  outdir,
  bundle: true,
  // Dynamic imports (msw for MOCKS=1, vite for --dev) stay lazy, in chunks of their own.
  splitting: true,
  chunkNames: "chunks/[name]-[hash]",
  platform: "node",
  format: "esm",
  target: "node20",
  plugins: [externalPackages],
  sourcemap: true,
  tsconfig: "tsconfig.json",
  logLevel: "warning",
});
log(`server compiled into ${outdir}/ in ${Date.now() - started} ms`);
