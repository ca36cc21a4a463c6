import js from "@eslint/js";
import reactHooks from "eslint-plugin-react-hooks";
import globals from "globals";
import tseslint from "typescript-eslint";
import tenantScope from "./eslint-rules/tenant-scope.js";

// Every action reads its body through readForm, which bounds it before parsing (docs/decisions/0012).
const READ_FORM_ONLY = {
  selector: "CallExpression[callee.property.name=/^(formData|json|text|arrayBuffer|blob)$/][callee.object.name='request']",
  message: "Read a request's body with readForm (app/utils/forms.server.ts): it bounds size, fields and names first.",
};

// Services signal an error by throwing a DomainError (notFound(), forbidden(), badRequest(),
// refuse(), FieldError), which server/domain-errors.ts answers; they never build a Response
// (docs/decisions/0025).
const NO_RESPONSE = "Services do not build Responses: throw a DomainError (app/utils/errors.ts) or return data; the route answers (downloads: app/utils/downloads.server.ts).";
const NO_RESPONSES_IN_SERVICES = [
  { selector: "NewExpression[callee.name='Response'], NewExpression[callee.property.name='Response']", message: NO_RESPONSE },
  { selector: "CallExpression[callee.object.name='Response'][callee.property.name=/^(json|redirect|error)$/]", message: NO_RESPONSE },
  {
    selector:
      "ImportDeclaration[source.value=/^@remix-run\\/(node|server-runtime|react)$/] > ImportSpecifier[imported.name=/^(json|redirect|redirectDocument|replace|data|defer)$/]",
    message: NO_RESPONSE,
  },
];

export default tseslint.config(
  { ignores: ["build/**", "node_modules/**", "data/**", "tests/.tmp/**", ".tmp-bench/**", "test-results/**", "playwright-report/**"] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ["**/*.{ts,tsx,js}"],
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    plugins: { "react-hooks": reactHooks },
    rules: {
      ...reactHooks.configs.recommended.rules,
      "@typescript-eslint/no-unused-vars": ["error", { argsIgnorePattern: "^_", varsIgnorePattern: "^_", ignoreRestSiblings: true }],
      "@typescript-eslint/no-explicit-any": "error",
    },
  },
  {
    files: ["app/**"],
    ignores: ["app/utils/forms.server.ts"],
    rules: { "no-restricted-syntax": ["error", READ_FORM_ONLY] },
  },
  {
    // A later block replaces the rule's options for its files: the readForm rule is repeated here.
    files: ["app/modules/**"],
    rules: { "no-restricted-syntax": ["error", READ_FORM_ONLY, ...NO_RESPONSES_IN_SERVICES] },
  },
  {
    // Settings are read once, validated, and passed down (server/config.ts).
    files: ["app/**", "server/**", "db/**", "migrations/**"],
    ignores: ["server/config.ts"],
    rules: {
      "no-restricted-properties": [
        "error",
        { object: "process", property: "env", message: "Read settings in server/config.ts (readSettings) and pass them down." },
      ],
    },
  },
  {
    // Every Kysely query on a table with org_id filters on org_id in the same chain, or says why not
    // (`// tenant-safe: <reason>`). Tenant tables are read from db/schema.ts (docs/decisions/0023).
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "demo/**/*.ts"],
    plugins: { "tenant-scope": tenantScope },
    rules: { "tenant-scope/tenant-scope": "error" },
  },
  {
    // Every e2e test watches its pages for duplicate ids and references to nothing (tests/e2e/fixtures.ts).
    files: ["tests/e2e/**"],
    ignores: ["tests/e2e/fixtures.ts"],
    rules: {
      "no-restricted-imports": [
        "error",
        { paths: [{ name: "@playwright/test", message: "Import test, expect and helpers from ./fixtures: its page checks ids, form=, for= and aria references." }] },
      ],
    },
  },
  {
    // Modules are domain logic, below the UI: no React, no components, no routes, no .tsx
    // (architecture rule 10; docs/decisions/0026-module-boundaries.md). UI pieces live in app/components/.
    files: ["app/modules/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        {
          patterns: [
            {
              group: ["react", "react/*", "react-dom", "react-dom/*", "@remix-run/react", "@conform-to/react", "~/components", "~/components/*", "~/routes", "~/routes/*", "**/components/*", "**/routes/*"],
              message: "app/modules must not depend on React, components or routes: put UI in app/components/<area>/ and let routes call the module.",
            },
            { group: ["**/demo", "**/demo/*"], message: "The app never imports the demo seed (server/index.ts loads it in demo mode)." },
          ],
        },
      ],
    },
  },
  {
    files: ["app/modules/**/*.tsx", "app/modules/**/*.jsx"],
    rules: {
      "no-restricted-syntax": ["error", { selector: "Program", message: "No .tsx in app/modules: UI components live in app/components/<area>/." }],
    },
  },
  {
    // db/ is the bottom layer: it imports nothing from app/ or the demo seed (docs/decisions/0026).
    files: ["db/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["~/*", "**/app", "**/app/*", "**/demo", "**/demo/*"], message: "db/ must not import from app/ or demo/: it is the layer everything else stands on." }] },
      ],
      "no-restricted-syntax": [
        "error",
        { selector: "ImportExpression[source.value=/(^~\\/|(^|\\/)(app|demo)(\\/|$))/]", message: "db/ must not import from app/ or demo/." },
      ],
    },
  },
  {
    // The demo seed is loaded only in demo mode, on demand: server/ reaches it through import(),
    // never a static import, and the app itself never reaches it.
    files: ["app/**", "server/**"],
    ignores: ["app/modules/**"],
    rules: {
      "no-restricted-imports": [
        "error",
        { patterns: [{ group: ["**/demo", "**/demo/*"], message: "Load the demo seed with import() in demo mode only (server/index.ts)." }] },
      ],
    },
  },
  {
    // Frozen migrations are typed Kysely<any> on purpose: they must not depend on today's types.
    files: ["migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
