import type { ServerBuild } from "@remix-run/node";
import { SqliteQueryCompiler, type KyselyPlugin } from "kysely";
import type { AddressInfo } from "node:net";
import { pathToFileURL } from "node:url";
import { openFileStore, type FileStorageKind, type FileStore } from "../../app/modules/files/store.server";
import type { DB } from "../../db/schema";
import { createApp } from "../../server/app";
import type { TrustProxy } from "../../server/config";
import { appDbFor, freshDb } from "./db";
import { SEED_TIME, TMP_DIR } from "./paths";
import { randomUUID } from "node:crypto";

let buildPromise: Promise<ServerBuild> | undefined;
function loadBuild() {
  buildPromise ??= import(pathToFileURL("build/server/index.js").href) as Promise<ServerBuild>;
  return buildPromise;
}

/** A controllable clock. */
export class Clock {
  constructor(public current: Date = SEED_TIME) {}
  now = () => new Date(this.current);
  advance(ms: number) {
    this.current = new Date(this.current.getTime() + ms);
  }
}

export interface TestServer {
  url: string;
  /** The database as its owner (fixtures and checks; not subject to row-level security). */
  db: DB;
  /** The server's own connection: on PostgreSQL the app's role, row-level security applying. */
  appDb: DB;
  clock: Clock;
  /** The local store's folder; uploads wait in its .uploads folder whatever the store. */
  filesDir: string;
  /** The server's file store (FILE_STORAGE: local by default). */
  files: FileStore;
  close: () => Promise<void>;
  /** A client with its own cookie jar that sends our Origin on every request. */
  client: () => Client;
}

/** The real Express + Remix server (production build) on a free port, with its own database copy. */
export async function startServer(
  opts: {
    production?: boolean;
    trustProxy?: TrustProxy;
    origins?: string[];
    fileStorage?: FileStorageKind;
    benchFloor?: boolean;
    /** Called with the SQL of every statement the server's own connection runs (statement counts). */
    onStatement?: (sql: string) => void;
  } = {},
): Promise<TestServer> {
  const db = freshDb();
  const appDb = appDbFor(db);
  const serverDb = opts.onStatement ? appDb.withPlugin(statementSpy(opts.onStatement)) : appDb;
  const clock = new Clock();
  const build = await loadBuild();
  const filesDir = `${TMP_DIR}files-${randomUUID()}`;
  const files = openFileStore(opts.fileStorage ?? "local", { filesDir, db });
  const app = createApp({
    db: serverDb,
    build,
    now: clock.now,
    // The benchmarks' floor route is on, so that the tests generated from the route list cover it
    // as it runs when enabled; tests/integration/bench-floor.test.ts checks it is off without it.
    config: { production: opts.production ?? false, secureCookies: false, benchFloor: opts.benchFloor ?? true },
    files,
    trustProxy: opts.trustProxy,
    origins: opts.origins,
    log: () => {},
  });
  const server = app.listen(0);
  await new Promise<void>((r) => server.once("listening", () => r()));
  const url = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  return {
    url,
    db,
    appDb,
    clock,
    filesDir,
    files,
    client: () => new Client(url),
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((r) => server.close(() => r()));
      if (appDb !== db) await appDb.destroy();
      await db.destroy();
    },
  };
}

/** A Kysely plugin that reports each statement's SQL before it runs (raw `sql` ones included). */
function statementSpy(onStatement: (sql: string) => void): KyselyPlugin {
  const compiler = new SqliteQueryCompiler();
  return {
    transformQuery: (args) => {
      onStatement(compiler.compileQuery(args.node, args.queryId).sql);
      return args.node;
    },
    transformResult: async (args) => args.result,
  };
}

export class Client {
  /** The cookies this client holds, by name (the session's first: `cookie` is its header value). */
  private jar = new Map<string, string>();
  constructor(public base: string) {}

  /** The Cookie header this client sends; setting it replaces the jar (e.g. to replay a session). */
  get cookie(): string {
    return [...this.jar].map(([k, v]) => `${k}=${v}`).join("; ");
  }
  set cookie(header: string) {
    this.jar.clear();
    for (const pair of header.split(";").map((p) => p.trim()).filter(Boolean)) {
      const i = pair.indexOf("=");
      this.jar.set(pair.slice(0, i), pair.slice(i + 1));
    }
  }

  /**
   * A request as a browser makes it, with this client's cookies. A 303 See Other — the answer to a
   * form that succeeded (Post/Redirect/Get) — is followed with a GET, as a browser does, so the
   * result is the page with its one-time notice; other redirects are returned as they are.
   */
  async fetch(path: string, init: RequestInit & { form?: Record<string, string | string[]>; follow303?: boolean } = {}): Promise<Response> {
    const headers = new Headers(init.headers);
    if (this.jar.size) headers.set("Cookie", this.cookie);
    let body = init.body;
    if (init.form) {
      const params = new URLSearchParams();
      for (const [k, v] of Object.entries(init.form)) for (const x of [v].flat()) params.append(k, x);
      body = params;
      headers.set("Content-Type", "application/x-www-form-urlencoded");
    }
    const method = init.method ?? (init.form ? "POST" : "GET");
    if (method !== "GET" && !headers.has("Origin")) headers.set("Origin", this.base);
    const { follow303 = true, form: _form, ...rest } = init;
    const res = await fetch(this.base + path, { ...rest, method, headers, body, redirect: "manual" });
    for (const line of res.headers.getSetCookie()) {
      const pair = line.split(";")[0]!;
      const i = pair.indexOf("=");
      const [name, value] = [pair.slice(0, i), pair.slice(i + 1)];
      if (!value || /;\s*max-age=0/i.test(line)) this.jar.delete(name);
      else this.jar.set(name, value);
    }
    if (res.status === 303 && follow303) {
      const to = new URL(res.headers.get("location")!, this.base);
      await res.arrayBuffer();
      return this.fetch(to.pathname + to.search);
    }
    return res;
  }

  post(path: string, form: Record<string, string | string[]>, init: RequestInit = {}) {
    return this.fetch(path, { ...init, method: "POST", form });
  }

  async login(username: string, password = "RoViec@2026") {
    const res = await this.post("/login", { username, password });
    if (res.status !== 302) throw new Error(`login ${username} failed: ${res.status}`);
    return res;
  }
}

/** A new client of the server, signed in as `username` (the demo password unless given). */
export async function signIn(srv: Pick<TestServer, "client">, username: string, password?: string): Promise<Client> {
  const c = srv.client();
  await c.login(username, password);
  return c;
}

/** A server of its own (see startServer) with `username` signed in: `({ srv, client } = await startSignedIn(…))`. */
export async function startSignedIn(username: string, opts?: Parameters<typeof startServer>[0]): Promise<{ srv: TestServer; client: Client }> {
  const srv = await startServer(opts);
  return { srv, client: await signIn(srv, username) };
}

/**
 * What a page shows: its HTML without scripts. Pages carry their area's dictionary in the root
 * loader's data (docs/decisions/0036-small-bundles.md), so words a page does not show can still be
 * in its HTML; "the page does not say X" is checked on this.
 */
export function shown(html: string): string {
  return html.replace(/<script\b[^>]*>[\s\S]*?<\/script>/gi, "");
}
