// Redirect targets that come from input: a query string, a form field, a stored link.

const BASE = "http://x";
/** Whitespace (any Unicode space) and control characters, C0 and C1. */
// eslint-disable-next-line no-control-regex -- finding control characters is the point
const UNSAFE = /[\s\u0000-\u001f\u007f-\u009f]/;

/**
 * `target` if it is a path on this site, otherwise `fallback`. A path starts with a single "/"; it
 * holds no whitespace or control characters (a browser drops a tab, and "/<TAB>/evil.example" is
 * "//evil.example"; CR and LF cannot go in a header); resolved against a dummy origin it keeps that
 * origin and its path does not start with "//", nor does it once percent-decoded (/%2F%2Fevil). The
 * result is the resolved path, query and fragment, so it is always safe to put in Location.
 */
export function safeRedirect(target: string | null | undefined, fallback = "/"): string {
  if (!target || target.length > 2048 || !target.startsWith("/") || UNSAFE.test(target)) return fallback;
  if (target.startsWith("//") || target.startsWith("/\\")) return fallback;
  let url: URL;
  let decoded: string;
  try {
    url = new URL(target, BASE);
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return fallback;
  }
  if (url.origin !== BASE || url.pathname.startsWith("//")) return fallback;
  if (decoded.startsWith("//") || decoded.startsWith("/\\") || UNSAFE.test(decoded)) return fallback;
  return url.pathname + url.search + url.hash;
}
