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
    files: ["app/**/*.{ts,tsx}", "server/**/*.ts", "db/seed/**/*.ts"],
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
    // Frozen migrations are typed Kysely<any> on purpose: they must not depend on today's types.
    files: ["migrations/**"],
    rules: { "@typescript-eslint/no-explicit-any": "off" },
  },
);
