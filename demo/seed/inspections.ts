import { randomUUID } from "node:crypto";
import { loadCalendar } from "../../app/modules/calendar/calendar.server";
import { isWorkingDay } from "../../app/modules/calendar/holidays";
import { BUILTIN_ITEMS, BUILTIN_TEMPLATE_NAME, type ChecklistItem } from "../../app/modules/inspections/checklist";
import { demoPhoto, DEMO_PREFIX } from "../../app/modules/inspections/demo-image.server";
import { tallyOf, vnLocalToInstant, type ActionStatus, type Outcome } from "../../app/modules/inspections/rules";
import { addDays, vnDateOf } from "../../app/utils/dates";
import type { SeedContext } from "./index";

// Demo conduct inspections for tu-ky, dated relative to the seed clock (Vietnam time): the
// centre's copy of the standard checklist (version 1, then version 2 with a weighted C06 and a new
// C16), ten submitted inspections over the last three months by tuky.kiemtra and one by the
// deputy (cards, dress and phone use failing now and then, with generated photos), corrective
// actions in every state (resolved with an explanation, not resolved, explained and waiting,
// open and overdue, open), an addendum, and one draft from yesterday.

interface FailSpec {
  user: string;
  code: string;
  note: string;
  photo?: string;
}

interface ActionSpec {
  user: string;
  code: string;
  requirement: string;
  dueDays: number;
  status: ActionStatus;
  explanation?: string;
  explainedAfterHours?: number;
  verification?: string;
  verifiedAfterHours?: number;
}

interface InspectionSpec {
  daysAgo: number;
  time: string;
  members: string[];
  inspector?: string;
  mode?: "full" | "quick";
  status?: "draft" | "submitted";
  fails?: FailSpec[];
  na?: { user: string; code: string }[];
  memberNotes?: Record<string, string>;
  note?: string;
  action?: ActionSpec;
  addendum?: { text: string; afterHours: number; about?: string };
}

