import type { DB } from "../db/schema";
import type { FileStore } from "./modules/files/store.server";

export interface AppConfig {
  /** production: no demo data, Secure cookies, HSTS. */
  production: boolean;
  secureCookies: boolean;
  /**
   * OUTBOUND_ALLOW_PRIVATE=1: notifications may be sent to loopback and private addresses (local
   * testing, or a receiver on the office network). Off by default: only public addresses.
   */
  outboundAllowPrivate?: boolean;
  /**
   * BENCH_FLOOR=1: benchmarks only (`npm run bench:pages`). Opens /o/:org/bench-floor, the floor a
   * page is compared with; without it that route answers 404.
   */
  benchFloor?: boolean;
}

/** What the Express server hands every loader and action (see server/app.ts). */
export interface AppContext {
  db: DB;
  /** The server's clock; tests replace it. */
  now: () => Date;
  config: AppConfig;
  /** Where uploaded files are kept: a local folder or the database (FILE_STORAGE), created once at start-up. */
  files: FileStore;
  cspNonce: string;
  /**
   * The request is Remix's data request (`/path.data`, single fetch): a page running JavaScript
   * sent it and reads the answer itself, where a plain form post needs Post/Redirect/Get.
   */
  dataRequest?: boolean;
  /** The client's address as Express sees it (set TRUST_PROXY behind a reverse proxy). */
  clientIp: string;
  /** Runs `fn` once the response has been sent or the client went away (e.g. removes temporary uploads). */
  afterResponse: (fn: () => Promise<void> | void) => void;
  /**
   * What the request log line reports about this request (server/app.ts): the session code sets
   * `userId` when it has validated a session — no extra query.
   */
  observe?: { userId?: string };
}

declare module "@remix-run/node" {
  // eslint-disable-next-line @typescript-eslint/no-empty-object-type
  interface AppLoadContext extends AppContext {}
}
