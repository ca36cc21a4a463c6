import { parseWithZod } from "@conform-to/zod";
import type { SubmissionResult } from "@conform-to/react";
import { data, type AppLoadContext } from "@remix-run/node";
import busboy from "busboy";
import { randomUUID } from "node:crypto";
import { createWriteStream, openAsBlob } from "node:fs";
import { mkdir, rm } from "node:fs/promises";
import { join } from "node:path";
import { Readable, Transform } from "node:stream";
import { pipeline } from "node:stream/promises";
import type { z } from "zod";
import { isDomainError, refuse, type RefusalReason } from "./errors";
import { fieldNameProblem, LIMITS, type FileLimits } from "./limits";

export type FormReply = {
  result: SubmissionResult<string[]>;
  notice?: string;
  /** Which of several forms on a page was submitted, so only that one shows the errors. */
  intent?: string;
};

/** A file part refused while reading: answered as a message beside its field, not an error page. */
class FileRefused extends Error {
  constructor(
    readonly field: string,
    readonly key: string,
  ) {
    super(key);
  }
}

class Refused extends Error {
  constructor(
    readonly status: 400 | 413 | 415,
    readonly reason: RefusalReason,
  ) {
    super(reason);
  }
}

/** Where each uploaded file waits on disk until its action keeps it (see withUploads). */
const stagedPaths = new WeakMap<File, string>();
/** Forms whose files were refused while reading: handleForm answers with the message beside the field. */
const refusedFiles = new WeakMap<FormData, FileRefused>();

/** The temporary path of an uploaded file, read by files.server.ts to keep it. */
export function stagedPath(file: File): string | undefined {
  return stagedPaths.get(file);
}

export interface ReadFormOptions {
  /** Files this form may carry; without it, a form with a file is refused. */
  files?: FileLimits & { context: AppLoadContext };
}

/**
 * The one way an action reads its form. Everything is bounded before it is held: the body's real
 * bytes (not its Content-Length), the number of fields, the shape of each name (depth, array index),
 * each value's length, the number and size of files. Files stream to a temporary folder and are
 * removed when the response ends unless the action kept them. Anything over a bound is refused with
 * 413 (too large) or 400 (malformed), JSON and other bodies with 415, in constant memory.
 */
export async function readForm(request: Request, opts: ReadFormOptions = {}): Promise<FormData> {
  const type = request.headers.get("content-type") ?? "";
  const multipart = /^multipart\/form-data\s*;/i.test(type);
  if (!multipart && !/^application\/x-www-form-urlencoded\s*(;|$)/i.test(type)) refuse(415, "notAForm");
  const maxBytes = opts.files ? opts.files.maxFiles * opts.files.maxFileBytes + LIMITS.formBytes : LIMITS.formBytes;
  const declared = Number(request.headers.get("content-length") ?? "0");
  if (declared > maxBytes) refuse(413, opts.files ? "uploadTooLarge" : "formTooLarge");
  try {
    return await parse(request, type, maxBytes, opts.files);
  } catch (err) {
    if (err instanceof Refused) refuse(err.status, err.reason);
    // Anything the parser could not make sense of (no boundary, a truncated body…) is the client's error.
    refuse(400, "formMalformed");
  }
}

