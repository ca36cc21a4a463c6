import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import { matchRoutes } from "@remix-run/react";
import type { NextFunction, Request, Response } from "express";
import { Transform } from "node:stream";
import type { AppContext } from "../app/context.server";
import { LIMITS } from "../app/utils/limits";
import { requestScope } from "../db/tenant";
import { withDomainErrors } from "./domain-errors";

/** Too many bytes in a request body, whatever its headers claimed. */
class BodyTooLargeError extends Error {
  readonly status = 413;
  constructor() {
    super("request body too large");
  }
}

/**
 * Remix behind Express, as `@remix-run/express` does it (whose helpers it does not export), with three
 * differences: the body is counted
 * as it streams (a request over LIMITS.requestBytes fails at that byte, chunked or not), each
 * request gets `afterResponse` hooks that run when the response is done (temporary uploads), and
 * the build's loaders and actions answer a thrown DomainError with its Response (withDomainErrors).
 */
export function remixHandler(opts: {
  build: ServerBuild | (() => Promise<ServerBuild>);
  mode: string;
  getLoadContext: (req: Request, res: Response) => Omit<AppContext, "afterResponse">;
  /** Told which route pattern (Remix route id) answers each request, or "unmatched". */
  onRoute?: (res: Response, routeId: string) => void;
  onError?: (err: unknown) => void;
}) {
  const source = opts.build;
  const build = typeof source === "function" ? async () => withDomainErrors(await source()) : withDomainErrors(source);
  const handle = createRequestHandler(build, opts.mode);
  const onError = opts.onError ?? ((err: unknown) => console.error(err));
  return async (req: Request, res: Response, next: NextFunction) => {
    const hooks: (() => Promise<void> | void)[] = [];
    res.on("close", () => {
      for (const fn of hooks) Promise.resolve().then(fn).catch(onError);
    });
    try {
      if (opts.onRoute) opts.onRoute(res, routeIdOf(typeof build === "function" ? await build() : build, req.path));
      const context: AppLoadContext = { ...opts.getLoadContext(req, res), afterResponse: (fn) => void hooks.push(fn) };
      // No centre until requireMember binds the URL's one (db/tenant.ts, docs/decisions/0033); the
      // response is sent in the same scope (a streamed body may still read the database).
      await requestScope(async () => sendRemixResponse(res, await handle(remixRequest(req, res), context)));
    } catch (err) {
      next(err);
    }
  };
}

function remixRequest(req: Request, res: Response): globalThis.Request {
  const url = new URL(`${req.protocol}://${req.get("host") ?? "localhost"}${req.originalUrl}`);
  const controller = new AbortController();
  const init: RequestInit & { duplex?: "half" } = {
    method: req.method,
    headers: createRemixHeaders(req.headers),
    signal: controller.signal,
  };
  if (req.method !== "GET" && req.method !== "HEAD") {
    let bytes = 0;
    const counted = new Transform({
      transform(chunk: Buffer, _enc, done) {
        bytes += chunk.length;
        done(bytes > LIMITS.requestBytes ? new BodyTooLargeError() : null, chunk);
      },
    });
    req.on("error", (err) => counted.destroy(err));
    counted.on("error", () => {}); // reported to whoever reads the body; never an unhandled event
    init.body = createReadableStreamFromReadable(req.pipe(counted));
    init.duplex = "half";
  }
  let done = false;
  res.on("finish", () => (done = true));
  res.on("close", () => {
    if (!done) controller.abort();
  });
  return new Request(url.href, init);
}

function createRemixHeaders(incoming: Request["headers"]): Headers {
  const headers = new Headers();
  for (const [key, values] of Object.entries(incoming)) {
    if (values === undefined) continue;
    for (const value of Array.isArray(values) ? values : [values]) headers.append(key, value);
  }
  return headers;
}

async function sendRemixResponse(res: Response, response: globalThis.Response) {
  res.statusMessage = response.statusText;
  res.status(response.status);
  // The response's own headers replace the defaults set earlier (Cache-Control: no-store): Remix's
  // /__manifest answers "public, immutable" and must not go out with a second, contradicting one.
  // Set-Cookie is the one header that may repeat (Headers.entries() lists each cookie apart).
  for (const [key, value] of response.headers.entries()) {
    if (key === "set-cookie") res.append(key, value);
    else res.setHeader(key, value);
  }
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}

type RouteNode = { id: string; path?: string; index?: boolean; caseSensitive?: boolean; children?: RouteNode[] };
const routeTrees = new WeakMap<ServerBuild, RouteNode[]>();

/** The build's routes as a tree, as Remix itself builds it (server-runtime's createRoutes). */
function routeTree(build: ServerBuild): RouteNode[] {
  let tree = routeTrees.get(build);
  if (!tree) {
    const byParent = new Map<string | undefined, ServerBuild["routes"][string][]>();
    for (const route of Object.values(build.routes)) {
      if (!route) continue;
      const list = byParent.get(route.parentId) ?? [];
      list.push(route);
      byParent.set(route.parentId, list);
    }
    const make = (parentId: string | undefined): RouteNode[] =>
      (byParent.get(parentId) ?? []).map((r) => {
        const children = make(r.id);
        return { id: r.id, path: r.path, index: r.index, caseSensitive: r.caseSensitive, ...(children.length ? { children } : {}) };
      });
    tree = make(undefined);
    routeTrees.set(build, tree);
  }
  return tree;
}

/**
 * The route pattern that answers a path: the id of the deepest matching route (e.g.
 * `routes/o.$org.tasks.$id`), or "unmatched" — a bounded set, fit for metric labels and logs.
 */
export function routeIdOf(build: ServerBuild, path: string): string {
  // Remix's matchRoutes flattens, ranks and compiles the whole route tree on every call (~4 % of the
  // server's CPU under bench:checkin for this call alone): the answer is kept per path, the oldest
  // dropped past ROUTE_IDS_KEPT (paths carry ids, so they are many: paths of up to 200 characters, ~0.5 MB at most).
  if (path.length > 200) return matchRouteId(build, path);
  let known = routeIds.get(build);
  if (!known) routeIds.set(build, (known = new Map()));
  let id = known.get(path);
  if (id === undefined) {
    id = matchRouteId(build, path);
    if (known.size >= ROUTE_IDS_KEPT) known.delete(known.keys().next().value!);
    known.set(path, id);
  }
  return id;
}

const ROUTE_IDS_KEPT = 2000;
const routeIds = new WeakMap<ServerBuild, Map<string, string>>();

function matchRouteId(build: ServerBuild, path: string): string {
  let matches;
  try {
    // Index routes never have children here (Remix's own tree has the same shape).
    matches = matchRoutes(routeTree(build) as Parameters<typeof matchRoutes>[0], path);
  } catch {
    matches = null;
  }
  const leaf = matches?.[matches.length - 1]?.route.id;
  // The root route alone (a splat-less app) matches nothing real: a 404 page.
  return leaf && leaf !== "root" ? leaf : "unmatched";
}
