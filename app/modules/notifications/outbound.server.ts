// Outbound HTTP for notifications (webhook, Telegram, e-mail API), guarded against server-side
// request forgery: a centre admin chooses the webhook and e-mail URLs, so without these checks the
// server could be made to post to itself, to the office network or to a cloud metadata service.
//
// - Only public unicast addresses are connected to (ipaddr.js `range() === "unicast"`), IPv4 and
//   IPv6, an IPv4-mapped IPv6 address judged as the IPv4 it carries. Loopback, private, link-local,
//   CGNAT, multicast, unspecified, reserved, NAT64/6to4/Teredo … are refused.
// - The check is made on the addresses the connection actually uses: the request's own `lookup`
//   resolves the name and refuses if ANY resolved address is not public, so a name that resolves
//   differently the second time (DNS rebinding) cannot slip through. IP literals, which Node
//   connects to without a lookup, are checked before the request.
// - No redirect is followed (node:http never follows one): a 3xx is a failed delivery.
// - https only outside demo mode; checked when the admin saves the URL and again at send time.
// - `allowPrivate` (OUTBOUND_ALLOW_PRIVATE=1) lifts the address check, for local testing or a
//   receiver on the office network.
import ipaddr from "ipaddr.js";
import { lookup as dnsLookup, type LookupAddress, type LookupOptions } from "node:dns";
import http from "node:http";
import https from "node:https";
import { isIP } from "node:net";
import type { AppConfig } from "../../context.server";

export interface OutboundPolicy {
  /** Refuse plain http (everywhere but demo mode). */
  requireHttps: boolean;
  /** Let messages go to non-public addresses (local testing, or a receiver on the office network). */
  allowPrivate: boolean;
}

/** The policy of a running server: https outside demo mode; private addresses only when allowed. */
export function outboundPolicyOf(config: Pick<AppConfig, "production" | "outboundAllowPrivate">): OutboundPolicy {
  return { requireHttps: config.production, allowPrivate: config.outboundAllowPrivate === true };
}

/** Whether an IP address (v4 or v6 text) is a public unicast address that may be connected to. */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  let ip = ipaddr.parse(address);
  if (ip.kind() === "ipv6" && (ip as ipaddr.IPv6).isIPv4MappedAddress()) ip = (ip as ipaddr.IPv6).toIPv4Address();
  return ip.range() === "unicast";
}

/** Names that never lead to a public server: localhost, mDNS, internal suffixes, single labels. */
function isLocalName(host: string): boolean {
  const h = host.toLowerCase().replace(/\.$/, "");
  return !h.includes(".") || /(^|\.)(localhost|local|internal|intranet|lan|home|corp)$/.test(h);
}

type UrlProblem = "urlFormat" | "httpsRequired" | "privateAddress";

/**
 * What is wrong with an outbound URL before any connection, or null: not an http(s) URL (or with
 * credentials in it), plain http where https is required, or a host that is an IP address that is
 * not public. With `names` (when the admin saves it), also a name that is obviously local
 * (localhost, *.local, a single label…); when sending, names are judged by what they resolve to.
 */
export function outboundUrlProblem(raw: string, policy: OutboundPolicy, opts: { names?: boolean } = {}): UrlProblem | null {
  let url: URL;
  try {
    url = new URL(raw);
  } catch {
    return "urlFormat";
  }
  if (url.protocol !== "https:" && url.protocol !== "http:") return "urlFormat";
  if (url.username || url.password) return "urlFormat";
  if (policy.requireHttps && url.protocol !== "https:") return "httpsRequired";
  if (policy.allowPrivate) return null;
  const host = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(host)) return isPublicAddress(host) ? null : "privateAddress";
  return opts.names !== false && isLocalName(host) ? "privateAddress" : null;
}

/** A refusal to connect: the URL or a resolved address is not allowed by the policy. */
export class OutboundRefused extends Error {
  readonly code = "EOUTBOUNDREFUSED";
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefused";
  }
}

type LookupCallback = (err: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/** A `lookup` for http.request that resolves every address of the name and refuses any non-public one. */
export function guardedLookup(policy: OutboundPolicy) {
  return (hostname: string, options: LookupOptions, callback: LookupCallback): void => {
    dnsLookup(hostname, { ...options, all: true }, (err, addresses) => {
      if (err) return callback(err, "");
      const list = addresses as LookupAddress[];
      const bad = policy.allowPrivate ? undefined : list.find((a) => !isPublicAddress(a.address));
      if (bad || list.length === 0) return callback(new OutboundRefused(`${hostname} resolves to ${bad?.address ?? "nothing"}, which is not a public address`), "");
      if (options.all) return callback(null, list);
      callback(null, list[0]!.address, list[0]!.family);
    });
  };
}

export interface OutboundRequest {
  url: string;
  method: "POST";
  headers: Record<string, string>;
  body: string;
}

/**
 * How a delivery went, coarse on purpose: the reason stored and shown is one of these codes; the
 * details (addresses, statuses, connection errors) go to the server log only, so the failure list
 * cannot be used to probe what answers where.
 */
export type OutboundOutcome = { ok: true } | { ok: false; reason: "notAllowed" | "unreachable" | "rejected"; detail: string };

/** Posts one message under the policy, with a timeout, following no redirect. Never throws. */
export function sendOutbound(req: OutboundRequest, policy: OutboundPolicy, timeoutMs: number): Promise<OutboundOutcome> {
  // Names are left to the guarded lookup: the addresses they resolve to are what is judged.
  const problem = outboundUrlProblem(req.url, policy, { names: false });
  if (problem) return Promise.resolve({ ok: false, reason: "notAllowed", detail: `${problem}: ${safeTarget(req.url)}` });
  const url = new URL(req.url);
  const client = url.protocol === "https:" ? https : http;
  return new Promise((resolve) => {
    const request = client.request(
      url,
      {
        method: req.method,
        headers: { ...req.headers, "Content-Length": String(Buffer.byteLength(req.body)) },
        lookup: guardedLookup(policy),
        // A fresh connection per message: no socket pooled under another policy is reused.
        agent: false,
        signal: AbortSignal.timeout(timeoutMs),
      },
      (res) => {
        const status = res.statusCode ?? 0;
        // The answer's body is not needed: read and drop it.
        res.on("error", () => undefined);
        res.resume();
        if (status >= 200 && status < 300) resolve({ ok: true });
        else resolve({ ok: false, reason: "rejected", detail: status >= 300 && status < 400 ? `HTTP ${status} (redirect not followed)` : `HTTP ${status}` });
      },
    );
    request.on("error", (err: NodeJS.ErrnoException) => {
      const refused = err instanceof OutboundRefused || err.code === "EOUTBOUNDREFUSED";
      resolve({ ok: false, reason: refused ? "notAllowed" : "unreachable", detail: `${err.name}${err.code ? ` ${err.code}` : ""}: ${err.message}`.slice(0, 300) });
    });
    request.end(req.body);
  });
}

/** Scheme, host and port of a URL, for logs: never its path or query (a bot token lives there). */
export function safeTarget(raw: string): string {
  try {
    const u = new URL(raw);
    return `${u.protocol}//${u.host}`;
  } catch {
    return "(invalid URL)";
  }
}
