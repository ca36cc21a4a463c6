import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { formCoverage, formInventory, formName, NOT_FROM_A_BROWSER, parseForms, parseHandledIntents, routePath, type FormEntry } from "../helpers/forms";

// The inventory of forms (tests/helpers/forms.ts) that the e2e run checks against what the browser
// submitted: it must find the forms that are there, and nothing may hide from it.

describe("the inventory of the app's forms", () => {
  const inventory = formInventory();
  const names = inventory.forms.map(formName);

  it("finds the forms we know, each at the route that receives it", () => {
    expect(names).toEqual(
      expect.arrayContaining([
        // The evaluation form whose id clashed with a heading (issue 13): it must be in the list.
        "routes/o.$org.evaluations.$memberId general",
        "routes/o.$org.evaluations.$memberId yearAssessment", // rendered by annual-ui.tsx
        "routes/o.$org.tasks.new assign", // TaskForm.tsx, on two routes
        "routes/o.$org.tasks.$taskId.edit draft",
        "routes/o.$org.staff.new save", // MemberForm.tsx's hidden intent
        "routes/o.$org.staff.$memberId deactivate", // value={active ? "deactivate" : "reactivate"}
        "routes/o.$org.staff.$memberId reactivate",
        "routes/o.$org.reports.$reportId._index regenerate.*", // value={`regenerate.${s}`}
        "routes/o.$org.inspections.$inspectionId addPhoto", // inside a wrapper form component
        "routes/login (no intent)",
        "routes/logout (no intent)", // the layout's sign-out, action="/logout"
        "routes/account.password (no intent)",
        "routes/o.$org.positions._index (no intent)",
        "routes/o.$org.staff.import preview", // the upload (multipart)
        "routes/o.$org.staff.import import", // the confirmation after the preview
        "routes/o.$org.staff.$memberId invite",
        "routes/o.$org.staff.$memberId revokeInvite",
        "routes/invite.$token (no intent)", // no session: the invitation link
      ]),
    );
    const general = inventory.forms.find((f) => formName(f) === "routes/o.$org.evaluations.$memberId general")!;
    expect(general.path).toBe("/o/:org/evaluations/:memberId");
    expect(general.sources[0]).toMatch(/^app\/routes\/o\.\$org\.evaluations\.\$memberId\.tsx:\d+$/);
  });

  it("does not give a page the forms of components it does not render", () => {
    // evaluations._index renders annual-ui's YearCentrePage, which has no form; the member page's do.
    expect(names).not.toContain("routes/o.$org.evaluations._index yearAssessment");
    // The wrapper <Form> of the inspection page renders its children: not an intent-less form.
    expect(names).not.toContain("routes/o.$org.inspections.$inspectionId (no intent)");
  });

  it("agrees with the actions: every intent posted is handled, every intent handled is posted", () => {
    expect(inventory.problems).toEqual([]);
    expect(inventory.handled["routes/o.$org.leave"]).toEqual(expect.arrayContaining(["request", "cancel", "approve", "refuse"]));
    expect(inventory.handled["routes/o.$org.tasks.new"]).toBe("any"); // the schema decides: assign or draft
    expect(inventory.forms.length).toBeGreaterThanOrEqual(90);
  });

  it("keeps the allow-list short and about real forms", () => {
    expect(Object.keys(NOT_FROM_A_BROWSER).length).toBeLessThanOrEqual(3);
    for (const [name, reason] of Object.entries(NOT_FROM_A_BROWSER)) {
      expect(names).toContain(name);
      expect(reason.length).toBeGreaterThan(20);
    }
  });
});

