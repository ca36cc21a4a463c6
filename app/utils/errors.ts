// Errors as data (docs/decisions/0025-errors-as-data.md). Services and routes signal a refusal by
// throwing a DomainError — through notFound(), forbidden(), badRequest(), refuse() or FieldError —
// and never build a Response: server/domain-errors.ts turns it into one, for every route's loader
// and action, and handleForm shows a field error beside its field.

/** Why a request was refused before it reached a form's fields; each has a message on the error page. */
export type RefusalReason =
  | "notAForm"
  | "formTooLarge"
  | "uploadTooLarge"
  | "formMalformed"
  | "tooManyFields"
  | "fieldTooLong"
  | "fieldNameTooLong"
  | "fieldNameTooDeep"
  | "fieldNameMalformed"
  | "arrayIndexTooLarge"
  | "unexpectedFile"
  | "badParameter"
  | "alreadyDecided";

/**
 * What went wrong, as the user is told it:
 * - `notFound` 404, `forbidden` 403, `badRequest` 400: the error page's own text for the status;
 * - `refused`: a status given by the caller and a RefusalReason the error page explains;
 * - `field`: well-formed input that breaks a rule, shown beside its field(s) by handleForm (400).
 * - `suspended`: the centre is suspended by the service's operator (423, decision 0044); the page
 *   shows the facts in `suspension`, which — unlike `details` — are meant for the user.
 */
export type DomainErrorKind = "notFound" | "forbidden" | "badRequest" | "refused" | "field" | "suspended";

/** The statuses a DomainError may carry: client errors the error page knows how to explain. */
export type ErrorStatus = 400 | 403 | 404 | 409 | 413 | 415 | 423 | 429;

/** What a suspended centre's members are told (docs/decisions/0044-centre-lifecycle.md). */
export interface Suspension {
  centreName: string;
  reason: string | null;
  /** Instants (ISO); the page shows them as dates in Vietnam's time. */
  suspendedAt: string | null;
  deletionDueAt: string | null;
  /** The member is the centre's admin: links to the data download and the operator log. */
  adminLinks: { export: string; operatorLog: string } | null;
}

/** Facts for logs and tests (ids, limits); never sent to the user. */
export type ErrorDetails = Readonly<Record<string, string | number | boolean | null>>;

export type DomainErrorInit =
  | { kind: "notFound" | "forbidden" | "badRequest"; details?: ErrorDetails }
  | { kind: "refused"; status: ErrorStatus; key: RefusalReason; details?: ErrorDetails }
  | { kind: "field"; fields: Record<string, string>; details?: ErrorDetails }
  | { kind: "suspended"; suspension: Suspension; details?: ErrorDetails };

const STATUS: Record<Exclude<DomainErrorKind, "refused">, ErrorStatus> = {
  suspended: 423,
  notFound: 404,
  forbidden: 403,
  badRequest: 400,
  field: 400,
};

// A DomainError is recognised by this brand, not by instanceof: the server (server/domain-errors.ts)
// and the Remix build (or Vite's dev modules) each load their own copy of this file.
const BRAND = Symbol.for("ro-viec.DomainError");

/** The one error a service throws to refuse a request. */
export class DomainError extends Error {
  readonly kind: DomainErrorKind;
  readonly status: ErrorStatus;
  /** The message key shown to the user: a RefusalReason, a field's message key, or none (the page's text for the status). */
  readonly key: string | undefined;
  /** Field → message key, for `field` errors; empty otherwise. */
  readonly fields: Record<string, string>;
  readonly details: ErrorDetails | undefined;
  /** For `suspended`: what the suspension page shows. */
  readonly suspension: Suspension | undefined;

  constructor(init: DomainErrorInit) {
    const key = init.kind === "refused" ? init.key : init.kind === "field" ? Object.values(init.fields)[0] : undefined;
    const fields = init.kind === "field" ? { ...init.fields } : {};
    super(describe(init.kind, key, fields, init.details));
    this.name = "DomainError";
    this.kind = init.kind;
    this.status = init.kind === "refused" ? init.status : STATUS[init.kind];
    this.key = key;
    this.fields = fields;
    this.details = init.details;
    this.suspension = init.kind === "suspended" ? init.suspension : undefined;
    Object.defineProperty(this, BRAND, { value: true });
  }
}

function describe(kind: DomainErrorKind, key: string | undefined, fields: Record<string, string>, details: ErrorDetails | undefined): string {
  const what = kind === "field" ? Object.entries(fields).map(([f, k]) => `${f}: ${k}`).join(", ") : key ? `${kind}: ${key}` : kind;
  return details ? `${what} ${JSON.stringify(details)}` : what;
}

/** Is this a DomainError (from any copy of this module)? */
export function isDomainError(err: unknown): err is DomainError {
  return typeof err === "object" && err !== null && (err as Record<symbol, unknown>)[BRAND] === true;
}

/**
 * A rule broken by otherwise well-formed input; each message key is shown next to its field.
 * `new FieldError("username", "usernameTaken")` or `FieldError.many({ title: "required", … })`.
 */
export class FieldError extends DomainError {
  declare readonly kind: "field";
  /** The first field's message key. */
  declare readonly key: string;
  constructor(field: string, key: string) {
    super({ kind: "field", fields: { [field]: key } });
    this.name = "FieldError";
  }
  static many(fields: Record<string, string>): FieldError {
    const [first = ["", ""]] = Object.entries(fields);
    const err = new FieldError(first[0], first[1]);
    Object.assign(err.fields, fields);
    return err;
  }
  get field(): string {
    return Object.keys(this.fields)[0] ?? "";
  }
}

export function notFound(details?: ErrorDetails): never {
  throw new DomainError({ kind: "notFound", details });
}

export function forbidden(details?: ErrorDetails): never {
  throw new DomainError({ kind: "forbidden", details });
}

/** Refuses every page of a suspended centre with the suspension page (423). */
export function centreSuspended(suspension: Suspension): never {
  throw new DomainError({ kind: "suspended", suspension });
}

export function badRequest(details?: ErrorDetails): never {
  throw new DomainError({ kind: "badRequest", details });
}

/** Refuses a request with a status and a reason the error page explains (never a stack trace). */
export function refuse(status: ErrorStatus, reason: RefusalReason, details?: ErrorDetails): never {
  throw new DomainError({ kind: "refused", status, key: reason, details });
}
