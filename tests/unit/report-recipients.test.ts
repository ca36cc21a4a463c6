import { describe, expect, it } from "vitest";
import { recipientsEndWithFileCopy } from "~/modules/reports/document";

// NĐ 30/2020/NĐ-CP: "Nơi nhận" ends with the file copy, "- Lưu: VT." (optionally the drafting
// unit and copies: "- Lưu: VT, TTPVHCC."). The report page warns when it does not.
describe("recipientsEndWithFileCopy", () => {
  it.each([
    ["- Đảng ủy xã (để báo cáo);\n- UBND xã (để báo cáo);\n- Lưu: VT.", true],
    ["- UBND xã;\n- Lưu: VT, TTPVHCC.", true],
    ["- UBND xã;\r\n-  Lưu:  VT.\n\n", true],
    ["UBND xã;\nLưu: VT.", true], // lines without a dash get one
    ["- UBND xã;\n- Lưu: VT", false], // no final full stop
    ["- Lưu: VT.\n- UBND xã;", false], // not last
    ["- UBND xã;\n- Lưu VP.", false],
    ["- UBND xã;", false],
    ["", false],
  ])("%j → %s", (text, ok) => {
    expect(recipientsEndWithFileCopy(text)).toBe(ok);
  });
});
