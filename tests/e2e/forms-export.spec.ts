import { readFileSync } from "node:fs";
import { sheetsOf, unzip } from "../helpers/zip";
import { expect, signIn, storedRow, test } from "./fixtures";

// Issue 18 part 4, "leaving cleanly" (decision 0045): the centre's admin finds the page from the
// staff list, reads what the archive holds, clicks the link and gets one ZIP with an XLSX per area,
// the stored files and a README.

test("the admin downloads all the centre's data as one archive", async ({ page }) => {
  await signIn(page, "tuky.admin");
  await page.goto("/o/tu-ky/staff");
  await page.getByRole("link", { name: "Tải toàn bộ dữ liệu" }).first().click();
  await expect(page.getByRole("heading", { name: "Tải toàn bộ dữ liệu của Trung tâm" })).toBeVisible();
  await expect(page.getByText("Công việc (cong-viec.xlsx)")).toBeVisible();
  const download = page.waitForEvent("download");
  await page.getByRole("link", { name: "Tải tệp nén (.zip)" }).click();
  const file = await download;
  expect(file.suggestedFilename()).toBe("ro-viec-tu-ky-2026-03-10.zip");
  const entries = await unzip(readFileSync((await file.path())!));
  const names = [...entries.keys()];
  for (const f of ["nhan-su.xlsx", "cong-viec.xlsx", "cham-cong.xlsx", "lich-lam-viec.xlsx", "lich-truc.xlsx", "kiem-tra.xlsx", "danh-gia.xlsx", "bao-cao.xlsx", "thong-bao.xlsx", "nhat-ky.xlsx", "README.txt"]) {
    expect(names).toContain(f);
  }
  expect(names.some((n) => n.startsWith("files/kiem-tra/"))).toBe(true);
  const staff = (await sheetsOf(entries.get("nhan-su.xlsx")!)).get("Cán bộ")!;
  const stored = await storedRow<{ n: number }>("select count(*) as n from memberships m join organizations o on o.id = m.org_id where o.slug = ?", "tu-ky");
  expect(staff.length - 1).toBe(Number(stored!.n));
  expect(staff[0]).toContain("Họ và tên");
  // The download is in the centre's audit log.
  await expect
    .poll(async () => (await storedRow<{ n: number }>("select count(*) as n from audit_log where action = 'centre.exported'"))!.n)
    .toBeGreaterThan(0);
});

test("the director is not offered the download and is refused it", async ({ page }) => {
  await signIn(page, "tuky.giamdoc");
  await page.goto("/o/tu-ky/staff");
  await expect(page.getByRole("link", { name: "Tải toàn bộ dữ liệu" })).toHaveCount(0);
  const res = await page.request.get("/o/tu-ky/settings/export.zip");
  expect(res.status()).toBe(403);
});
