// Two-factor sign-in in the browser (docs/decisions/0043), for the Playwright specs: the test acts
// as the person's phone — it reads the secret from the enrolment page and computes the codes with
// the app's own TOTP arithmetic. The e2e server's clock runs on from APP_CLOCK_START, so its time is
// learnt from what it stored (the sign-in's audit row); codes after the first are those of the step
// after the last one accepted (what the phone shows next), read from the store.
import { expect, type Page } from "@playwright/test";
import { TOTP_PERIOD_S, totpCode, totpCodeOfStep } from "../../app/modules/auth/totp";
import { readE2eRows } from "./e2e-db";

const PASSWORD = "RoViec@2026";

/** The server's clock now, from the instant it stored the user's latest sign-in. */
async function serverNow(username: string): Promise<Date> {
  const readAt = Date.now();
  const [row] = await readE2eRows<{ created_at: string }>(
    "select a.created_at from audit_log a join users u on u.id = a.actor_user_id where u.username = ? and a.action = 'auth.signedIn' order by a.created_at desc limit 1",
    [username],
  );
  if (!row) throw new Error(`no sign-in of ${username} stored`);
  return new Date(Date.parse(row.created_at) + (Date.now() - readAt));
}

/**
 * The code the phone shows next: the step after the last one the server accepted. When that step is
 * more than one ahead of the server's clock (the window), waits until it is not — as a person waits
 * for the next code after using the current one.
 */
export async function nextTotpCode(username: string, secret: string): Promise<string> {
  const [row] = await readE2eRows<{ last_step: number }>("select t.last_step from user_totp t join users u on u.id = t.user_id where u.username = ?", [username]);
  if (!row) throw new Error(`${username} has no TOTP`);
  const next = Number(row.last_step) + 1;
  const now = (await serverNow(username)).getTime();
  const earliest = (next - 1) * TOTP_PERIOD_S * 1000 + 500;
  if (now < earliest) await new Promise((r) => setTimeout(r, earliest - now));
  return totpCodeOfStep(secret, next);
}

/** Fills the password form (the page is on /login or is sent there). */
export async function typePassword(page: Page, username: string, password = PASSWORD) {
  await page.context().clearCookies();
  await page.goto("/login");
  await page.getByLabel("Tên đăng nhập").fill(username);
  await page.getByLabel("Mật khẩu").fill(password);
  await page.getByRole("button", { name: "Đăng nhập" }).click();
}

/**
 * On /account/two-factor: reads the secret shown, types the code of now into the form and turns
 * TOTP on, as a person with an authenticator app does. Returns the secret.
 */
export async function enrolTotpOnPage(page: Page, username: string): Promise<string> {
  await expect(page).toHaveURL(/\/account\/two-factor$/);
  const secret = ((await page.getByTestId("totp-secret").textContent()) ?? "").replace(/\s+/g, "");
  expect(secret).toMatch(/^[A-Z2-7]{32}$/);
  await page.getByLabel("Mã xác thực").fill(totpCode(secret, await serverNow(username)));
  await page.getByRole("button", { name: "Bật xác thực hai lớp" }).click();
  await expect(page.getByTestId("notice")).toContainText("Đã bật xác thực hai lớp");
  return secret;
}

/** Signs in with password, then the code on /login/two-factor. */
export async function signInWithTotpOnPage(page: Page, username: string, secret: string, password = PASSWORD) {
  await typePassword(page, username, password);
  await expect(page).toHaveURL(/\/login\/two-factor/);
  await page.getByLabel("Mã xác thực").fill(await nextTotpCode(username, secret));
  await page.getByRole("button", { name: "Xác nhận" }).click();
  await expect(page).not.toHaveURL(/\/login/);
}

/**
 * The demo operator rv.vanhanh in the console: the first time enrolled through the page (the secret
 * is returned — keep it for later sign-ins), afterwards with the code.
 */
export async function signInAsOperatorOnPage(page: Page, secret?: string): Promise<string> {
  if (secret) {
    await signInWithTotpOnPage(page, "rv.vanhanh", secret);
    await expect(page).toHaveURL(/\/admin$/);
    return secret;
  }
  await typePassword(page, "rv.vanhanh");
  const enrolled = await enrolTotpOnPage(page, "rv.vanhanh");
  await expect(page).toHaveURL(/\/admin$/);
  return enrolled;
}
