import { randomUUID } from "node:crypto";
import { normalizeSearch } from "../../db/text";
import type { SeedContext } from "./index";

// Fictional people. Positions follow the counters of a commune centre after the 2025 reform.
const DEMO_JOINED = "2025-07-01";

interface DemoPosition {
  key: string;
  name: string;
  counter: string;
  duties: string;
}

const TU_KY_POSITIONS: DemoPosition[] = [
  {
    key: "gd",
    name: "Giám đốc",
    counter: "Ban Giám đốc",
    duties:
      "Lãnh đạo, điều hành toàn bộ hoạt động của Trung tâm; phân công nhiệm vụ cho Phó Giám đốc và công chức, người lao động; " +
      "ký duyệt kết quả giải quyết thủ tục hành chính theo ủy quyền; chịu trách nhiệm trước Chủ tịch Ủy ban nhân dân xã.",
  },
  {
    key: "pgd",
    name: "Phó Giám đốc",
    counter: "Ban Giám đốc",
    duties:
      "Giúp Giám đốc theo dõi, đôn đốc việc tiếp nhận và trả kết quả; phụ trách chuyển đổi số, hệ thống một cửa điện tử; " +
      "điều hành Trung tâm khi Giám đốc vắng mặt.",
  },
  {
    key: "tp",
    name: "Công chức Tư pháp – Hộ tịch",
    counter: "Quầy 1 – Tư pháp – Hộ tịch",
    duties:
      "Tiếp nhận, hướng dẫn hồ sơ đăng ký khai sinh, kết hôn, khai tử, chứng thực bản sao, chữ ký; " +
      "cập nhật hồ sơ trên hệ thống đăng ký, quản lý hộ tịch điện tử.",
  },
  {
    key: "dd",
    name: "Công chức Địa chính – Xây dựng",
    counter: "Quầy 2 – Đất đai – Xây dựng",
    duties:
      "Tiếp nhận hồ sơ đất đai, xây dựng, môi trường; hướng dẫn người dân kê khai, bổ sung hồ sơ một lần; " +
      "theo dõi tiến độ giải quyết và trả kết quả đúng hạn.",
  },
  {
    key: "ld",
    name: "Công chức Lao động – Thương binh – Xã hội",
    counter: "Quầy 3 – Lao động – Thương binh – Xã hội",
    duties:
      "Tiếp nhận hồ sơ chính sách người có công, bảo trợ xã hội, trẻ em, lao động việc làm; " +
      "phối hợp chi trả chế độ và cập nhật cơ sở dữ liệu an sinh xã hội.",
  },
  {
    key: "kt",
    name: "Công chức Kinh tế",
    counter: "Quầy 4 – Kinh tế – Hộ kinh doanh",
    duties: "Tiếp nhận hồ sơ đăng ký hộ kinh doanh, hợp tác xã, nông nghiệp; hướng dẫn thủ tục thay đổi, tạm ngừng kinh doanh.",
  },
  {
    key: "vh",
    name: "Công chức Văn hóa – Xã hội",
    counter: "Quầy 5 – Văn hóa – Xã hội",
    duties: "Tiếp nhận hồ sơ văn hóa, thể thao, giáo dục, y tế thuộc thẩm quyền cấp xã; tuyên truyền cải cách hành chính.",
  },
  {
    key: "tn",
    name: "Viên chức Tiếp nhận và trả kết quả",
    counter: "Quầy 6 – Tiếp nhận và trả kết quả",
    duties:
      "Hướng dẫn, phân luồng công dân; số hóa hồ sơ, kết quả giải quyết; trả kết quả và thu phí, lệ phí theo quy định; " +
      "hỗ trợ người dân nộp hồ sơ trực tuyến.",
  },
  {
    key: "it",
    name: "Quản trị hệ thống",
    counter: "Bộ phận kỹ thuật",
    duties: "Quản trị tài khoản, trang thiết bị, đường truyền và phần mềm của Trung tâm; bảo đảm an toàn thông tin.",
  },
];

interface DemoMember {
  username: string;
  fullName: string;
  title: string;
  roles: string;
  position: string;
  phone?: string;
  /** Earlier position held until `movedOn`. */
  previous?: { position: string; movedOn: string };
}