async function parse(request: Request, type: string, maxBytes: number, files: ReadFormOptions["files"]): Promise<FormData> {
  const form = new FormData();
  if (!request.body) return form;
  const tmpDir = files ? join(files.context.config.filesDir, ".uploads") : "";
  const written: string[] = [];
  if (files) files.context.afterResponse(() => Promise.all(written.map((p) => rm(p, { force: true }))).then(() => undefined));

  let parser: busboy.Busboy;
  try {
    parser = busboy({
      headers: { "content-type": type },
      defParamCharset: "utf8",
      limits: {
        fields: LIMITS.fields,
        parts: LIMITS.fields + (files?.maxFiles ?? 0),
        fieldNameSize: LIMITS.fieldNameChars,
        fieldSize: LIMITS.fieldValueBytes,
        // Every file input sends a part, an empty one too (a form may have many, e.g. one per
        // failed item in quick mode): busboy counts parts, the handler below counts real files.
        files: files ? LIMITS.fields : 0,
        fileSize: files?.maxFileBytes ?? 0,
        headerPairs: 20,
      },
    });
  } catch {
    throw new Refused(400, "formMalformed");
  }

  let bytes = 0;
  const counter = new Transform({
    transform(chunk: Buffer, _enc, done) {
      bytes += chunk.length;
      if (bytes > maxBytes) return done(new Refused(413, files ? "uploadTooLarge" : "formTooLarge"));
      done(null, chunk);
    },
  });
  // The pipeline below reports the error; a late duplicate must not be an unhandled event.
  counter.on("error", () => {});
  const pending: Promise<void>[] = [];
  let failure: Error | undefined;
  // A refused file does not stop the reading: the rest of the form is still read (within the byte
  // limit) so that it comes back with the message beside its files.
  let fileRefusal: FileRefused | undefined;
  let realFiles = 0;
  const fail = (err: Error) => {
    failure ??= err;
    counter.destroy(failure);
  };

  parser.on("field", (name, value, info) => {
    if (info.nameTruncated) return fail(new Refused(400, "fieldNameTooLong"));
    if (info.valueTruncated) return fail(new Refused(413, "fieldTooLong"));
    const problem = fieldNameProblem(name);
    if (problem) return fail(new Refused(400, problem));
    // No form a person fills sends a NUL byte, and PostgreSQL text cannot hold one (docs/decisions/0027).
    if (value.includes("\u0000")) return fail(new Refused(400, "formMalformed"));
    form.append(name, value);
  });
  parser.on("file", (name, stream, info) => {
    if (!files || !files.accepts(name) || fieldNameProblem(name)) {
      stream.resume();
      return fail(new Refused(400, "unexpectedFile"));
    }
    const filename = info.filename;
    if (!filename) {
      // An empty file input submits a nameless, empty part.
      stream.resume();
      return;
    }
    if (++realFiles > files.maxFiles) {
      stream.resume();
      fileRefusal ??= new FileRefused(files.field, files.tooMany);
      return;
    }
    const path = join(tmpDir, randomUUID());
    written.push(path);
    stream.on("limit", () => (fileRefusal ??= new FileRefused(files.field, files.tooLarge)));
    pending.push(
      mkdir(tmpDir, { recursive: true })
        .then(() => pipeline(stream, createWriteStream(path)))
        .then(async () => {
          if (failure || fileRefusal) return;
          const file = new File([await openAsBlob(path)], filename, { type: info.mimeType });
          stagedPaths.set(file, path);
          form.append(name, file);
        })
        .catch((err: Error) => fail(err)),
    );
  });
  parser.on("fieldsLimit", () => fail(new Refused(413, "tooManyFields")));
  parser.on("partsLimit", () => fail(new Refused(413, "tooManyFields")));
  parser.on("filesLimit", () => (fileRefusal ??= new FileRefused(files?.field ?? "files", files?.tooMany ?? "tooManyFiles")));

  try {
    await pipeline(Readable.fromWeb(request.body as import("node:stream/web").ReadableStream), counter, parser);
    await Promise.all(pending);
  } catch (err) {
    failure ??= err as Error;
  }
  if (failure) throw failure;
  if (fileRefusal) {
    for (const name of new Set(form.keys())) if (files?.accepts(name)) form.delete(name);
    refusedFiles.set(form, fileRefusal);
  }
  return form;
}

/**
 * The one way actions handle a form: validate with the schema (400 with field messages when
 * invalid), run the service, and turn a field error from it (FieldError) into a message beside that
 * field. Any other DomainError is thrown on, to be answered by server/domain-errors.ts.
 */
export async function handleForm<Schema extends z.ZodTypeAny, R>(
  formData: FormData,
  schema: Schema,
  onValid: (value: z.output<Schema>) => Promise<R>,
  opts: { intent?: string } = {},
) {
  const refused = refusedFiles.get(formData);
  if (refused) {
    const error = { [refused.field]: [refused.key] };
    return data({ result: { status: "error", error } as SubmissionResult<string[]>, intent: opts.intent } satisfies FormReply, { status: 400 });
  }
  const submission = parseWithZod(formData, { schema });
  if (submission.status !== "success") {
    return data({ result: submission.reply(), intent: opts.intent } satisfies FormReply, { status: 400 });
  }
  try {
    return await onValid(submission.value);
  } catch (err) {
    if (isDomainError(err) && err.kind === "field") {
      const fieldErrors = Object.fromEntries(Object.entries(err.fields).map(([f, k]) => [f, [k]]));
      return data({ result: submission.reply({ fieldErrors }), intent: opts.intent } satisfies FormReply, {
        status: 400,
      });
    }
    throw err;
  }
}
