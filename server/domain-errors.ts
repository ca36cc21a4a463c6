import type { ServerBuild } from "@remix-run/node";
import { isDomainError, type DomainError } from "../app/utils/errors";

// The one place where a DomainError (app/utils/errors.ts) becomes an HTTP answer
// (docs/decisions/0025-errors-as-data.md). Remix answers anything thrown from a loader or an action
// that is not a Response with a 500, so every route module's loader and action is wrapped once, when
// the server build is loaded (server/remix-handler.ts), and a DomainError leaves it as the Response
// the error page reads: its status, and for a refusal the JSON `{ reason }`.

/** The Response a DomainError is answered with. */
export function domainErrorResponse(err: DomainError): Response {
  switch (err.kind) {
    case "notFound":
      return new Response("Not Found", { status: 404 });
    case "forbidden":
      return new Response("Forbidden", { status: 403 });
    // A field error is answered beside its field by handleForm; one thrown outside a form is the
    // client's error all the same.
    case "badRequest":
    case "field":
      return new Response("Bad Request", { status: 400 });
    // A suspended centre (decision 0044): 423 Locked, with what its page tells the member.
    case "suspended":
      return new Response(JSON.stringify({ reason: "centreSuspended", suspension: err.suspension }), {
        status: 423,
        headers: { "Content-Type": "application/json; charset=utf-8" },
      });
    case "refused":
      return new Response(JSON.stringify({ reason: err.key }), {
        status: err.status,
        headers: { "Content-Type": "application/json; charset=utf-8" },
      });
  }
}

type Handler = (...args: never[]) => unknown;

/** `fn`, with a DomainError it throws turned into its Response; anything else is thrown as it is. */
export function answeringDomainErrors<F extends Handler>(fn: F): F {
  const wrapped = async (...args: Parameters<F>) => {
    try {
      return await fn(...args);
    } catch (err) {
      if (isDomainError(err)) throw domainErrorResponse(err);
      throw err;
    }
  };
  return wrapped as unknown as F;
}

const wrappedBuilds = new WeakMap<ServerBuild, ServerBuild>();

/**
 * The build with every route module's loader and action answering DomainErrors. The build itself is
 * left as it is (module namespaces are frozen): routes and modules are copied. Each build is wrapped
 * once; Vite's dev server hands out a new one only when a module changes.
 */
export function withDomainErrors(build: ServerBuild): ServerBuild {
  let wrapped = wrappedBuilds.get(build);
  if (!wrapped) {
    const routes: ServerBuild["routes"] = {};
    for (const [id, route] of Object.entries(build.routes)) {
      if (!route) continue;
      const { loader, action } = route.module;
      routes[id] = {
        ...route,
        module: {
          ...route.module,
          ...(loader ? { loader: answeringDomainErrors(loader) } : {}),
          ...(action ? { action: answeringDomainErrors(action) } : {}),
        },
      };
    }
    wrapped = { ...build, routes };
    wrappedBuilds.set(build, wrapped);
  }
  return wrapped;
}
