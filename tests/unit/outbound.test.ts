import { describe, expect, it } from "vitest";
import { guardedLookup, isPublicAddress, outboundUrlProblem, OutboundRefused, safeTarget } from "~/modules/notifications/outbound.server";

describe("which addresses outbound notifications may connect to", () => {
  it.each([
    ["127.0.0.1", false, "loopback"],
    ["127.255.255.254", false, "loopback"],
    ["10.1.2.3", false, "private 10/8"],
    ["172.16.0.1", false, "private 172.16/12"],
    ["172.31.255.255", false, "private 172.16/12"],
    ["192.168.1.10", false, "private 192.168/16"],
    ["169.254.169.254", false, "link-local (cloud metadata)"],
    ["100.64.0.1", false, "carrier-grade NAT"],
    ["0.0.0.0", false, "unspecified"],
    ["224.0.0.1", false, "multicast"],
    ["255.255.255.255", false, "broadcast"],
    ["192.0.2.10", false, "reserved (documentation)"],
    ["240.0.0.1", false, "reserved"],
    ["::1", false, "IPv6 loopback"],
    ["::", false, "IPv6 unspecified"],
    ["fe80::1", false, "IPv6 link-local"],
    ["fc00::1", false, "IPv6 unique local"],
    ["fd12:3456::1", false, "IPv6 unique local"],
    ["ff02::1", false, "IPv6 multicast"],
    ["::ffff:127.0.0.1", false, "IPv4-mapped loopback"],
    ["::ffff:10.0.0.1", false, "IPv4-mapped private"],
    ["::ffff:169.254.169.254", false, "IPv4-mapped link-local"],
    ["64:ff9b::7f00:1", false, "NAT64 of 127.0.0.1"],
    ["2002:7f00:1::", false, "6to4 of 127.0.0.1"],
    ["2001:db8::1", false, "IPv6 documentation"],
    ["not-an-address", false, "not an address"],
    ["8.8.8.8", true, "public IPv4"],
    ["1.1.1.1", true, "public IPv4"],
    ["172.32.0.1", true, "just outside 172.16/12"],
    ["::ffff:8.8.8.8", true, "IPv4-mapped public"],
    ["2001:4860:4860::8888", true, "public IPv6"],
  ])("%s → %s (%s)", (address, allowed) => {
    expect(isPublicAddress(address)).toBe(allowed);
  });
});

describe("checking an outbound URL before connecting", () => {
  const prod = { requireHttps: true, allowPrivate: false };
  const demo = { requireHttps: false, allowPrivate: false };
  const local = { requireHttps: false, allowPrivate: true };

  it.each([
    ["https://hooks.example.vn/roviec", prod, null],
    ["http://hooks.example.vn/roviec", prod, "httpsRequired"],
    ["http://hooks.example.vn/roviec", demo, null],
    ["ftp://hooks.example.vn/x", demo, "urlFormat"],
    ["javascript:alert(1)", demo, "urlFormat"],
    ["https://user:pass@hooks.example.vn/", prod, "urlFormat"],
    ["không phải địa chỉ", demo, "urlFormat"],
    ["https://127.0.0.1:8080/internal-admin", prod, "privateAddress"],
    ["http://127.0.0.1:8080/internal-admin", demo, "privateAddress"],
    ["http://2130706433/", demo, "privateAddress"], // 127.0.0.1 written as one number
    ["http://0x7f.1/", demo, "privateAddress"],
    ["https://[::1]/", prod, "privateAddress"],
    ["https://[::ffff:127.0.0.1]/", prod, "privateAddress"],
    ["https://169.254.169.254/latest/meta-data/", prod, "privateAddress"],
    ["https://localhost/", prod, "privateAddress"],
    ["https://LOCALHOST./", prod, "privateAddress"],
    ["https://api.localhost/", prod, "privateAddress"],
    ["https://printer.local/", prod, "privateAddress"],
    ["https://metadata.google.internal/", prod, "privateAddress"],
    ["https://intranet/", prod, "privateAddress"],
    ["https://8.8.8.8/hook", prod, null],
    ["https://[2001:4860:4860::8888]/hook", prod, null],
    ["http://127.0.0.1:8080/", local, null],
    ["http://localhost:8080/", local, null],
  ] as const)("%s (%o) → %s", (url, policy, problem) => {
    expect(outboundUrlProblem(url, policy)).toBe(problem);
  });

  it("leaves names to the lookup when sending", () => {
    expect(outboundUrlProblem("https://localhost/", prod, { names: false })).toBeNull();
    expect(outboundUrlProblem("https://127.0.0.1/", prod, { names: false })).toBe("privateAddress");
  });

  it("logs only scheme, host and port, never the path (a bot token lives there)", () => {
    expect(safeTarget("https://api.telegram.org/bot123:SECRET/sendMessage")).toBe("https://api.telegram.org");
  });
});

describe("the lookup that outbound connections use", () => {
  const resolve = (policy: { requireHttps: boolean; allowPrivate: boolean }, host: string, all: boolean) =>
    new Promise<{ err: Error | null; address: unknown }>((done) => guardedLookup(policy)(host, { all }, (err, address) => done({ err, address })));

  it("refuses a name that resolves to the machine itself (localhost), one address or all", async () => {
    const strict = { requireHttps: false, allowPrivate: false };
    for (const all of [false, true]) {
      const { err } = await resolve(strict, "localhost", all);
      expect(err).toBeInstanceOf(OutboundRefused);
      expect(err!.message).toMatch(/not a public address/);
    }
  });

  it("lets it through only when private addresses are allowed (OUTBOUND_ALLOW_PRIVATE=1)", async () => {
    const { err, address } = await resolve({ requireHttps: false, allowPrivate: true }, "localhost", true);
    expect(err).toBeNull();
    expect((address as { address: string }[]).map((a) => a.address)).toEqual(expect.arrayContaining([expect.stringMatching(/^(127\.0\.0\.1|::1)$/)]));
  });
});