const TU_KY_MEMBERS: DemoMember[] = [
  { username: "tuky.admin", fullName: "Phạm Minh Quân", title: "Chuyên viên công nghệ thông tin", roles: "admin", position: "it", phone: "0912 345 601" },
  { username: "tuky.giamdoc", fullName: "Nguyễn Văn Hùng", title: "Giám đốc", roles: "director", position: "gd", phone: "0912 345 602" },
  { username: "tuky.phogiamdoc", fullName: "Trần Thị Mai", title: "Phó Giám đốc", roles: "deputy", position: "pgd", phone: "0912 345 603" },
  { username: "tuky.kiemtra", fullName: "Lê Văn Thắng", title: "Công chức – Tổ kiểm tra công vụ", roles: "inspector,staff", position: "tp", phone: "0912 345 604" },
  { username: "tuky.canbo01", fullName: "Hoàng Thị Lan", title: "Công chức", roles: "staff", position: "tp", phone: "0912 345 611" },
  { username: "tuky.canbo02", fullName: "Vũ Đức Minh", title: "Công chức", roles: "staff", position: "dd", phone: "0912 345 612" },
  { username: "tuky.canbo03", fullName: "Đỗ Thị Hương", title: "Công chức", roles: "staff", position: "dd", phone: "0912 345 613" },
  { username: "tuky.canbo04", fullName: "Bùi Văn Nam", title: "Công chức", roles: "staff", position: "ld", phone: "0912 345 614" },
  { username: "tuky.canbo05", fullName: "Ngô Thị Thu", title: "Công chức", roles: "staff", position: "ld", phone: "0912 345 615" },
  { username: "tuky.canbo06", fullName: "Đặng Văn Toàn", title: "Công chức", roles: "staff", position: "kt", phone: "0912 345 616" },
  { username: "tuky.canbo07", fullName: "Phan Thị Ngọc Ánh", title: "Công chức", roles: "staff", position: "vh", phone: "0912 345 617" },
  { username: "tuky.canbo08", fullName: "Lý Văn Dũng", title: "Viên chức", roles: "staff", position: "tn", phone: "0912 345 618" },
  {
    username: "tuky.canbo09",
    fullName: "Trịnh Thị Hà",
    title: "Viên chức",
    roles: "staff",
    position: "tn",
    phone: "0912 345 619",
  },
  {
    username: "tuky.canbo10",
    fullName: "Mai Văn Sơn",
    title: "Công chức",
    roles: "staff",
    position: "kt",
    phone: "0912 345 620",
    previous: { position: "tn", movedOn: "2026-01-05" },
  },
];

const AN_PHU_POSITIONS: DemoPosition[] = [
  { key: "gd", name: "Giám đốc", counter: "Ban Giám đốc", duties: "Lãnh đạo, điều hành hoạt động của Trung tâm." },
  {
    key: "tn",
    name: "Công chức Tiếp nhận và trả kết quả",
    counter: "Quầy 1 – Tiếp nhận và trả kết quả",
    duties: "Tiếp nhận hồ sơ, hướng dẫn công dân và trả kết quả giải quyết thủ tục hành chính.",
  },
];

const AN_PHU_MEMBERS: DemoMember[] = [
  { username: "anphu.giamdoc", fullName: "Nguyễn Thị Bích", title: "Giám đốc", roles: "director,admin", position: "gd" },
  { username: "anphu.canbo01", fullName: "Lê Quang Huy", title: "Công chức", roles: "staff", position: "tn" },
  { username: "anphu.canbo02", fullName: "Phạm Thị Yến", title: "Công chức", roles: "staff", position: "tn" },
];

// Two more communes of the city, so that its oversight group (demo/seed/oversight.ts) compares
// several centres: a small staff each, check-ins and a few finished tasks (attendance.ts, tasks.ts).
const SMALL_POSITIONS: DemoPosition[] = AN_PHU_POSITIONS;

