import type { ServerBuild } from "@remix-run/node";
import { ESLint } from "eslint";
import { describe, expect, it, vi } from "vitest";
import {
  badRequest,
  DomainError,
  FieldError,
  forbidden,
  isDomainError,
  notFound,
  refuse,
  type ErrorStatus,
  type RefusalReason,
} from "../../app/utils/errors";
import { answeringDomainErrors, domainErrorResponse, withDomainErrors } from "../../server/domain-errors";

/** What a helper throws. */
function thrown(fn: () => unknown): unknown {
  try {
    fn();
  } catch (err) {
    return err;
  }
  throw new Error("did not throw");
}

/** The Responses the helpers threw before errors became data (app/utils/errors.ts until 0025). */
const BEFORE = {
  notFound: () => new Response("Not Found", { status: 404 }),
  forbidden: () => new Response("Forbidden", { status: 403 }),
  badRequest: () => new Response("Bad Request", { status: 400 }),
  refuse: (status: ErrorStatus, reason: RefusalReason) =>
    new Response(JSON.stringify({ reason }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } }),
};

async function sameAnswer(actual: Response, expected: Response) {
  expect(actual.status).toBe(expected.status);
  expect(actual.headers.get("content-type")).toBe(expected.headers.get("content-type"));
  expect(await actual.text()).toBe(await expected.text());
}

describe("DomainError", () => {
  it("the helpers throw a DomainError whose status follows from its kind", () => {
    expect(thrown(notFound)).toMatchObject({ kind: "notFound", status: 404, key: undefined, fields: {} });
    expect(thrown(forbidden)).toMatchObject({ kind: "forbidden", status: 403 });
    expect(thrown(badRequest)).toMatchObject({ kind: "badRequest", status: 400 });
    const refused = thrown(() => refuse(413, "formTooLarge"));
    expect(refused).toBeInstanceOf(DomainError);
    expect(refused).toMatchObject({ kind: "refused", status: 413, key: "formTooLarge" });
  });

  it("a FieldError is a DomainError of kind field (400), with its fields and first key", () => {
    const one = new FieldError("username", "usernameTaken");
    expect(one).toBeInstanceOf(DomainError);
    expect(one).toMatchObject({ kind: "field", status: 400, key: "usernameTaken", field: "username", fields: { username: "usernameTaken" } });
    const many = FieldError.many({ title: "required", deadline: "beforeStart" });
    expect(many).toBeInstanceOf(FieldError);
    expect(many).toMatchObject({ key: "required", field: "title", fields: { title: "required", deadline: "beforeStart" } });
    expect(many.message).toBe("title: required");
  });

  it("details go into the message for logs, and nowhere else", async () => {
    const err = thrown(() => notFound({ taskId: "t-1" })) as DomainError;
    expect(err.details).toEqual({ taskId: "t-1" });
    expect(err.message).toBe('notFound {"taskId":"t-1"}');
    expect(await domainErrorResponse(err).text()).toBe("Not Found");
  });

  it("is recognised by its brand, also from another copy of the module (the build's, Vite's)", async () => {
    vi.resetModules();
    const copy = await import("../../app/utils/errors");
    const foreign = new copy.DomainError({ kind: "forbidden" });
    expect(foreign).not.toBeInstanceOf(DomainError);
    expect(isDomainError(foreign)).toBe(true);
    expect(isDomainError(new copy.FieldError("note", "required"))).toBe(true);
    for (const other of [new Error("x"), new Response("Not Found", { status: 404 }), { kind: "notFound", status: 404 }, null, "notFound"]) {
      expect(isDomainError(other)).toBe(false);
    }
  });
});

describe("domainErrorResponse: the answer the old helpers gave", () => {
  it.each([
    ["notFound", notFound, BEFORE.notFound],
    ["forbidden", forbidden, BEFORE.forbidden],
    ["badRequest", badRequest, BEFORE.badRequest],
  ] as const)("%s", async (_name, helper, before) => {
    await sameAnswer(domainErrorResponse(thrown(helper) as DomainError), before());
  });

  it.each([
    [415, "notAForm"],
    [413, "uploadTooLarge"],
    [400, "formMalformed"],
    [409, "alreadyDecided"],
    [429, "badParameter"],
  ] as const)("refuse(%i, %s): the status and the JSON { reason }", async (status, reason) => {
    const res = domainErrorResponse(thrown(() => refuse(status, reason)) as DomainError);
    await sameAnswer(res, BEFORE.refuse(status, reason));
    expect(JSON.parse(await domainErrorResponse(new DomainError({ kind: "refused", status, key: reason })).text())).toEqual({ reason });
  });

  it("a field error that escaped its form is a plain 400 (it used to be a 500)", async () => {
    await sameAnswer(domainErrorResponse(new FieldError("version", "alreadyDecided")), BEFORE.badRequest());
  });
});

