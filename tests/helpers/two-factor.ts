// Two-factor sign-in for tests (docs/decisions/0043): enrol a user in TOTP as a person does (the
// secret read from the page), or directly in the database; sign in with the password and a code.
import { generateTotpSecret, totpCode } from "~/modules/auth/totp.server";
import type { Client, TestServer } from "./server";

/** The secret shown on /account/two-factor (grouped by four on the page). */
export function secretFromPage(html: string): string {
  const m = /data-testid="totp-secret"[^>]*>([^<]+)</.exec(html);
  if (!m) throw new Error("no TOTP secret on the page");
  return m[1]!.replace(/\s+/g, "");
}

/**
 * Enrols the client's user through /account/two-factor at the server's clock; returns the secret.
 * The clock moves on a step afterwards, so that the next code is a fresh one (a used step is refused).
 */
export async function enrolTotp(srv: Pick<TestServer, "clock">, client: Client): Promise<string> {
  const page = await client.fetch("/account/two-factor");
  if (page.status !== 200) throw new Error(`/account/two-factor answered ${page.status}`);
  const secret = secretFromPage(await page.text());
  const res = await client.post("/account/two-factor", { intent: "confirm", code: totpCode(secret, srv.clock.now()) });
  if (res.status !== 200) throw new Error(`enrolment failed: ${res.status}`);
  await res.arrayBuffer();
  srv.clock.advance(30_000);
  return secret;
}

/** Gives the store a confirmed TOTP secret for `username` (as if enrolled long ago); returns the secret. */
export async function enrolTotpInDb(srv: Pick<TestServer, "db" | "clock">, username: string): Promise<string> {
  const user = await srv.db.selectFrom("users").select("id").where("username", "=", username).executeTakeFirstOrThrow();
  const secret = generateTotpSecret();
  const at = srv.clock.now().toISOString();
  await srv.db
    .insertInto("user_totp")
    .values({ user_id: user.id, secret, confirmed_at: at, last_step: 0, created_at: at })
    .onConflict((oc) => oc.column("user_id").doUpdateSet({ secret, confirmed_at: at, last_step: 0 }))
    .execute();
  return secret;
}

/**
 * A new client signed in with password and code: /login, then /login/two-factor with the code of the
 * server's clock; the clock moves on a step afterwards (the code's step is spent).
 */
export async function signInWithTotp(srv: Pick<TestServer, "client" | "clock">, username: string, secret: string, password = "RoViec@2026"): Promise<Client> {
  const c = srv.client();
  const res = await c.post("/login", { username, password });
  if (res.status !== 302 || !res.headers.get("location")?.startsWith("/login/two-factor")) throw new Error(`login ${username}: ${res.status} ${res.headers.get("location")}`);
  const second = await c.fetch("/login/two-factor", { method: "POST", form: { code: totpCode(secret, srv.clock.now()), redirectTo: "/" }, follow303: false });
  if (second.status !== 303) throw new Error(`second factor ${username}: ${second.status}`);
  await second.arrayBuffer();
  srv.clock.advance(30_000);
  return c;
}

/** The demo operator `rv.vanhanh`, enrolled and signed in with both factors: the console opens to it. */
export async function signInAsOperator(srv: Pick<TestServer, "client" | "clock" | "db">, username = "rv.vanhanh"): Promise<{ client: Client; secret: string }> {
  const secret = await enrolTotpInDb(srv, username);
  return { client: await signInWithTotp(srv, username, secret), secret };
}
