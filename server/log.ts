// The server's log: one JSON object per line on stdout (LOG_FORMAT=json, the default), or short
// human lines (LOG_FORMAT=text). LOG_LEVEL=info (default) | warn | error | off. Request lines are
// `info`. Never logged: query strings, bodies, cookies, names — ids and route patterns only
// (docs/decisions/0031-operations.md).

export type LogFormat = "json" | "text";
export type LogLevel = "info" | "warn" | "error" | "off";

/** One request, as logged and counted (server/app.ts). */
export interface RequestLogFields {
  /** The request id: the client's X-Request-Id when sane, else generated; echoed in the response. */
  requestId: string;
  method: string;
  /** The route pattern (a Remix route id such as `routes/o.$org.tasks.$id`), never the raw URL. */
  route: string;
  /** The path without its query string. */
  path: string;
  status: number;
  durationMs: number;
  /** The centre's slug, from /o/:org. */
  org?: string;
  /** The signed-in user's id, when the session code saw one during this request. */
  userId?: string;
}

export interface Logger {
  request(fields: RequestLogFields): void;
  info(msg: string, fields?: Record<string, unknown>): void;
  warn(msg: string, fields?: Record<string, unknown>): void;
  error(msg: string, err?: unknown, fields?: Record<string, unknown>): void;
}

const RANK: Record<LogLevel, number> = { info: 1, warn: 2, error: 3, off: 4 };

export interface LoggerOptions {
  format?: LogFormat;
  level?: LogLevel;
  /** Where info lines go (default stdout). */
  out?: (line: string) => void;
  /** Where warnings and errors go (default stderr). */
  err?: (line: string) => void;
  now?: () => Date;
}

export function createLogger(opts: LoggerOptions = {}): Logger {
  const format = opts.format ?? "json";
  const min = RANK[opts.level ?? "info"];
  const out = opts.out ?? ((line: string) => void process.stdout.write(`${line}\n`));
  const errOut = opts.err ?? ((line: string) => void process.stderr.write(`${line}\n`));
  const now = opts.now ?? (() => new Date());

  const emit = (level: Exclude<LogLevel, "off">, msg: string, fields: Record<string, unknown> = {}) => {
    if (RANK[level] < min) return;
    const write = level === "info" ? out : errOut;
    const time = now().toISOString();
    if (format === "json") {
      write(JSON.stringify({ time, level, msg, ...fields }));
    } else {
      const extra = Object.entries(fields)
        .filter(([, v]) => v !== undefined)
        .map(([k, v]) => `${k}=${typeof v === "string" ? v : JSON.stringify(v)}`);
      write([time, level === "info" ? "" : level.toUpperCase(), msg, ...extra].filter(Boolean).join(" "));
    }
  };

  return {
    request(f) {
      if (RANK.info < min) return;
      if (format === "json") {
        emit("info", "request", { ...f });
      } else {
        const who = [f.org && `org=${f.org}`, f.userId && `user=${f.userId}`].filter(Boolean).join(" ");
        out(`${now().toISOString()} ${f.method} ${f.path} ${f.status} ${f.durationMs.toFixed(1)}ms ${f.route} id=${f.requestId}${who ? ` ${who}` : ""}`);
      }
    },
    info: (msg, fields) => emit("info", msg, fields),
    warn: (msg, fields) => emit("warn", msg, fields),
    error: (msg, err, fields) => emit("error", msg, { ...fields, ...(err === undefined ? {} : { error: describeError(err) }) }),
  };
}

/** A logger that writes nothing (tests, benchmarks). */
export const silentLogger: Logger = createLogger({ level: "off" });

function describeError(err: unknown): string {
  if (err instanceof Error) return err.stack ?? `${err.name}: ${err.message}`;
  return String(err);
}

/** A client's X-Request-Id is kept when it is a plain token of at most 128 characters. */
const SANE_REQUEST_ID = /^[A-Za-z0-9._:@/+=-]{1,128}$/;

export function acceptRequestId(incoming: string | undefined, generate: () => string): string {
  return incoming && SANE_REQUEST_ID.test(incoming) ? incoming : generate();
}

/** The centre slug of a /o/:org/… path, when it looks like one (it is logged as it is). */
export function orgOfPath(path: string): string | undefined {
  const m = /^\/o\/([a-z0-9-]{1,64})(?:\/|$)/i.exec(path);
  return m?.[1];
}
