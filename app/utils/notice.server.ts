import { redirect, type AppLoadContext } from "@remix-run/node";
import { randomUUID } from "node:crypto";
import { num, type Messages } from "~/i18n";
import { messages } from "~/i18n/messages.server";
import { isNoticeKey, type Notice, type NoticeKey, type NoticeValues } from "~/i18n/sections/notices";

// Post/Redirect/Get with a one-time message. After a form succeeds, the action answers 303 See Other
// to a page (the form's own page by default, without Remix's `?index`), and a short-lived cookie
// carries what happened ("Đã gửi đề nghị đổi ca cho Trần Thị Mai."). The root loader reads the
// cookie once and clears it, so a reload neither re-sends the form nor repeats the message.

const COOKIE = "rv_notice";
const MAX_AGE_S = 120;

/** The page a form was posted from: its path and query without Remix's `index` and `_routes`. */
function pageOf(request: Request): string {
  const url = new URL(request.url);
  url.searchParams.delete("index");
  url.searchParams.delete("_routes");
  const search = url.searchParams.toString();
  return `${url.pathname}${search ? `?${search}` : ""}`;
}

/**
 * The answer to a form that succeeded: 303 to `to` (default: the same page) with the notice `key`
 * and its values (names, dates, numbers — numbers are written the reader's way when shown).
 */
export function succeeded(request: Request, context: AppLoadContext, key: NoticeKey, values: NoticeValues = {}, to?: string): Response {
  const notice: Notice = { key, values, id: randomUUID().slice(0, 8) };
  const payload = Buffer.from(JSON.stringify(notice)).toString("base64url");
  return redirect(to ?? pageOf(request), {
    status: 303,
    headers: { "Set-Cookie": `${COOKIE}=${payload}; Path=/; HttpOnly; SameSite=Lax; Max-Age=${MAX_AGE_S}${context.config.secureCookies ? "; Secure" : ""}` },
  });
}

/**
 * The answer to a form that succeeded, for a page that can show what is stored now without loading
 * anything else (decision 0037). Sent by JavaScript (a data request), it is the action's data: the
 * notice and `state()` — what the page's loader would return now — marked `settled`, so that no
 * route loads again (`skipAfterSettled`, app/utils/revalidate.ts) and one round trip shows the
 * confirmed state. Only for actions that change nothing the header counts (bell, inbox). Sent by a
 * plain form, it is `succeeded`'s 303 (Post/Redirect/Get, decision 0023).
 */
export async function settled<T>(
  request: Request,
  context: AppLoadContext,
  locale: string,
  key: NoticeKey,
  values: NoticeValues,
  state: () => Promise<T>,
): Promise<Response | { settled: true; notice: Notice & { text: string }; state: T }> {
  if (!context.dataRequest) return succeeded(request, context, key, values);
  const notice: Notice = { key, values, id: randomUUID().slice(0, 8) };
  return { settled: true, notice: { ...notice, text: noticeText(messages(locale), notice) }, state: await state() };
}

/** The notice waiting in the request, if any, and the header that clears it (read once). */
export function takeNotice(request: Request, context: AppLoadContext): { notice: Notice | null; headers: HeadersInit } {
  const raw = (request.headers.get("Cookie") ?? "")
    .split(";")
    .map((c) => c.trim())
    .find((c) => c.startsWith(`${COOKIE}=`))
    ?.slice(COOKIE.length + 1);
  if (!raw) return { notice: null, headers: {} };
  const clear = { "Set-Cookie": `${COOKIE}=; Path=/; HttpOnly; SameSite=Lax; Max-Age=0${context.config.secureCookies ? "; Secure" : ""}` };
  return { notice: parseNotice(raw), headers: clear };
}

/** A notice from the cookie, checked: a known key, a few short text or number values. */
function parseNotice(raw: string): Notice | null {
  if (raw.length > 2000) return null;
  try {
    const v = JSON.parse(Buffer.from(raw, "base64url").toString("utf8")) as Partial<Notice>;
    if (!v || typeof v !== "object" || typeof v.key !== "string" || !isNoticeKey(v.key) || typeof v.id !== "string") return null;
    const values: NoticeValues = {};
    for (const [k, x] of Object.entries(v.values ?? {}).slice(0, 10)) {
      if (typeof x === "number" && Number.isFinite(x)) values[k] = x;
      else if (typeof x === "string") values[k] = x.slice(0, 300);
    }
    return { key: v.key, values, id: v.id.slice(0, 16) };
  } catch {
    return null;
  }
}

/**
 * The notice in words, in the reader's language ("Đã gửi đề nghị đổi ca ngày 14/02/2026 cho Trần Thị
 * Mai."): written here so that pages need not carry every notice of the dictionary (decision 0036).
 */
export function noticeText(t: Pick<Messages, "notices" | "locale">, notice: Notice): string {
  return t.notices[notice.key].replace(/\{(\w+)\}/g, (m, k: string) => {
    const v = notice.values[k];
    return v === undefined ? m : typeof v === "number" ? num(t, v) : v;
  });
}