describe("withDomainErrors: the build's loaders and actions", () => {
  const args = {} as never;
  function module(m: Record<string, unknown>) {
    // Route modules of an ES build are frozen namespaces: the wrapper must copy, not assign.
    return Object.freeze(m);
  }
  function fakeBuild(): ServerBuild {
    return {
      routes: {
        root: { id: "root", path: "", module: module({ loader: () => notFound(), default: () => null }) },
        "routes/form": { id: "routes/form", parentId: "root", path: "form", module: module({ action: async () => refuse(415, "notAForm"), loader: () => ({ ok: 1 }) }) },
        "routes/broken": { id: "routes/broken", parentId: "root", path: "broken", module: module({ loader: () => Promise.reject(new Error("boom")) }) },
        "routes/redirect": { id: "routes/redirect", parentId: "root", path: "r", module: module({ loader: () => Promise.reject(new Response(null, { status: 302, headers: { Location: "/login" } })) }) },
        "routes/static": { id: "routes/static", parentId: "root", path: "static", module: module({ default: () => null }) },
      },
      entry: { module: {} },
    } as unknown as ServerBuild;
  }
  const route = (b: ServerBuild, id: string) => b.routes[id]!.module;

  it("a DomainError thrown by a loader or an action leaves it as its Response", async () => {
    const build = withDomainErrors(fakeBuild());
    const fromLoader = await Promise.resolve(route(build, "root").loader!(args)).catch((e: unknown) => e);
    expect(fromLoader).toBeInstanceOf(Response);
    await sameAnswer(fromLoader as Response, BEFORE.notFound());
    const fromAction = await Promise.resolve(route(build, "routes/form").action!(args)).catch((e: unknown) => e);
    await sameAnswer(fromAction as Response, BEFORE.refuse(415, "notAForm"));
  });

  it("anything else passes through untouched: values, thrown Responses, unknown errors (Remix's 500)", async () => {
    const build = withDomainErrors(fakeBuild());
    expect(await route(build, "routes/form").loader!(args)).toEqual({ ok: 1 });
    const redirect = await Promise.resolve(route(build, "routes/redirect").loader!(args)).catch((e: unknown) => e);
    expect((redirect as Response).status).toBe(302);
    await expect(route(build, "routes/broken").loader!(args)).rejects.toThrow("boom");
  });

  it("copies the build: the original is unchanged, modules keep their other exports, a route without loader gets none", () => {
    const original = fakeBuild();
    const build = withDomainErrors(original);
    expect(build).not.toBe(original);
    expect(() => route(original, "root").loader!(args)).toThrow(DomainError);
    expect(route(build, "root").default).toBe(route(original, "root").default);
    expect(build.entry).toBe(original.entry);
    expect("loader" in route(build, "routes/static")).toBe(false);
    expect("action" in route(build, "routes/static")).toBe(false);
  });

  it("wraps each build once", () => {
    const original = fakeBuild();
    expect(withDomainErrors(original)).toBe(withDomainErrors(original));
  });

  it("answeringDomainErrors keeps the handler's arguments and result", async () => {
    const fn = answeringDomainErrors(async (a: number, b: number) => a + b);
    expect(await fn(2, 3)).toBe(5);
  });
});

describe("lint: services build no Responses", () => {
  const eslint = new ESLint();
  async function problems(code: string, filePath: string) {
    const [result] = await eslint.lintText(code, { filePath });
    return result!.messages.filter((m) => m.ruleId === "no-restricted-syntax").map((m) => m.line);
  }

  it("flags new Response, Response.json/redirect and Remix's json/redirect/data in app/modules", async () => {
    const code = [
      'import { json, redirect as go, data, type AppLoadContext } from "@remix-run/node";',
      "export function a(): never { throw new Response('Not Found', { status: 404 }); }",
      "export const b = () => Response.json({ reason: 'x' }, { status: 409 });",
      "export const c = () => new globalThis.Response('x');",
      "export type Ctx = AppLoadContext;",
    ].join("\n");
    expect(await problems(code, "app/modules/demo/demo.server.ts")).toEqual([1, 1, 1, 2, 3, 4]);
  }, 60_000);

  it("leaves routes and app/utils alone, and the DomainError helpers pass", async () => {
    const route = 'import { redirect } from "@remix-run/node";\nexport const loader = () => new Response("x");';
    expect(await problems(route, "app/routes/demo.tsx")).toEqual([]);
    expect(await problems(route, "app/utils/demo.server.ts")).toEqual([]);
    const service = 'import { notFound } from "../../utils/errors";\nexport function f(x?: string) { if (!x) notFound(); return x; }';
    expect(await problems(service, "app/modules/demo/demo.server.ts")).toEqual([]);
  }, 60_000);
});
