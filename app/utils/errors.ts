/**
 * A rule broken by otherwise well-formed input; each message key is shown next to its field.
 * `new FieldError("username", "usernameTaken")` or `FieldError.many({ title: "required", … })`.
 */
export class FieldError extends Error {
  readonly fields: Record<string, string>;
  constructor(field: string, key: string) {
    super(`${field}: ${key}`);
    this.fields = { [field]: key };
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
  get key(): string {
    return Object.values(this.fields)[0] ?? "";
  }
}

export function notFound(): never {
  throw new Response("Not Found", { status: 404 });
}

export function forbidden(): never {
  throw new Response("Forbidden", { status: 403 });
}

export function badRequest(): never {
  throw new Response("Bad Request", { status: 400 });
}

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

/** Refuses a request with a status and a reason the error page explains (never a stack trace). */
export function refuse(status: 400 | 403 | 404 | 409 | 413 | 415 | 429, reason: RefusalReason): never {
  throw new Response(JSON.stringify({ reason }), { status, headers: { "Content-Type": "application/json; charset=utf-8" } });
}