describe("the form parser", () => {
  it("catches a form it has never seen", () => {
    const parsed = parseForms(`
      import { Form } from "@remix-run/react";
      export default function Page({ done }: { done: boolean }) {
        return (
          <>
            <Form method="post">
              <input type="hidden" name="intent" value="fakeSave" />
              <input name="title" />
            </Form>
            <Form method="POST">
              <button name="intent" value={done ? "reopen" : "close"}>x</button>
            </Form>
            <form method="post" action="/logout"><button>Thoát</button></form>
            <Form method="get"><input name="q" /></Form>
            <Form method="post"><input name="note" /></Form>
          </>
        );
      }
    `);
    expect(parsed.intents.map((i) => [i.value, i.action])).toEqual([
      ["fakeSave", undefined],
      ["reopen", undefined],
      ["close", undefined],
    ]);
    expect(parsed.formsWithoutIntent.map((f) => f.action)).toEqual(["/logout", undefined]);
    expect(parsed.unknown).toEqual([]);
  });

  it("reports an intent whose value it cannot read, and skips wrappers", () => {
    const parsed = parseForms(`
      function Wrapper({ children }) { return <Form method="post">{children}</Form>; }
      export function A({ what }) { return <Wrapper><button name="intent" value={what}>Go</button></Wrapper>; }
    `);
    expect(parsed.unknown).toHaveLength(1);
    expect(parsed.formsWithoutIntent).toEqual([]);
    expect(parsed.components.get("A")!.local).toEqual(["Wrapper"]);
  });

  it("reads what an action handles", () => {
    expect(parseHandledIntents(`export async function action({ request }) { const intent = String(f.get("intent")); switch (intent) { case "a": case "b": return 1; default: return 2; } }`)).toEqual(["a", "b"]);
    expect(parseHandledIntents(`export async function action() { if (intent === "save" || intent.startsWith("regenerate.")) {} if (intent === "delete") {} }`)).toEqual(["save", "regenerate.*", "delete"]);
    expect(parseHandledIntents(`export async function action() { return handleForm(f, schema, (v) => v.intent === "assign" ? 1 : 2); }`)).toBe("any");
    expect(parseHandledIntents(`export async function loader() {}`)).toBeUndefined();
  });

  it("names routes as Remix does", () => {
    expect(routePath("o.$org.tasks.$taskId._index.tsx")).toBe("/o/:org/tasks/:taskId");
    expect(routePath("o.$org_.rosters.$rosterId.print.tsx")).toBe("/o/:org/rosters/:rosterId/print");
    expect(routePath("o.$org.tasks[.]xlsx.tsx")).toBe("/o/:org/tasks.xlsx");
    expect(routePath("logout.tsx")).toBe("/logout");
  });

  it("reports an intent posted but not handled, and one handled but never posted", () => {
    const root = mkdtempSync(join(tmpdir(), "rv-forms-"));
    try {
      mkdirSync(join(root, "app/routes"), { recursive: true });
      writeFileSync(join(root, "app/root.tsx"), `export default function App() { return <Outlet />; }`);
      writeFileSync(
        join(root, "app/routes/things.tsx"),
        `export async function action({ request }) {
           const intent = String((await readForm(request)).get("intent"));
           switch (intent) { case "add": return 1; case "archive": return 2; }
         }
         export default function Things() {
           return <><Form method="post"><button name="intent" value="add">+</button></Form>
                    <Form method="post"><button name="intent" value="ad">typo</button></Form></>;
         }`,
      );
      const inv = formInventory(root);
      expect(inv.forms.map(formName)).toEqual(["routes/things ad", "routes/things add"]);
      expect(inv.problems).toEqual([
        expect.stringContaining(`intent "ad" is posted to routes/things, whose action does not handle it`),
        `routes/things: handles intent "archive", which no form posts`,
      ]);
    } finally {
      rmSync(root, { recursive: true, force: true });
    }
  });
});

describe("form coverage", () => {
  const form = (intent: string | null, routeId = "routes/o.$org.leave"): FormEntry => ({ routeId, path: "/o/:org/leave", intent, sources: [] });
  it("counts a form as covered only when a browser submitted it with success", () => {
    const c = formCoverage(
      [form("request"), form("approve"), form("cancel"), form("regenerate.*", "routes/r"), form(null, "routes/login")],
      [
        { routeId: "routes/o.$org.leave", intent: "request", status: 303 },
        { routeId: "routes/o.$org.leave", intent: "approve", status: 400 },
        { routeId: "routes/r", intent: "regenerate.summary", status: 303 },
        { routeId: "routes/login", intent: null, status: 204 },
        { routeId: "routes/o.$org.leave", intent: "mystery", status: 303 },
      ],
      { "routes/o.$org.leave cancel": "a reason that is long enough", "routes/gone x": "stale" },
    );
    expect(c.covered.map(formName)).toEqual(["routes/o.$org.leave request", "routes/r regenerate.*", "routes/login (no intent)"]);
    expect(c.missing.map((m) => [formName(m), m.tried])).toEqual([["routes/o.$org.leave approve", [400]]]);
    expect(c.allowed.map(formName)).toEqual(["routes/o.$org.leave cancel"]);
    expect(c.unknown.map(formName)).toEqual(["routes/o.$org.leave mystery"]);
    expect(c.staleAllowed).toEqual(["routes/gone x"]);
  });
});