export const SMALL_CENTRES: { slug: string; place: string; members: DemoMember[] }[] = [
  {
    slug: "gia-loc",
    place: "Gia Lộc",
    members: [
      { username: "gialoc.giamdoc", fullName: "Vũ Đức Thắng", title: "Giám đốc", roles: "director,admin", position: "gd" },
      { username: "gialoc.canbo01", fullName: "Đỗ Thị Hồng Nhung", title: "Công chức", roles: "staff", position: "tn" },
      { username: "gialoc.canbo02", fullName: "Nguyễn Văn Khánh", title: "Công chức", roles: "staff", position: "tn" },
      { username: "gialoc.canbo03", fullName: "Bùi Thị Thảo", title: "Viên chức", roles: "staff", position: "tn" },
    ],
  },
  {
    slug: "thanh-ha",
    place: "Thanh Hà",
    members: [
      { username: "thanhha.giamdoc", fullName: "Phạm Minh Tuấn", title: "Giám đốc", roles: "director,admin", position: "gd" },
      { username: "thanhha.canbo01", fullName: "Lương Thị Mai", title: "Công chức", roles: "staff", position: "tn" },
      { username: "thanhha.canbo02", fullName: "Trịnh Văn Long", title: "Công chức", roles: "staff", position: "tn" },
      { username: "thanhha.canbo03", fullName: "Hà Thị Ngọc Ánh", title: "Công chức", roles: "staff", position: "tn" },
    ],
  },
];

async function seedCentre(
  s: SeedContext,
  org: { slug: string; name: string; parentBody: string; province: string; placeName: string },
  positions: DemoPosition[],
  members: DemoMember[],
) {
  const { db } = s;
  const at = s.now.toISOString();
  const orgId = randomUUID();
  await db
    .insertInto("organizations")
    .values({ id: orgId, slug: org.slug, name: org.name, parent_body: org.parentBody, province: org.province, place_name: org.placeName, created_at: at })
    .execute();
  s.orgs[org.slug] = { id: orgId };

  const positionIds: Record<string, string> = {};
  await db
    .insertInto("positions")
    .values(
      positions.map((p, i) => {
        positionIds[p.key] = randomUUID();
        return { id: positionIds[p.key]!, org_id: orgId, name: p.name, counter: p.counter, duties: p.duties, sort_order: (i + 1) * 10, created_at: at, updated_at: at };
      }),
    )
    .execute();

  for (const m of members) {
    const userId = randomUUID();
    const membershipId = randomUUID();
    await db
      .insertInto("users")
      .values({
        id: userId,
        username: m.username,
        full_name: m.fullName,
        full_name_search: normalizeSearch(m.fullName),
        phone: m.phone ?? null,
        email: `${m.username}@demo.roviec.vn`,
        password_hash: s.passwordHash,
        must_change_password: 0,
        created_at: at,
        updated_at: at,
      })
      .execute();
    await db
      .insertInto("memberships")
      .values({
        id: membershipId,
        org_id: orgId,
        user_id: userId,
        title: m.title,
        position_id: positionIds[m.position]!,
        roles: m.roles,
        active: 1,
        joined_on: DEMO_JOINED,
        left_on: null,
        created_at: at,
        updated_at: at,
      })
      .execute();
    const history = m.previous
      ? [
          { position: m.previous.position, start: DEMO_JOINED, end: m.previous.movedOn },
          { position: m.position, start: m.previous.movedOn, end: null },
        ]
      : [{ position: m.position, start: DEMO_JOINED, end: null }];
    await db
      .insertInto("position_assignments")
      .values(
        history.map((h) => ({
          id: randomUUID(),
          org_id: orgId,
          membership_id: membershipId,
          position_id: positionIds[h.position]!,
          start_date: h.start,
          end_date: h.end,
          created_at: at,
        })),
      )
      .execute();
    s.members[m.username] = { userId, membershipId, orgId };
  }
}

export async function seedOrganizations(s: SeedContext): Promise<void> {
  await seedCentre(
    s,
    {
      slug: "tu-ky",
      name: "Trung tâm Phục vụ hành chính công xã Tứ Kỳ",
      parentBody: "Ủy ban nhân dân xã Tứ Kỳ",
      province: "Hải Phòng",
      placeName: "Tứ Kỳ",
    },
    TU_KY_POSITIONS,
    TU_KY_MEMBERS,
  );
  await seedCentre(
    s,
    {
      slug: "an-phu",
      name: "Trung tâm Phục vụ hành chính công xã An Phú",
      parentBody: "Ủy ban nhân dân xã An Phú",
      province: "Hải Phòng",
      placeName: "An Phú",
    },
    AN_PHU_POSITIONS,
    AN_PHU_MEMBERS,
  );
  for (const c of SMALL_CENTRES) {
    await seedCentre(
      s,
      {
        slug: c.slug,
        name: `Trung tâm Phục vụ hành chính công xã ${c.place}`,
        parentBody: `Ủy ban nhân dân xã ${c.place}`,
        province: "Hải Phòng",
        placeName: c.place,
      },
      SMALL_POSITIONS,
      c.members,
    );
  }
}