const SPECS: InspectionSpec[] = [
  { daysAgo: 84, time: "09:15", members: ["tuky.canbo01"], mode: "quick" },
  {
    daysAgo: 77,
    time: "14:30",
    members: ["tuky.canbo02", "tuky.canbo03"],
    fails: [{ user: "tuky.canbo02", code: "C03", note: "Không đeo thẻ công chức khi đang tiếp công dân.", photo: "C03-1" }],
    action: {
      user: "tuky.canbo02",
      code: "C03",
      requirement: "Đeo thẻ công chức đúng quy định trong suốt giờ làm việc tại quầy.",
      dueDays: 7,
      status: "resolved",
      explanation: "Sáng hôm đó tôi để quên thẻ trong cặp. Từ nay tôi đeo thẻ trước khi vào quầy và để một thẻ dự phòng tại bàn làm việc.",
      explainedAfterHours: 20,
      verification: "Kiểm tra lại ngày hôm sau: đã đeo thẻ đúng quy định.",
      verifiedAfterHours: 68,
    },
  },
  {
    daysAgo: 61,
    time: "08:40",
    members: ["tuky.canbo04", "tuky.canbo05"],
    fails: [{ user: "tuky.canbo05", code: "C11", note: "Dùng điện thoại việc riêng khoảng 10 phút khi có công dân đang chờ.", photo: "C11-2" }],
    memberNotes: { "tuky.canbo05": "Đã nhắc nhở trực tiếp, đồng chí tiếp thu." },
  },
  {
    daysAgo: 54,
    time: "10:00",
    members: ["tuky.canbo08", "tuky.canbo09"],
    fails: [{ user: "tuky.canbo08", code: "C04", note: "Đi dép lê không có quai hậu tại quầy.", photo: "C04-1" }],
    action: {
      user: "tuky.canbo08",
      code: "C04",
      requirement: "Thực hiện đúng quy định về trang phục: đi giày hoặc dép có quai hậu trong giờ làm việc.",
      dueDays: 7,
      status: "unresolved",
      explanation: "Tôi bị đau chân nên đi dép lê, sẽ khắc phục khi khỏi.",
      explainedAfterHours: 48,
      verification: "Kiểm tra lại ngày thứ 8 vẫn đi dép lê, không có giấy xác nhận của cơ sở y tế.",
      verifiedAfterHours: 198,
    },
    addendum: { text: "Bổ sung: đã báo cáo Giám đốc; đề nghị Tổ kiểm tra tiếp tục theo dõi việc chấp hành trang phục tại Quầy 6 trong tháng tới.", afterHours: 200 },
  },
  { daysAgo: 42, time: "15:10", members: ["tuky.canbo06", "tuky.canbo10"], na: [{ user: "tuky.canbo06", code: "C15" }, { user: "tuky.canbo10", code: "C15" }] },
  {
    daysAgo: 35,
    time: "09:00",
    members: ["tuky.canbo07"],
    inspector: "tuky.phogiamdoc",
    fails: [{ user: "tuky.canbo07", code: "C14", note: "3 hồ sơ đã trả kết quả nhưng chưa cập nhật trạng thái trên Hệ thống một cửa điện tử." }],
    note: "Phó Giám đốc kiểm tra đột xuất việc cập nhật hồ sơ trên Hệ thống một cửa điện tử.",
  },
  {
    daysAgo: 28,
    time: "14:00",
    members: ["tuky.canbo02", "tuky.canbo03"],
    mode: "quick",
    fails: [{ user: "tuky.canbo03", code: "C11", note: "Xem mạng xã hội trên điện thoại khi có công dân chờ.", photo: "C11-1" }],
    action: {
      user: "tuky.canbo03",
      code: "C11",
      requirement: "Không sử dụng điện thoại việc riêng tại quầy; để điện thoại ở chế độ im lặng trong giờ tiếp công dân.",
      dueDays: 14,
      status: "explained",
      explanation: "Tôi đang trả lời tin nhắn của trường học của con. Tôi đã để điện thoại trong ngăn bàn và chỉ dùng trong giờ nghỉ.",
      explainedAfterHours: 42,
    },
  },
  {
    daysAgo: 12,
    time: "08:20",
    members: ["tuky.canbo01"],
    mode: "quick",
    fails: [{ user: "tuky.canbo01", code: "C03", note: "Đeo thẻ trong túi áo, không nhìn thấy.", photo: "C03-2" }],
    action: { user: "tuky.canbo01", code: "C03", requirement: "Đeo thẻ công chức trên ngực áo, dễ nhìn thấy.", dueDays: 7, status: "open" },
  },
  { daysAgo: 7, time: "10:30", members: ["tuky.canbo08", "tuky.canbo09"], mode: "quick" },
  {
    daysAgo: 4,
    time: "15:45",
    members: ["tuky.canbo04", "tuky.canbo05"],
    fails: [{ user: "tuky.canbo04", code: "C04", note: "Mặc áo phông, không đúng trang phục quy định.", photo: "C04-2" }],
    action: { user: "tuky.canbo04", code: "C04", requirement: "Mặc trang phục công sở theo quy định của Trung tâm.", dueDays: 7, status: "open" },
  },
  {
    daysAgo: 1,
    time: "09:30",
    members: ["tuky.canbo06", "tuky.canbo10"],
    status: "draft",
    fails: [{ user: "tuky.canbo10", code: "C11", note: "Đang xem video trên điện thoại." }],
  },
];

/** Version 2 of the centre's checklist: C06 weighs double, and a house rule C16 is added. */
const VERSION_2: ChecklistItem[] = [
  ...BUILTIN_ITEMS.map((i) => (i.code === "C06" ? { ...i, weight: 2 } : i)),
  { code: "C16", text: "Giữ vệ sinh; sắp xếp hồ sơ, tài liệu gọn gàng tại quầy", basis: "Nội quy Trung tâm", weight: 1 },
];

