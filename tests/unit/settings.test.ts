import { describe, expect, it } from "vitest";
import { readSettings } from "../../server/config";

const PROD = { APP_MODE: "production", DATABASE_URL: "/var/lib/roviec/app.db", PUBLIC_URL: "https://roviec.example.vn" };

describe("readSettings", () => {
  it("has working defaults for the demo", () => {
    const s = readSettings({});
    expect(s).toMatchObject({
      production: false,
      demo: true,
      secureCookies: false,
      port: 3000,
      database: { engine: "sqlite", path: "data/app.db" },
      databasePoolSize: 10,
      filesDir: "data/files",
      fileStorage: "local",
      trustProxy: false,
      origins: [],
      publicUrl: "http://localhost:3000",
      telegramApiBase: "https://api.telegram.org",
      mocks: false,
      benchFloor: false,
    });
    expect(s.clockStart).toBeUndefined();
  });

  it("parses good values", () => {
    const s = readSettings({
      ...PROD,
      PORT: "8080",
      DATABASE_URL: "file:///var/lib/roviec/app.db",
      FILES_DIR: "/srv/roviec/files",
      FILE_STORAGE: "database",
      APP_ORIGIN: "https://roviec.example.vn, https://hcc.tuky.gov.vn:8443/",
      PUBLIC_URL: "https://roviec.example.vn/",
      TELEGRAM_API_BASE: "http://127.0.0.1:9000/",
      MOCKS: "1",
      BENCH_FLOOR: "1",
      APP_CLOCK_START: "2026-03-10T01:00:00Z",
    });
    expect(s).toMatchObject({
      production: true,
      demo: false,
      secureCookies: true,
      port: 8080,
      database: { engine: "sqlite", path: "/var/lib/roviec/app.db" },
      filesDir: "/srv/roviec/files",
      fileStorage: "database",
      origins: ["https://roviec.example.vn", "https://hcc.tuky.gov.vn:8443"],
      publicUrl: "https://roviec.example.vn",
      telegramApiBase: "http://127.0.0.1:9000",
      mocks: true,
      benchFloor: true,
    });
    // The demo clock is ignored in production.
    expect(s.clockStart).toBeUndefined();
    expect(readSettings({ APP_CLOCK_START: "2026-03-10T01:00:00Z" }).clockStart).toEqual(new Date("2026-03-10T01:00:00Z"));
    // So is the tests' form log.
    expect(readSettings({ ...PROD, FORM_LOG: "tests/.tmp/forms.jsonl" }).formLog).toBeUndefined();
    expect(readSettings({ FORM_LOG: "tests/.tmp/forms.jsonl" }).formLog).toBe("tests/.tmp/forms.jsonl");
  });

  it("runs on PostgreSQL when DATABASE_URL is a postgres:// URL, with files in data/files", () => {
    const s = readSettings({ ...PROD, DATABASE_URL: "postgresql://roviec:secret@db.internal:5432/roviec", DATABASE_POOL_SIZE: "20" });
    expect(s).toMatchObject({
      database: { engine: "postgres", url: "postgresql://roviec:secret@db.internal:5432/roviec" },
      databasePoolSize: 20,
      filesDir: "data/files",
    });
    // Files stay in the local folder unless FILE_STORAGE says otherwise; anything else is refused.
    expect(s.fileStorage).toBe("local");
    expect(() => readSettings({ FILE_STORAGE: "s3" })).toThrow(/FILE_STORAGE: must be local or database/);
    // A refused URL is named without its password.
    expect(() => readSettings({ DATABASE_URL: "postgres://roviec:secret@db.internal" })).toThrow(/must name the database.*roviec:\*\*\*@db/);
  });

  it.each([
    ["1", 1],
    ["2", 2],
    ["0", 0],
    ["true", true],
    ["false", false],
    ["", false],
    ["loopback", ["loopback"]],
    ["10.0.0.1, 172.16.0.0/12, loopback", ["10.0.0.1", "172.16.0.0/12", "loopback"]],
    ["10.0.0.0/255.0.0.0", ["10.0.0.0/255.0.0.0"]],
    ["fd00::/8", ["fd00::/8"]],
  ])("reads TRUST_PROXY=%j as %j, the way Express means it", (value, expected) => {
    expect(readSettings({ TRUST_PROXY: value }).trustProxy).toEqual(expected);
  });

  it("in production on a plain-HTTP intranet, allows http only with INSECURE_COOKIES=1", () => {
    expect(() => readSettings({ ...PROD, PUBLIC_URL: "http://10.0.0.5:3000" })).toThrow(/PUBLIC_URL: must use https in production/);
    const s = readSettings({ ...PROD, PUBLIC_URL: "http://10.0.0.5:3000", INSECURE_COOKIES: "1" });
    expect(s.publicUrl).toBe("http://10.0.0.5:3000");
    expect(s.secureCookies).toBe(false);
  });

  it.each([
    [{ PORT: "abc" }, "PORT"],
    [{ PORT: "70000" }, "PORT"],
    [{ PORT: "-1" }, "PORT"],
    [{ PORT: "80.5" }, "PORT"],
    [{ TRUST_PROXY: "yes" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "10.0.0.0/33" }, "TRUST_PROXY"],
    [{ TRUST_PROXY: "1, loopback" }, "TRUST_PROXY"],
    [{ APP_MODE: "prod" }, "APP_MODE"],
    [{ APP_MODE: "production", DATABASE_URL: "x.db" }, "PUBLIC_URL"],
    [{ APP_MODE: "production", PUBLIC_URL: "https://roviec.example.vn" }, "DATABASE_URL"],
    [{ ...PROD, PUBLIC_URL: "roviec.example.vn" }, "PUBLIC_URL"],
    [{ ...PROD, PUBLIC_URL: "ftp://roviec.example.vn" }, "PUBLIC_URL"],
    [{ ...PROD, PUBLIC_URL: "https://roviec.example.vn/app" }, "PUBLIC_URL"],
    [{ PUBLIC_URL: "javascript:alert(1)" }, "PUBLIC_URL"],
    [{ APP_ORIGIN: "roviec.example.vn" }, "APP_ORIGIN"],
    [{ DATABASE_URL: "mysql://db/roviec" }, "DATABASE_URL"],
    [{ DATABASE_URL: "postgres://db" }, "DATABASE_URL"],
    [{ DATABASE_POOL_SIZE: "0" }, "DATABASE_POOL_SIZE"],
    [{ INSECURE_COOKIES: "yes" }, "INSECURE_COOKIES"],
    [{ MOCKS: "on" }, "MOCKS"],
    [{ APP_CLOCK_START: "tomorrow" }, "APP_CLOCK_START"],
    [{ APP_CLOCK_START: "2026-13-40T00:00:00Z" }, "APP_CLOCK_START"],
    [{ TELEGRAM_API_BASE: "api.telegram.org" }, "TELEGRAM_API_BASE"],
  ] as [Record<string, string>, string][])("refuses %j, naming %s", (env, name) => {
    expect(() => readSettings(env)).toThrow(new RegExp(`^Invalid settings:\\n(.*\\n)*  ${name}: `));
  });

  it("names every bad variable at once", () => {
    expect(() => readSettings({ APP_MODE: "production", PORT: "x", TRUST_PROXY: "yes" })).toThrow(
      /PORT: .*\n.*TRUST_PROXY: .*\n.*DATABASE_URL: .*\n.*PUBLIC_URL: /,
    );
  });
});
