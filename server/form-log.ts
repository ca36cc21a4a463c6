import type { ActionFunction, ServerBuild } from "@remix-run/node";
import { appendFileSync } from "node:fs";

/** One form submission from a browser, as FORM_LOG records it (one JSON object per line). */
export interface LoggedSubmission {
  /** The Remix route whose action received it, e.g. `routes/o.$org.leave`. */
  routeId: string;
  /** The `intent` field of the form, or null when it had none. */
  intent: string | null;
  /** The status the action answered (303 for a success, 400 for field errors…). */
  status: number;
  /** `navigate` for a page submitting without JavaScript, `cors`/`same-origin` for Remix's fetch. */
  mode: string;
}

/**
 * Did a browser send this request from one of our pages? Browsers add fetch metadata to every
 * request (Sec-Fetch-Site, Sec-Fetch-Mode); Playwright's APIRequestContext and other HTTP clients
 * do not, so a test that posts directly is not counted as a form filled in the page.
 */
function fromOurPage(request: Request): string | undefined {
  const site = request.headers.get("sec-fetch-site");
  const mode = request.headers.get("sec-fetch-mode");
  return site === "same-origin" && mode && ["navigate", "cors", "same-origin"].includes(mode) ? mode : undefined;
}

function statusOf(value: unknown, thrown: boolean): number {
  if (value instanceof Response) return value.status;
  if (typeof value === "object" && value !== null && (value as { type?: unknown }).type === "DataWithResponseInit") {
    return (value as { init?: { status?: number } | null }).init?.status ?? 200;
  }
  return thrown ? 500 : 200;
}

/**
 * FORM_LOG (tests only, set by playwright.config.ts): the build with every route's action wrapped
 * so that each submission from a browser appends `{routeId, intent, status, mode}` to `file`. The
 * e2e run compares these with the forms in the code (tests/helpers/form-coverage-reporter.ts).
 * The intent is read from a copy of the body, so the action reads its form as always.
 */
export function withFormLog(build: ServerBuild, file: string): ServerBuild {
  const routes: ServerBuild["routes"] = {};
  for (const [id, route] of Object.entries(build.routes)) {
    const action = route.module.action;
    routes[id] = action ? { ...route, module: { ...route.module, action: logged(id, action, file) } } : route;
  }
  return { ...build, routes };
}

function logged(routeId: string, action: ActionFunction, file: string): ActionFunction {
  return async (args) => {
    const mode = fromOurPage(args.request);
    if (!mode) return action(args);
    const intent = args.request
      .clone()
      .formData()
      .then((form) => {
        const value = form.get("intent");
        return typeof value === "string" ? value : null;
      })
      .catch(() => null);
    let status = 500;
    try {
      const result = await action(args);
      status = statusOf(result, false);
      return result;
    } catch (err) {
      status = statusOf(err, true);
      throw err;
    } finally {
      const line: LoggedSubmission = { routeId, intent: await intent, status, mode };
      appendFileSync(file, JSON.stringify(line) + "\n");
    }
  };
}