const HOUR = 3_600_000;

export async function seedInspections(s: SeedContext): Promise<void> {
  const org = s.orgs["tu-ky"];
  if (!org) return;
  const orgId = org.id;
  const today = vnDateOf(s.now);
  const cal = await loadCalendar(s.db, orgId, Number(today.slice(0, 4)));
  const member = (u: string) => s.members[u]!.membershipId;
  const iso = (d: Date) => new Date(Math.min(d.getTime(), s.now.getTime() - 60_000)).toISOString();
  const counters = new Map(
    (
      await s.db
        .selectFrom("memberships as m")
        .innerJoin("positions as p", "p.id", "m.position_id")
        .select(["m.id", "p.counter"])
        .where("m.org_id", "=", orgId)
        .execute()
    ).map((r) => [r.id, r.counter]),
  );

  // The checklist: version 1 (the standard items) 100 days ago, version 2 45 days ago.
  const templateId = randomUUID();
  const inspector = member("tuky.kiemtra");
  const versions = [
    { id: randomUUID(), number: 1, at: new Date(s.now.getTime() - 100 * 24 * HOUR), items: BUILTIN_ITEMS },
    { id: randomUUID(), number: 2, at: new Date(s.now.getTime() - 45 * 24 * HOUR), items: VERSION_2 },
  ];
  await s.db
    .insertInto("inspection_templates")
    .values({
      id: templateId,
      org_id: orgId,
      name: BUILTIN_TEMPLATE_NAME.replace("(mẫu chuẩn C01–C15)", "của Trung tâm"),
      source: "builtin",
      active: 1,
      current_version_id: null,
      version: 2,
      created_by: inspector,
      created_at: versions[0]!.at.toISOString(),
      updated_at: versions[1]!.at.toISOString(),
    })
    .execute();
  const itemIds = new Map<string, Map<string, { id: string; weight: number }>>();
  for (const v of versions) {
    await s.db
      .insertInto("inspection_template_versions")
      .values({ id: v.id, org_id: orgId, template_id: templateId, number: v.number, created_by: inspector, created_at: v.at.toISOString() })
      .execute();
    const ids = new Map<string, { id: string; weight: number }>();
    const rows = v.items.map((it, i) => {
      const id = randomUUID();
      ids.set(it.code, { id, weight: it.weight });
      return { id, org_id: orgId, version_id: v.id, code: it.code, text: it.text, basis: it.basis, weight: it.weight, sort_order: i + 1 };
    });
    await s.db.insertInto("inspection_template_items").values(rows).execute();
    itemIds.set(v.id, ids);
  }
  await s.db.updateTable("inspection_templates").set({ current_version_id: versions[1]!.id }).where("id", "=", templateId).where("org_id", "=", orgId).execute();

  for (const spec of SPECS) {
    // The working day `daysAgo` before today, or the one before it.
    let date = addDays(today, -spec.daysAgo);
    while (!isWorkingDay(cal(date).kind)) date = addDays(date, -1);
    const at = vnLocalToInstant(`${date}T${spec.time}`)!;
    const version = at.getTime() >= versions[1]!.at.getTime() ? versions[1]! : versions[0]!;
    const items = itemIds.get(version.id)!;
    const id = randomUUID();
    const by = member(spec.inspector ?? "tuky.kiemtra");
    const status = spec.status ?? "submitted";
    const done = iso(new Date(at.getTime() + 0.4 * HOUR));
    const memberIds = spec.members.map(member);
    await s.db
      .insertInto("inspections")
      .values({
        id,
        org_id: orgId,
        template_id: templateId,
        template_version_id: version.id,
        inspector_id: by,
        inspected_at: at.toISOString(),
        inspected_date: date,
        place: "",
        counter: counters.get(memberIds[0]!) ?? "",
        mode: spec.mode ?? "full",
        status,
        note: spec.note ?? "",
        version: 2,
        submitted_at: status === "submitted" ? done : null,
        created_at: at.toISOString(),
        updated_at: done,
      })
      .execute();
    const results: { id: string; membership_id: string; code: string; item_id: string; outcome: Outcome; note: string }[] = [];
    for (const u of spec.members) {
      for (const [code, item] of items) {
        const fail = spec.fails?.find((f) => f.user === u && f.code === code);
        const na = spec.na?.some((x) => x.user === u && x.code === code);
        results.push({ id: randomUUID(), membership_id: member(u), code, item_id: item.id, outcome: fail ? "fail" : na ? "na" : "pass", note: fail?.note ?? "" });
      }
    }
    await s.db
      .insertInto("inspection_members")
      .values(
        spec.members.map((u) => {
          const t = tallyOf(results.filter((r) => r.membership_id === member(u)).map((r) => ({ outcome: r.outcome, weight: items.get(r.code)!.weight })));
          return {
            id: randomUUID(),
            org_id: orgId,
            inspection_id: id,
            membership_id: member(u),
            note: spec.memberNotes?.[u] ?? "",
            score: t.score,
            pass_count: t.pass,
            fail_count: t.fail,
            na_count: t.na,
          };
        }),
      )
      .execute();
    await s.db
      .insertInto("inspection_results")
      .values(results.map(({ code: _code, ...r }) => ({ ...r, org_id: orgId, inspection_id: id, updated_at: done })))
      .execute();
    const photos = (spec.fails ?? []).filter((f) => f.photo);
    if (photos.length) {
      await s.db
        .insertInto("inspection_photos")
        .values(
          photos.map((f) => ({
            id: randomUUID(),
            org_id: orgId,
            inspection_id: id,
            membership_id: member(f.user),
            item_id: items.get(f.code)!.id,
            file_name: `anh-${f.code}.png`,
            content_type: "image/png",
            size: demoPhoto(`${DEMO_PREFIX}${f.photo}`).length,
            storage_key: `${DEMO_PREFIX}${f.photo}`,
            uploaded_by: by,
            created_at: iso(new Date(at.getTime() + 0.1 * HOUR)),
          })),
        )
        .execute();
    }
    if (spec.action) {
      const a = spec.action;
      const result = results.find((r) => r.membership_id === member(a.user) && r.code === a.code)!;
      const raised = iso(new Date(at.getTime() + 0.5 * HOUR));
      const explained = a.explainedAfterHours ? iso(new Date(at.getTime() + a.explainedAfterHours * HOUR)) : null;
      const verified = a.verifiedAfterHours ? iso(new Date(at.getTime() + a.verifiedAfterHours * HOUR)) : null;
      await s.db
        .insertInto("inspection_actions")
        .values({
          id: randomUUID(),
          org_id: orgId,
          inspection_id: id,
          result_id: result.id,
          membership_id: result.membership_id,
          item_id: result.item_id,
          requirement: a.requirement,
          due_date: addDays(date, a.dueDays),
          status: a.status,
          explanation: a.explanation ?? "",
          explained_at: explained,
          verified_by: verified ? by : null,
          verified_at: verified,
          verification_note: a.verification ?? "",
          version: 1 + (explained ? 1 : 0) + (verified ? 1 : 0),
          created_by: by,
          created_at: raised,
          updated_at: verified ?? explained ?? raised,
        })
        .execute();
    }
    if (spec.addendum) {
      await s.db
        .insertInto("inspection_addenda")
        .values({
          id: randomUUID(),
          org_id: orgId,
          inspection_id: id,
          membership_id: spec.addendum.about ? member(spec.addendum.about) : null,
          text: spec.addendum.text,
          created_by: by,
          created_at: iso(new Date(at.getTime() + spec.addendum.afterHours * HOUR)),
        })
        .execute();
    }
  }
}
