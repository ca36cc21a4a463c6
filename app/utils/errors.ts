/** A rule broken by otherwise well-formed input; shown next to `field` with the message `key`. */
export class FieldError extends Error {
  constructor(
    public readonly field: string,
    public readonly key: string,
  ) {
    super(`${field}: ${key}`);
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
