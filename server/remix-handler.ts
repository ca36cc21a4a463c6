import {
  createReadableStreamFromReadable,
  createRequestHandler,
  writeReadableStreamToWritable,
  type AppLoadContext,
  type ServerBuild,
} from "@remix-run/node";
import type { NextFunction, Request, Response } from "express";
import { Transform } from "node:stream";
import type { AppContext } from "../app/context.server";
import { LIMITS } from "../app/utils/limits";
import { requestScope } from "../db/tenant";
import { withDomainErrors } from "./domain-errors";

/** Too many bytes in a request body, whatever its headers claimed. */
export class BodyTooLargeError extends Error {
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
}) {
  const source = opts.build;
  const build = typeof source === "function" ? async () => withDomainErrors(await source()) : withDomainErrors(source);
  const handle = createRequestHandler(build, opts.mode);
  return async (req: Request, res: Response, next: NextFunction) => {
    const hooks: (() => Promise<void> | void)[] = [];
    res.on("close", () => {
      for (const fn of hooks) Promise.resolve().then(fn).catch((err: unknown) => console.error(err));
    });
    try {
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
  for (const [key, value] of response.headers.entries()) res.append(key, value);
  if (response.body) await writeReadableStreamToWritable(response.body, res);
  else res.end();
}
