// The national data set for scale measurements (scripts/scale-generate.ts): every centre with about
// twenty staff and a year of what they do, written straight into the tables through the bulk writer
// (db/bulk.ts) — not through the services, which would take hours. The shapes follow the demo seed
// and the services: the same statuses, dedupe keys, links, params and lifecycles, so every page and
// job reads them as its own. Deterministic: the same centre number and day give the same rows.
//
// What a centre gets, for the 365 days before `today` (Vietnam dates): members with positions and
// roles (director, one or two deputies, an admin, an inspector, staff; sometimes a member who left),
// a schedule (default or seasonal hours; some centres open Saturday mornings with a rota), the
// official calendar decisions; about five tasks a working day with their whole lifecycle (progress,
// submissions, returns, extensions granted/refused/late, approvals with timeliness, cancellations,
// some still open or overdue today), two recurring series (weekly and monthly); check-ins and
// check-outs for every working day with habitual late-comers, early leaves and the odd absence;
// leave requests and attendance corrections; monthly duty rosters (some centres with a daily
// leader on duty); two conduct inspections a month with findings and corrective actions; every
// notification the app would have written (events, reminders every morning, the leaders' digest),
// mostly read; the audit entries of task events and decisions; sessions and stale sign-in counts.
import { BUILTIN_ITEMS, BUILTIN_TEMPLATE_NAME } from "../../app/modules/inspections/checklist";
import { buildCalendar, isWorkingDay, official2026Overrides } from "../../app/modules/calendar/holidays";
import { tallyOf, type Outcome } from "../../app/modules/inspections/rules";
import { type Frequency } from "../../app/modules/tasks/rules";
import { addDays, periodOf } from "../../app/utils/dates";
import { normalizeSearch } from "../../db/text";
import { formatDeadline } from "../../app/utils/time";
import type { BulkWriter } from "../../db/bulk";
import type { NotificationKind, TaskEventKind, Timeliness } from "../../db/schema";

// ---------- randomness and ids ----------

/** mulberry32: a small fast PRNG, seeded per centre. */
export function rng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  return {
    next,
    int: (lo: number, hi: number) => lo + Math.floor(next() * (hi - lo + 1)),
    chance: (p: number) => next() < p,
    pick: <T>(xs: readonly T[]): T => xs[Math.floor(next() * xs.length)]!,
    /** Poisson-distributed count with mean m (Knuth; m is small). */
    poisson(m: number) {
      const l = Math.exp(-m);
      let k = 0;
      let p = 1;
      do {
        k++;
        p *= next();
      } while (p > l);
      return k - 1;
    },
  };
}
type Rng = ReturnType<typeof rng>;

/**
 * Ids shaped like UUIDs but increasing: rows are appended to the primary-key B-trees instead of
 * landing at random pages, which keeps a 40 GB load fast. The app's own rows stay random UUIDs.
 */
let seq = 0;
export function nextId(): string {
  seq += 1;
  return `5ca1e000-0000-4000-8000-${seq.toString(16).padStart(12, "0")}`;
}

// ---------- the calendar, shared by every centre ----------

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

export interface Calendar {
  today: string;
  /** Index of `today` in `dates`. */
  todayIdx: number;
  /** Index of the first day of data (today − 365). */
  firstIdx: number;
  dates: string[];
  /** 0 = Monday … 6 = Sunday. */
  dow: number[];
  working: boolean[];
  /** UTC milliseconds of 00:00 in Vietnam of each date. */
  startMs: number[];
  /** Indexes of working days, in order; `nextWorking[i]` is the position in it of the first working day ≥ i. */
  workingDays: number[];
  nextWorking: number[];
}

export function buildScaleCalendar(today: string, daysBack = 365, daysAhead = 90): Calendar {
  const first = addDays(today, -daysBack);
  const last = addDays(today, daysAhead);
  const cals = new Map<number, ReturnType<typeof buildCalendar>>();
  const calOf = (y: number) => {
    let c = cals.get(y);
    if (!c) cals.set(y, (c = buildCalendar(y, official2026Overrides)));
    return c;
  };
  const c: Calendar = { today, todayIdx: 0, firstIdx: 0, dates: [], dow: [], working: [], startMs: [], workingDays: [], nextWorking: [] };
  for (let d = addDays(first, -40), i = 0; d <= last; d = addDays(d, 1), i++) {
    const [y, m, dd] = d.split("-").map(Number) as [number, number, number];
    const utc = Date.UTC(y, m - 1, dd);
    c.dates.push(d);
    c.dow.push((new Date(utc).getUTCDay() + 6) % 7);
    c.working.push(isWorkingDay(calOf(y)(d).kind));
    c.startMs.push(utc - 7 * HOUR);
    if (d === today) c.todayIdx = i;
    if (d === first) c.firstIdx = i;
  }
  c.dates.forEach((_, i) => c.working[i] && c.workingDays.push(i));
  let pos = c.workingDays.length;
  for (let i = c.dates.length - 1; i >= 0; i--) {
    if (c.working[i]) pos = c.workingDays.indexOf(i);
    c.nextWorking[i] = pos;
  }
  return c;
}

/** The working day `n` working days after (or, n < 0, before) day index i (i itself counts as 0 if working). */
function addWorking(c: Calendar, i: number, n: number): number {
  const p = Math.max(0, Math.min(c.workingDays.length - 1, c.nextWorking[i]! + n));
  return c.workingDays[p]!;
}

/**
 * `new Date(ms).toISOString()`, without the Date: it was half the generator's time. The date part
 * is cached per UTC day, the time part assembled from two-digit strings; same output, exactly.
 */
const TWO = Array.from({ length: 60 }, (_, i) => String(i).padStart(2, "0"));
const THREE = Array.from({ length: 1000 }, (_, i) => String(i).padStart(3, "0"));
const dayPrefix = new Map<number, string>();
function iso(ms: number): string {
  const day = Math.floor(ms / DAY);
  let prefix = dayPrefix.get(day);
  if (prefix === undefined) dayPrefix.set(day, (prefix = new Date(day * DAY).toISOString().slice(0, 11)));
  let rest = ms - day * DAY;
  const h = Math.floor(rest / HOUR);
  rest -= h * HOUR;
  const m = Math.floor(rest / MINUTE);
  rest -= m * MINUTE;
  const s = Math.floor(rest / 1000);
  return `${prefix}${TWO[h]}:${TWO[m]}:${TWO[s]}.${THREE[rest - s * 1000]}Z`;
}
/** `normalizeSearch`, remembered: names and titles come from a few thousand. */
const searchCache = new Map<string, string>();
function searchable(text: string): string {
  let s = searchCache.get(text);
  if (s === undefined) searchCache.set(text, (s = normalizeSearch(text)));
  return s;
}
const toMin = (t: string) => Number(t.slice(0, 2)) * 60 + Number(t.slice(3, 5));
const dmy = (d: string) => `${d.slice(8, 10)}/${d.slice(5, 7)}/${d.slice(0, 4)}`;

// ---------- the domain's words ----------

const SURNAMES = ["Nguyễn", "Trần", "Lê", "Phạm", "Hoàng", "Huỳnh", "Phan", "Vũ", "Võ", "Đặng", "Bùi", "Đỗ", "Hồ", "Ngô", "Dương", "Lý", "Trịnh", "Mai", "Đinh", "Lương"];
const MIDDLE_M = ["Văn", "Đức", "Minh", "Quang", "Hữu", "Xuân", "Thanh", "Công", "Ngọc", "Trọng"];
const MIDDLE_F = ["Thị", "Thu", "Ngọc", "Thanh", "Minh", "Thùy", "Hồng", "Kim", "Mỹ", "Phương"];
const GIVEN_M = ["An", "Bình", "Cường", "Dũng", "Đạt", "Hải", "Hiếu", "Hùng", "Huy", "Khánh", "Long", "Minh", "Nam", "Phong", "Quân", "Sơn", "Thắng", "Toàn", "Trung", "Tuấn", "Việt"];
const GIVEN_F = ["Anh", "Chi", "Giang", "Hà", "Hạnh", "Hằng", "Hoa", "Hương", "Lan", "Linh", "Mai", "Nga", "Ngọc", "Nhung", "Phương", "Thảo", "Thủy", "Trang", "Vân", "Yến"];

const PROVINCES = [
  "Hà Nội", "Huế", "Quảng Ninh", "Cao Bằng", "Lạng Sơn", "Lai Châu", "Điện Biên", "Sơn La", "Thanh Hóa", "Nghệ An", "Hà Tĩnh",
  "Tuyên Quang", "Lào Cai", "Thái Nguyên", "Phú Thọ", "Bắc Ninh", "Hưng Yên", "Hải Phòng", "Ninh Bình", "Quảng Trị", "Đà Nẵng",
  "Quảng Ngãi", "Gia Lai", "Khánh Hòa", "Lâm Đồng", "Đắk Lắk", "Thành phố Hồ Chí Minh", "Đồng Nai", "Tây Ninh", "Cần Thơ",
  "Vĩnh Long", "Đồng Tháp", "Cà Mau", "An Giang",
];
const PLACE_A = ["An", "Bình", "Hòa", "Phú", "Tân", "Thạnh", "Long", "Xuân", "Đông", "Tây", "Nam", "Bắc", "Hưng", "Phước", "Lộc", "Thuận", "Minh", "Quang", "Vĩnh", "Hiệp", "Tứ", "Gia", "Kim", "Thanh"];
const PLACE_B = ["Kỳ", "Phú", "Lợi", "Hòa", "Thịnh", "Sơn", "Hà", "Lâm", "Điền", "Thành", "Hưng", "Lạc", "Tiến", "Xuyên", "Yên", "Mỹ", "Trung", "Châu", "Khánh", "Đức"];

const POSITIONS: { key: string; name: string; counter: string; duties: string }[] = [
  { key: "gd", name: "Giám đốc", counter: "Ban Giám đốc", duties: "Lãnh đạo, điều hành toàn bộ hoạt động của Trung tâm; ký duyệt kết quả giải quyết thủ tục hành chính theo ủy quyền." },
  { key: "pgd", name: "Phó Giám đốc", counter: "Ban Giám đốc", duties: "Giúp Giám đốc theo dõi, đôn đốc việc tiếp nhận và trả kết quả; phụ trách chuyển đổi số." },
  { key: "tp", name: "Công chức Tư pháp – Hộ tịch", counter: "Quầy 1 – Tư pháp – Hộ tịch", duties: "Tiếp nhận hồ sơ khai sinh, kết hôn, khai tử, chứng thực bản sao, chữ ký." },
  { key: "dd", name: "Công chức Địa chính – Xây dựng", counter: "Quầy 2 – Đất đai – Xây dựng", duties: "Tiếp nhận hồ sơ đất đai, xây dựng, môi trường; hướng dẫn bổ sung hồ sơ một lần." },
  { key: "ld", name: "Công chức Lao động – Thương binh – Xã hội", counter: "Quầy 3 – Lao động – Thương binh – Xã hội", duties: "Tiếp nhận hồ sơ chính sách người có công, bảo trợ xã hội, lao động việc làm." },
  { key: "kt", name: "Công chức Kinh tế", counter: "Quầy 4 – Kinh tế – Hộ kinh doanh", duties: "Tiếp nhận hồ sơ đăng ký hộ kinh doanh, hợp tác xã, nông nghiệp." },
  { key: "vh", name: "Công chức Văn hóa – Xã hội", counter: "Quầy 5 – Văn hóa – Xã hội", duties: "Tiếp nhận hồ sơ văn hóa, thể thao, giáo dục, y tế thuộc thẩm quyền cấp xã." },
  { key: "tn", name: "Viên chức Tiếp nhận và trả kết quả", counter: "Quầy 6 – Tiếp nhận và trả kết quả", duties: "Hướng dẫn, phân luồng công dân; số hóa hồ sơ; trả kết quả, thu phí, lệ phí." },
  { key: "it", name: "Quản trị hệ thống", counter: "Bộ phận kỹ thuật", duties: "Quản trị tài khoản, trang thiết bị, đường truyền và phần mềm của Trung tâm." },
];
const COUNTER_POSITIONS = ["tp", "dd", "ld", "kt", "vh", "tn"];

const FIELDS = ["hộ tịch", "đất đai", "xây dựng", "chứng thực", "bảo trợ xã hội", "hộ kinh doanh", "người có công", "lao động – việc làm", "văn hóa – thể thao", "y tế"];
const TITLES: ((r: Rng, d: string) => string)[] = [
  (r) => `Rà soát quy trình nội bộ lĩnh vực ${r.pick(FIELDS)}`,
  (r) => `Cập nhật danh mục thủ tục hành chính lĩnh vực ${r.pick(FIELDS)}`,
  (r) => `Trả lời phản ánh của công dân về hồ sơ ${r.pick(FIELDS)}`,
  (r) => `Xử lý dứt điểm hồ sơ ${r.pick(FIELDS)} trễ hạn`,
  (r) => `Hướng dẫn người dân nộp hồ sơ ${r.pick(FIELDS)} trực tuyến`,
  (r) => `Đối chiếu số liệu hồ sơ ${r.pick(FIELDS)} với Cổng dịch vụ công`,
  (_r, d) => `Số hóa hồ sơ, kết quả giải quyết TTHC tháng ${d.slice(5, 7)}/${d.slice(0, 4)}`,
  (_r, d) => `Báo cáo khảo sát mức độ hài lòng của người dân tháng ${d.slice(5, 7)}/${d.slice(0, 4)}`,
  (_r, d) => `Chuẩn bị nội dung giao ban ngày ${dmy(d)}`,
  () => "Kiểm tra, bảo trì máy lấy số thứ tự và màn hình hiển thị",
  () => "Sao lưu dữ liệu hệ thống một cửa điện tử",
  () => "Lập kế hoạch tuyên truyền dịch vụ công trực tuyến toàn trình",
  () => "Niêm yết công khai thủ tục hành chính mới tại Trung tâm",
  () => "Tổng hợp ý kiến, kiến nghị của tổ chức, công dân",
  (r) => `Rà soát, đề xuất cắt giảm thành phần hồ sơ lĩnh vực ${r.pick(FIELDS)}`,
  (r) => `Phối hợp xác minh hồ sơ ${r.pick(FIELDS)} còn vướng mắc`,
  () => "Cập nhật tài khoản định danh điện tử cho người dân đến giao dịch",
  () => "Chuẩn bị tài liệu đoàn kiểm tra cải cách hành chính",
];
const DESCRIPTIONS = [
  "Tổng hợp số hồ sơ tiếp nhận, đã giải quyết, đúng hạn, quá hạn; phân tích nguyên nhân và đề xuất giải pháp khắc phục.",
  "Rà soát đầy đủ thành phần hồ sơ, thời hạn giải quyết và quy trình luân chuyển; báo cáo kết quả kèm đề xuất.",
  "Thực hiện theo chỉ đạo; phối hợp với các quầy liên quan, báo cáo tiến độ hằng tuần.",
  "Bảo đảm đúng quy định, công khai, minh bạch; lưu hồ sơ theo quy định.",
];
const DELIVERABLES = [
  "Báo cáo kết quả kèm biểu số liệu",
  "Văn bản trả lời công dân đã ký, gửi",
  "Danh mục cập nhật trên Cổng dịch vụ công",
  "Biên bản kiểm tra và danh sách tồn tại",
  "Kế hoạch trình Giám đốc ký ban hành",
  "Dữ liệu trên hệ thống và biên bản đối chiếu",
];
const SOURCES: { kind: "plan" | "meeting" | "directive" | "feedback" | "adhoc"; ref: (d: string, r: Rng) => string }[] = [
  { kind: "plan", ref: (d, r) => `KH ${r.int(1, 40)}/KH-TTPVHCC năm ${d.slice(0, 4)}` },
  { kind: "meeting", ref: (d) => `Kết luận giao ban ngày ${dmy(d)}` },
  { kind: "directive", ref: (_d, r) => `Công văn số ${r.int(100, 999)}/UBND-VP` },
  { kind: "feedback", ref: (_d, r) => `Phản ánh số ${r.int(1, 300)} trên Cổng dịch vụ công` },
  { kind: "adhoc", ref: () => "" },
];

const SEASONS_NORTH = [
  { name: "Mùa hè", fromMd: "04-01", toMd: "10-31", morningStart: "07:00", morningEnd: "11:30", afternoonStart: "13:30", afternoonEnd: "17:00" },
  { name: "Mùa đông", fromMd: "11-01", toMd: "03-31", morningStart: "07:30", morningEnd: "12:00", afternoonStart: "13:00", afternoonEnd: "16:30" },
];
const DEFAULT_HOURS = { morningStart: "07:30", morningEnd: "11:30", afternoonStart: "13:00", afternoonEnd: "17:00" };

// ---------- one centre ----------

export interface ScaleEnv {
  cal: Calendar;
  w: Pick<BulkWriter, "insert">;
  passwordHash: string;
  /** Instant the generation is dated (rows' created_at for setup rows). */
  setupAt: string;
}

interface Member {
  id: string;
  userId: string;
  name: string;
  username: string;
  roles: string;
  kind: "director" | "deputy" | "admin" | "inspector" | "staff";
  active: boolean;
  leftIdx: number | null;
  late: number;
  positionId: string;
  counter: string;
}

interface Notify {
  (memberId: string, kind: NotificationKind, params: Record<string, string | number>, link: string, atMs: number, dedupe?: string | null): void;
}

export function centreSlug(n: number): string {
  return `xa-${String(n).padStart(4, "0")}`;
}

export function usernameOf(n: number, role: string): string {
  return `c${String(n).padStart(4, "0")}.${role}`;
}

/** Writes centre number `n` (1-based) with a year of records. */
export function generateCentre(env: ScaleEnv, n: number): void {
  const { cal, w } = env;
  const r = rng(0x9e3779b1 ^ (n * 2654435761));
  const today = cal.todayIdx;
  const todayMs = cal.startMs[today]!;
  const at = env.setupAt;
  const orgId = nextId();
  const slug = centreSlug(n);
  const place = `${PLACE_A[n % PLACE_A.length]} ${PLACE_B[Math.floor(n / PLACE_A.length) % PLACE_B.length]}`;
  const province = PROVINCES[n % PROVINCES.length]!;
  w.insert("organizations", {
    id: orgId,
    slug,
    name: `Trung tâm Phục vụ hành chính công xã ${place} (${String(n).padStart(4, "0")})`,
    parent_body: `Ủy ban nhân dân xã ${place}`,
    province,
    place_name: place,
    created_at: at,
  });

  // ---- positions and members ----
  const positionIds = new Map<string, string>();
  POSITIONS.forEach((p, i) => {
    const id = nextId();
    positionIds.set(p.key, id);
    w.insert("positions", { id, org_id: orgId, name: p.name, counter: p.counter, duties: p.duties, sort_order: (i + 1) * 10, created_at: at, updated_at: at });
  });
  const deputies = r.chance(0.3) ? 2 : 1;
  const directorIsAdmin = r.chance(0.3);
  const plan: { role: string; kind: Member["kind"]; roles: string; position: string }[] = [
    { role: "giamdoc", kind: "director", roles: directorIsAdmin ? "director,admin" : "director", position: "gd" },
    ...Array.from({ length: deputies }, (_, i) => ({ role: i ? `phogiamdoc${i + 1}` : "phogiamdoc", kind: "deputy" as const, roles: "deputy", position: "pgd" })),
    ...(directorIsAdmin ? [] : [{ role: "admin", kind: "admin" as const, roles: "admin", position: "it" }]),
    { role: "kiemtra", kind: "inspector", roles: "inspector,staff", position: "tp" },
  ];
  for (let i = 1; plan.length < 20; i++) plan.push({ role: `canbo${String(i).padStart(2, "0")}`, kind: "staff", roles: "staff", position: COUNTER_POSITIONS[i % COUNTER_POSITIONS.length]! });
  // Sometimes a member who left during the year (deactivated, history kept).
  if (r.chance(0.3)) plan.push({ role: "canbo90", kind: "staff", roles: "staff", position: "tn" });
  const joined = cal.dates[cal.firstIdx - 30]!;
  const members: Member[] = plan.map((p, i) => {
    const female = r.chance(0.55);
    const name = `${r.pick(SURNAMES)} ${r.pick(female ? MIDDLE_F : MIDDLE_M)} ${r.pick(female ? GIVEN_F : GIVEN_M)}`;
    const left = p.role === "canbo90" ? r.int(cal.firstIdx + 60, today - 30) : null;
    return {
      id: nextId(),
      userId: nextId(),
      name,
      username: usernameOf(n, p.role),
      roles: p.roles,
      kind: p.kind,
      active: left === null,
      leftIdx: left,
      // Two habitual late-comers per centre; everyone else is rarely late.
      late: i >= plan.length - 3 && i < plan.length - 1 ? 0.3 : 0.03,
      positionId: positionIds.get(p.position)!,
      counter: POSITIONS.find((x) => x.key === p.position)!.counter,
    };
  });
  for (const m of members) {
    w.insert("users", {
      id: m.userId,
      username: m.username,
      full_name: m.name,
      full_name_search: searchable(m.name),
      phone: `09${String(r.int(10000000, 99999999))}`,
      email: `${m.username}@scale.roviec.vn`,
      password_hash: env.passwordHash,
      must_change_password: 0,
      locale: r.chance(0.03) ? "en" : "vi",
      created_at: at,
      updated_at: at,
    });
    w.insert("memberships", {
      id: m.id,
      org_id: orgId,
      user_id: m.userId,
      title: m.kind === "director" ? "Giám đốc" : m.kind === "deputy" ? "Phó Giám đốc" : r.chance(0.7) ? "Công chức" : "Viên chức",
      position_id: m.positionId,
      roles: m.roles,
      active: m.active ? 1 : 0,
      joined_on: joined,
      left_on: m.leftIdx === null ? null : cal.dates[m.leftIdx]!,
      service_start_date: `${r.int(1995, 2022)}-0${r.int(1, 9)}-01`,
      created_at: at,
      updated_at: at,
    });
    w.insert("position_assignments", { id: nextId(), org_id: orgId, membership_id: m.id, position_id: m.positionId, start_date: joined, end_date: m.leftIdx === null ? null : cal.dates[m.leftIdx]!, created_at: at });
  }
  const director = members[0]!;
  const leaders = members.filter((m) => m.kind === "director" || m.kind === "deputy");
  const workers = members.filter((m) => m.kind === "staff" || m.kind === "inspector");
  const inspector = members.find((m) => m.kind === "inspector")!;
  const activeAt = (m: Member, dayIdx: number) => m.leftIdx === null || dayIdx < m.leftIdx;

  // ---- settings, schedule, calendar, channels ----
  const saturdayOpening = r.chance(0.3);
  const saturdayStaff = saturdayOpening ? [workers[0]!.id, workers[1]!.id] : [];
  const seasonal = r.chance(0.4);
  const settings = { saturday_opening: saturdayOpening ? 1 : 0, saturday_start: "07:30", saturday_end: "11:30", grace_minutes: 5, checkin_mode: "day" as const, holiday_weight: 2, weekend_weight: 1 };
  w.insert("org_settings", { org_id: orgId, ...settings, updated_at: at, allowed_networks: "", annual_leave_base: 12, annual_leave_years_per_extra: 5 });
  w.insert("schedule_versions", {
    id: nextId(),
    org_id: orgId,
    effective_from: joined,
    ...settings,
    seasons: JSON.stringify(seasonal ? SEASONS_NORTH.map((s) => ({ id: nextId(), ...s })) : []),
    saturday_staff: JSON.stringify([...saturdayStaff].sort()),
    created_by: null,
    created_at: at,
    updated_at: at,
  });
  for (const o of official2026Overrides) w.insert("calendar_days", { id: nextId(), org_id: orgId, date: o.date, kind: o.kind, name: o.name, source: o.source ?? "", created_at: at });
  // The leaders' digest hour: most at 07:00, some later. No outbound endpoints (a benchmark must not
  // reach the internet); the history of sent messages is there for the retention rules.
  const digestHour = r.chance(0.75) ? 7 : r.pick([8, 8, 9, 10, 14]);
  w.insert("org_channels", { org_id: orgId, webhook_url: "", webhook_secret: "", telegram_token: "", email_endpoint: "", email_key: "", email_from: "", digest_hour: digestHour, updated_at: at });
  const outboxHistory = r.chance(0.1);
  const hoursOn = (dayIdx: number) => {
    if (!seasonal) return DEFAULT_HOURS;
    const md = cal.dates[dayIdx]!.slice(5);
    return md >= "04-01" && md <= "10-31" ? SEASONS_NORTH[0]! : SEASONS_NORTH[1]!;
  };

  // ---- notifications and audit ----
  const link = (path: string) => `/o/${slug}${path}`;
  const notify: Notify = (memberId, kind, params, path, atMs, dedupe = null) => {
    if (atMs >= todayMs) return;
    const read = atMs < todayMs - 3 * DAY ? r.chance(0.92) : r.chance(0.45);
    const readAt = read ? Math.min(atMs + r.int(10, 30 * 60) * MINUTE, todayMs - MINUTE) : null;
    const id = nextId();
    w.insert("notifications", { id, org_id: orgId, membership_id: memberId, kind, params: JSON.stringify(params), link: link(path), dedupe_key: dedupe, read_at: readAt === null ? null : iso(readAt), created_at: iso(atMs) });
    if (outboxHistory && r.chance(0.3)) {
      w.insert("outbox", {
        id: nextId(),
        org_id: orgId,
        notification_id: id,
        channel: "webhook",
        destination: "https://hooks.example.vn/roviec",
        payload: JSON.stringify({ id, kind, text: kind, link: link(path), createdAt: iso(atMs) }),
        status: r.chance(0.97) ? "sent" : "failed",
        attempts: 1,
        next_attempt_at: iso(atMs),
        locked_until: null,
        last_error: "",
        sent_at: iso(atMs + 2000),
        created_at: iso(atMs),
      });
    }
  };
  const audit = (actor: Member | null, action: string, entityType: string, entityId: string, atMs: number, details: Record<string, unknown> = {}) => {
    if (atMs >= todayMs) return;
    w.insert("audit_log", { id: nextId(), org_id: orgId, actor_user_id: actor?.userId ?? null, action, entity_type: entityType, entity_id: entityId, details: JSON.stringify(details), created_at: iso(atMs) });
  };
  const at7 = (dayIdx: number) => cal.startMs[dayIdx]! + 7 * HOUR + r.int(1, 50) * 1000;

  // ---- tasks ----
  const overdueByDay = new Map<number, number>();
  const taskEnv = { env, r, orgId, members, leaders, workers, notify, audit, at7, overdueByDay };
  for (const dayIdx of cal.workingDays) {
    if (dayIdx < cal.firstIdx || dayIdx >= today) continue;
    const k = r.poisson(4.8);
    for (let i = 0; i < k; i++) generateTask(taskEnv, { startIdx: dayIdx });
  }
  // A few drafts being prepared.
  for (let i = r.int(0, 3); i > 0; i--) generateTask(taskEnv, { startIdx: addWorking(cal, today, -r.int(0, 3)), draft: true });
  // Recurring series: a weekly plan and a monthly report, every period up to yesterday's.
  for (const [freq, offset, title] of [
    ["weekly", 4, (key: string) => `Kế hoạch công tác tuần ${Number(key.slice(6))} của Trung tâm`],
    ["monthly", 24, (key: string) => `Báo cáo tình hình hoạt động của Trung tâm tháng ${key.slice(5)}/${key.slice(0, 4)}`],
  ] as const) {
    generateSeries(taskEnv, freq, offset, title);
  }

  // ---- leave ----
  const leaveDays = new Map<string, "full" | "morning" | "afternoon">();
  for (const m of members) {
    for (const [kind, count, maxLen] of [
      ["annual", r.int(2, 4), 3],
      ["sick", r.int(0, 2), 2],
      ["business", r.int(0, 2), 2],
      ["personal_paid", r.int(0, 1), 1],
    ] as const) {
      for (let c = 0; c < count; c++) {
        const startIdx = addWorking(cal, r.int(cal.firstIdx, today + 30), 0);
        const len = r.int(1, maxLen);
        const endIdx = addWorking(cal, startIdx, len - 1);
        const part = len === 1 && r.chance(0.15) ? r.pick(["morning", "afternoon"] as const) : "full";
        const days = part === "full" ? cal.nextWorking[endIdx]! - cal.nextWorking[startIdx]! + 1 : 0.5;
        const askedMs = cal.startMs[startIdx]! - r.int(2, 10) * DAY + 9 * HOUR;
        if (askedMs >= todayMs) continue;
        const future = startIdx >= today;
        const status = future ? (r.chance(0.6) ? "pending" : "approved") : r.chance(0.9) ? "approved" : r.chance(0.7) ? "refused" : "cancelled";
        const decider = r.pick(leaders.filter((l) => l.id !== m.id).length ? leaders.filter((l) => l.id !== m.id) : leaders);
        const decidedMs = Math.min(askedMs + r.int(1, 30) * HOUR, todayMs - HOUR);
        const id = nextId();
        w.insert("leave_requests", {
          id,
          org_id: orgId,
          membership_id: m.id,
          kind,
          start_date: cal.dates[startIdx]!,
          end_date: cal.dates[endIdx]!,
          part,
          days,
          reason: kind === "sick" ? "Ốm, có giấy khám bệnh." : kind === "business" ? "Đi tập huấn theo triệu tập." : "Giải quyết việc gia đình.",
          status,
          decided_by: status === "pending" || status === "cancelled" ? null : decider.id,
          decided_at: status === "pending" || status === "cancelled" ? null : iso(decidedMs),
          decision_note: status === "refused" ? "Trùng thời gian cao điểm, đề nghị bố trí lại." : "",
          created_at: iso(askedMs),
        });
        audit(m, "leave.requested", "leave_request", id, askedMs);
        for (const l of leaders) if (l.id !== m.id) notify(l.id, "leaveRequested", { actor: m.name, leaveKind: kind, from: dmy(cal.dates[startIdx]!), to: dmy(cal.dates[endIdx]!) }, "/leave", askedMs);
        if (status === "approved" || status === "refused") {
          audit(decider, `leave.${status}`, "leave_request", id, decidedMs);
          notify(m.id, "leaveDecided", { from: dmy(cal.dates[startIdx]!), to: dmy(cal.dates[endIdx]!), decision: status }, "/leave", decidedMs);
        }
        if (status === "approved") for (let d = startIdx; d <= endIdx; d++) leaveDays.set(`${m.id}|${d}`, part);
      }
    }
  }

  // ---- attendance ----
  const absentByDay = new Map<number, number>();
  for (let d = cal.firstIdx; d < today; d++) {
    const saturday = cal.dow[d] === 5 && saturdayOpening && !cal.working[d];
    if (!cal.working[d] && !saturday) continue;
    const h = hoursOn(d);
    for (const m of members) {
      if (!activeAt(m, d)) continue;
      if (saturday && !saturdayStaff.includes(m.id)) continue;
      const leave = leaveDays.get(`${m.id}|${d}`);
      if (leave === "full") continue;
      if (r.chance(0.003)) {
        // Forgot to check in: half the time put right by a correction.
        if (r.chance(0.5)) {
          const askedMs = cal.startMs[d]! + 17 * HOUR + 10 * MINUTE;
          const approved = r.chance(0.85);
          const decider = r.pick(leaders.filter((l) => l.id !== m.id).length ? leaders.filter((l) => l.id !== m.id) : leaders);
          const id = nextId();
          w.insert("attendance_corrections", {
            id,
            org_id: orgId,
            membership_id: m.id,
            date: cal.dates[d]!,
            session: "day",
            check_in_time: h.morningStart,
            check_out_time: h.afternoonEnd,
            reason: "Quên chấm công do tiếp công dân ngay từ đầu giờ.",
            status: askedMs + DAY > todayMs ? "pending" : approved ? "approved" : "refused",
            decided_by: askedMs + DAY > todayMs ? null : decider.id,
            decided_at: askedMs + DAY > todayMs ? null : iso(askedMs + 16 * HOUR),
            decision_note: approved ? "Đồng ý, đã đối chiếu sổ tiếp nhận." : "Không có căn cứ xác nhận.",
            created_at: iso(askedMs),
          });
          audit(m, "attendance.correctionRequested", "attendance_correction", id, askedMs);
        } else absentByDay.set(d, (absentByDay.get(d) ?? 0) + 1);
        continue;
      }
      const startMin = leave === "morning" ? toMin(h.afternoonStart) : saturday ? toMin(settings.saturday_start) : toMin(h.morningStart);
      const endMin = leave === "afternoon" ? toMin(h.morningEnd) : saturday ? toMin(settings.saturday_end) : toMin(h.afternoonEnd);
      const late = r.chance(m.late);
      const offset = late ? r.int(6, 45) : r.int(-25, 4);
      const inMs = cal.startMs[d]! + (startMin + offset) * MINUTE + r.int(0, 59) * 1000;
      const early = r.chance(0.03);
      const outMs = cal.startMs[d]! + (endMin + (early ? -r.int(10, 60) : r.int(0, 30))) * MINUTE + r.int(0, 59) * 1000;
      const forgotOut = r.chance(0.01);
      w.insert("attendance_records", {
        id: nextId(),
        org_id: orgId,
        membership_id: m.id,
        date: cal.dates[d]!,
        session: "day",
        check_in_at: iso(inMs),
        check_in_ip: `203.162.${n % 250}.${r.int(2, 250)}`,
        check_out_at: forgotOut ? null : iso(outMs),
        check_out_ip: forgotOut ? "" : `203.162.${n % 250}.${r.int(2, 250)}`,
        created_at: iso(inMs),
      });
    }
  }

  // ---- duty rosters: a month each; some centres also keep a leader on duty every day ----
  const dailyLeader = r.chance(0.25);
  let rota = 0;
  const firstMonth = cal.dates[cal.firstIdx]!.slice(0, 7);
  for (let month = firstMonth; month <= addDays(`${cal.today.slice(0, 7)}-01`, 40).slice(0, 7); month = addDays(`${month}-01`, 32).slice(0, 7)) {
    const rosterId = nextId();
    const monthStart = `${month}-01`;
    const monthEnd = periodOf(monthStart, "monthly").end;
    const draft = monthStart > cal.today;
    const publishedMs = Date.parse(`${monthStart}T02:00:00Z`) - 5 * DAY;
    if (publishedMs >= todayMs) continue;
    w.insert("rosters", {
      id: rosterId,
      org_id: orgId,
      title: `Lịch trực tháng ${month.slice(5)}/${month.slice(0, 4)}`,
      start_date: monthStart,
      end_date: monthEnd,
      day_mode: dailyLeader ? "all" : "nonworking",
      status: draft ? "draft" : "published",
      version: draft ? 1 : 2,
      created_by: director.id,
      published_at: draft ? null : iso(publishedMs),
      published_by: draft ? null : director.id,
      created_at: iso(publishedMs - DAY),
      updated_at: iso(publishedMs),
    });
    const counts = new Map<string, number>();
    const startIdx = cal.dates.indexOf(monthStart);
    for (let d = Math.max(0, startIdx); d < cal.dates.length && cal.dates[d]! <= monthEnd; d++) {
      const working = cal.working[d]!;
      const kinds: ("leader" | "staff" | "security")[] = working ? (dailyLeader ? ["leader"] : []) : ["leader", "staff", "staff"];
      kinds.forEach((kind, position) => {
        const pool = kind === "leader" ? leaders : workers;
        const m = pool[rota++ % pool.length]!;
        const past = d < today;
        const slotId = nextId();
        const [start, end] = working ? ["17:00", "21:00"] : ["07:30", "11:30"];
        w.insert("roster_slots", {
          id: slotId,
          org_id: orgId,
          roster_id: rosterId,
          date: cal.dates[d]!,
          kind,
          position,
          start_time: start,
          end_time: end,
          weight: 1,
          membership_id: m.id,
          confirmed_at: draft ? null : iso(publishedMs + r.int(1, 48) * HOUR),
          checked_in_at: past && r.chance(0.95) ? iso(cal.startMs[d]! + toMin(start) * MINUTE - r.int(0, 10) * MINUTE) : null,
          updated_at: iso(publishedMs),
        });
        counts.set(m.id, (counts.get(m.id) ?? 0) + 1);
        if (!draft && d - 1 >= cal.firstIdx) notify(m.id, "shiftTomorrow", { date: dmy(cal.dates[d]!), kind, time: `${start}–${end}` }, `/rosters/${rosterId}`, at7(d - 1), `shift:${slotId}`);
      });
    }
    if (!draft) {
      audit(director, "roster.published", "roster", rosterId, publishedMs);
      for (const [memberId, k] of counts) notify(memberId, "rosterPublished", { title: `Lịch trực tháng ${month.slice(5)}/${month.slice(0, 4)}`, n: k }, `/rosters/${rosterId}`, publishedMs);
    }
  }

  // ---- conduct inspections ----
  const templateId = nextId();
  const versionId = nextId();
  w.insert("inspection_templates", {
    id: templateId,
    org_id: orgId,
    name: BUILTIN_TEMPLATE_NAME.replace("(mẫu chuẩn C01–C15)", "của Trung tâm"),
    source: "builtin",
    active: 1,
    current_version_id: versionId,
    version: 1,
    created_by: inspector.id,
    created_at: at,
    updated_at: at,
  });
  w.insert("inspection_template_versions", { id: versionId, org_id: orgId, template_id: templateId, number: 1, created_by: inspector.id, created_at: at });
  const items = BUILTIN_ITEMS.map((it, i) => {
    const id = nextId();
    w.insert("inspection_template_items", { id, org_id: orgId, version_id: versionId, code: it.code, text: it.text, basis: it.basis, weight: it.weight, sort_order: i + 1 });
    return { id, code: it.code, text: it.text, weight: it.weight };
  });
  let openActions = 0;
  for (const dayIdx of cal.workingDays) {
    if (dayIdx < cal.firstIdx || dayIdx >= today || !r.chance(2 / 21)) continue;
    const by = r.chance(0.8) ? inspector : leaders[leaders.length - 1]!;
    const inspectedMs = cal.startMs[dayIdx]! + r.int(8 * 60, 16 * 60) * MINUTE;
    const doneMs = inspectedMs + 25 * MINUTE;
    const id = nextId();
    const inspected = new Set<Member>();
    for (let k = r.int(2, 4); k > 0; k--) inspected.add(r.pick(workers));
    const list = [...inspected].filter((m) => activeAt(m, dayIdx) && m.id !== by.id);
    if (!list.length) continue;
    const quick = r.chance(0.4);
    w.insert("inspections", {
      id,
      org_id: orgId,
      template_id: templateId,
      template_version_id: versionId,
      inspector_id: by.id,
      inspected_at: iso(inspectedMs),
      inspected_date: cal.dates[dayIdx]!,
      place: "",
      counter: list[0]!.counter,
      mode: quick ? "quick" : "full",
      status: "submitted",
      note: "",
      version: 2,
      submitted_at: iso(doneMs),
      created_at: iso(inspectedMs),
      updated_at: iso(doneMs),
    });
    audit(by, "inspection.submitted", "inspection", id, doneMs);
    for (const m of list) {
      const results = items.map((it) => ({ it, id: nextId(), outcome: (r.chance(0.03) ? "fail" : !quick && r.chance(0.01) ? "na" : "pass") as Outcome }));
      const t = tallyOf(results.map((x) => ({ outcome: x.outcome, weight: x.it.weight })));
      w.insert("inspection_members", { id: nextId(), org_id: orgId, inspection_id: id, membership_id: m.id, note: "", score: t.score, pass_count: t.pass, fail_count: t.fail, na_count: t.na });
      for (const x of results) {
        w.insert("inspection_results", { id: x.id, org_id: orgId, inspection_id: id, membership_id: m.id, item_id: x.it.id, outcome: x.outcome, note: x.outcome === "fail" ? "Nhắc nhở trực tiếp tại quầy." : "", updated_at: iso(doneMs) });
        if (x.outcome !== "fail" || !r.chance(0.6)) continue;
        const dueIdx = dayIdx + 7;
        const overdue = dueIdx < today;
        const status = overdue ? r.pick(["resolved", "resolved", "resolved", "resolved", "resolved", "resolved", "unresolved", "explained", "open"] as const) : r.pick(["open", "open", "explained", "resolved"] as const);
        if (status === "open" || status === "explained") openActions += 1;
        const explainedMs = status === "open" ? null : Math.min(doneMs + r.int(4, 72) * HOUR, todayMs - HOUR);
        const verifiedMs = status === "resolved" || status === "unresolved" ? Math.min((explainedMs ?? doneMs) + r.int(4, 72) * HOUR, todayMs - MINUTE) : null;
        const actionId = nextId();
        w.insert("inspection_actions", {
          id: actionId,
          org_id: orgId,
          inspection_id: id,
          result_id: x.id,
          membership_id: m.id,
          item_id: x.it.id,
          requirement: `Khắc phục ngay: ${x.it.text.toLowerCase()}.`,
          due_date: cal.dates[dueIdx]!,
          status,
          explanation: explainedMs ? "Tôi đã nhận thức được khuyết điểm và khắc phục ngay." : "",
          explained_at: explainedMs ? iso(explainedMs) : null,
          verified_by: verifiedMs ? by.id : null,
          verified_at: verifiedMs ? iso(verifiedMs) : null,
          verification_note: verifiedMs ? "Đã kiểm tra lại." : "",
          version: 1 + (explainedMs ? 1 : 0) + (verifiedMs ? 1 : 0),
          created_by: by.id,
          created_at: iso(doneMs + MINUTE),
          updated_at: iso(verifiedMs ?? explainedMs ?? doneMs + MINUTE),
        });
        audit(by, "inspection.actionRaised", "inspection_action", actionId, doneMs + MINUTE);
        notify(m.id, "findingRaised", { item: `${x.it.code} ${x.it.text}`, due: dmy(cal.dates[dueIdx]!) }, `/inspections/${id}`, doneMs + MINUTE);
        if (dueIdx - 1 > dayIdx && (explainedMs === null || explainedMs > at7(dueIdx - 1))) notify(m.id, "actionDue", { item: `${x.it.code} ${x.it.text}`, due: dmy(cal.dates[dueIdx]!) }, `/inspections/${id}`, at7(dueIdx - 1), `action:${actionId}`);
      }
    }
  }

  // ---- the leaders' digest, every morning ----
  for (let d = cal.firstIdx; d < today; d++) {
    const atMs = cal.startMs[d]! + digestHour * HOUR + r.int(1, 50) * 1000;
    for (const l of leaders) {
      if (!activeAt(l, d)) continue;
      notify(l.id, "digest", { date: dmy(cal.dates[d]!), absent: absentByDay.get(d) ?? 0, overdue: overdueByDay.get(d) ?? 0, findings: Math.min(openActions, r.int(0, 3)) }, "/", atMs, `digest:${cal.dates[d]!}`);
    }
  }

  // ---- sessions (some long expired, never cleaned up until retention) and stale sign-in counts ----
  for (const m of members.slice(0, 8)) {
    const createdMs = todayMs - r.int(1, 120) * DAY;
    w.insert("sessions", {
      id: `s${nextId().replace(/-/g, "")}`,
      user_id: m.userId,
      secret_hash: "0".repeat(64),
      created_at: iso(createdMs),
      last_verified_at: iso(createdMs),
      expires_at: iso(createdMs + 7 * DAY),
    });
  }
  if (r.chance(0.2)) w.insert("login_limits", { key: `account:${members[3]!.username}`, failures: r.int(1, 4), last_attempt_at: iso(todayMs - r.int(2, 60) * DAY), blocked_until: iso(todayMs - 30 * DAY) });
}

// ---------- tasks ----------

interface TaskEnv {
  env: ScaleEnv;
  r: Rng;
  orgId: string;
  members: Member[];
  leaders: Member[];
  workers: Member[];
  notify: Notify;
  audit: (actor: Member | null, action: string, entityType: string, entityId: string, atMs: number, details?: Record<string, unknown>) => void;
  at7: (dayIdx: number) => number;
  overdueByDay: Map<number, number>;
}

interface TaskShape {
  startIdx: number;
  draft?: boolean;
  /** Fixed deadline day and a series (recurring occurrences). */
  deadlineIdx?: number;
  title?: string;
  assigner?: Member;
  assignee?: Member;
  series?: { id: string; key: string };
  id?: string;
}

function deadlineMs(cal: Calendar, dayIdx: number, time: string | null): number {
  return cal.startMs[dayIdx]! + (time ? toMin(time) : 23 * 60 + 59) * MINUTE + 59_999;
}

/** One task from creation to where it stands today, with its timeline, notifications and audit. */
function generateTask(t: TaskEnv, shape: TaskShape): { id: string } | null {
  const { env, r } = t;
  const { cal, w } = env;
  const today = cal.todayIdx;
  const todayMs = cal.startMs[today]!;
  const id = shape.id ?? nextId();
  const assigner = shape.assigner ?? (r.chance(0.6) ? t.leaders[0]! : r.pick(t.leaders));
  const approver = r.chance(0.9) ? assigner : t.leaders[0]!;
  let assignee = shape.assignee ?? (r.chance(0.08) ? r.pick(t.leaders) : r.pick(t.workers));
  if (assignee.id === assigner.id) assignee = r.pick(t.workers);
  if (assignee.leftIdx !== null && assignee.leftIdx <= shape.startIdx) assignee = t.workers[0]!;
  const createdMs = cal.startMs[shape.startIdx]! + r.int(8 * 60, 11 * 60) * MINUTE + r.int(0, 59) * 1000;
  if (createdMs >= todayMs) return null;
  const time = shape.deadlineIdx !== undefined ? null : r.chance(0.65) ? null : r.pick(["17:00", "17:00", "16:00", "11:00"]);
  const originalIdx = shape.deadlineIdx ?? addWorking(cal, shape.startIdx, 2 + Math.floor(r.next() ** 2 * 18));
  const title = shape.title ?? r.pick(TITLES)(r, cal.dates[shape.startIdx]!);
  const source = r.pick(SOURCES);
  const coworker = r.chance(0.35) ? r.pick(t.workers.filter((m) => m.id !== assignee.id)) : null;
  const follower = r.chance(0.3) ? r.pick(t.leaders.filter((m) => m.id !== assigner.id).concat(t.workers.slice(0, 2))) : null;
  const path = `/tasks/${id}`;
  const events: { atMs: number; actor: Member; kind: TaskEventKind; note?: string; progress?: number | null; data?: Record<string, unknown> }[] = [];

  // Extension asked (10%): before the deadline, or after it (a late extension keeps the task late).
  let deadlineIdx = originalIdx;
  let missedMs: number | null = null;
  let extension: { id: string; askedMs: number; lateAsk: boolean; toIdx: number; status: "granted" | "refused" | "pending"; decidedMs: number } | null = null;
  if (!shape.draft && r.chance(0.1)) {
    const lateAsk = r.chance(0.1);
    const askIdx = lateAsk ? originalIdx + r.int(1, 2) : Math.max(shape.startIdx, originalIdx - r.int(1, 3));
    const askedMs = cal.startMs[askIdx]! + r.int(9 * 60, 16 * 60) * MINUTE;
    if (askedMs > createdMs && askedMs < todayMs - HOUR) {
      const decidedMs = askedMs + r.int(1, 20) * HOUR;
      const status = decidedMs >= todayMs ? "pending" : r.chance(0.75) ? "granted" : "refused";
      extension = { id: nextId(), askedMs, lateAsk, toIdx: addWorking(cal, originalIdx, r.int(3, 10)), status, decidedMs };
      if (status === "granted") {
        deadlineIdx = extension.toIdx;
        if (lateAsk) missedMs = deadlineMs(cal, originalIdx, time);
      }
    }
  }
  const dueMs = deadlineMs(cal, deadlineIdx, time);
  const judgedMs = missedMs ?? dueMs;

  // Where it stands today.
  type Fate = "draft" | "open" | "submitted" | "done" | "cancelled";
  let fate: Fate;
  if (shape.draft) fate = "draft";
  else if (judgedMs < todayMs) {
    const age = today - deadlineIdx;
    const x = r.next();
    const pOpen = age <= 30 ? 0.09 : age <= 90 ? 0.02 : 0.003;
    const pSubmitted = age <= 20 ? 0.05 : 0;
    fate = x < pOpen ? "open" : x < pOpen + pSubmitted ? "submitted" : x < pOpen + pSubmitted + 0.02 ? "cancelled" : "done";
  } else {
    const x = r.next();
    fate = x < 0.1 ? "submitted" : x < 0.13 ? "done" : x < 0.14 ? "cancelled" : "open";
  }
  if (extension?.status === "pending" && fate !== "open") fate = "open";

  // The final submission (accepted or waiting), when there is one.
  let submitMs: number | null = null;
  let decidedMs: number | null = null;
  let timeliness: Timeliness | null = null;
  if (fate === "done" || fate === "submitted") {
    const lastEarly = addWorking(cal, deadlineIdx, -1);
    const want = missedMs ? "late" : r.pick(["early", "on_time", "on_time", "on_time", "late"]);
    let dayIdx: number;
    if (judgedMs >= todayMs) dayIdx = r.int(shape.startIdx, today - 1);
    else if (want === "early" && lastEarly > shape.startIdx) dayIdx = r.int(Math.max(shape.startIdx + 1, lastEarly - 3), lastEarly);
    else if (want === "late") dayIdx = deadlineIdx + r.int(1, 8);
    else dayIdx = deadlineIdx;
    const latestMin = dayIdx === deadlineIdx && time ? toMin(time) - 1 : 16 * 60 + 30;
    submitMs = cal.startMs[dayIdx]! + r.int(Math.min(8 * 60, latestMin - 30), latestMin) * MINUTE;
    if (submitMs <= createdMs) submitMs = createdMs + 2 * HOUR;
    if (submitMs >= todayMs - 2 * HOUR) {
      // Not possible before today: it is still being worked on.
      fate = "open";
      submitMs = null;
    } else if (fate === "done") {
      decidedMs = submitMs + r.int(1, 40) * HOUR;
      if (decidedMs >= todayMs) fate = "submitted";
    }
  }
  if (fate === "done" && submitMs !== null) {
    const early = submitMs <= cal.startMs[addWorking(cal, deadlineIdx, -1)]! + DAY - 1;
    timeliness = submitMs > judgedMs ? "late" : early ? "early" : "on_time";
  }
  const returns = fate === "done" || fate === "submitted" ? (r.chance(0.12) ? (r.chance(0.15) ? 2 : 1) : 0) : fate === "open" && r.chance(0.15) ? 1 : 0;
  const cancelMs = fate === "cancelled" ? Math.min(createdMs + r.int(1, 10) * DAY, todayMs - HOUR) : null;
  const status = fate === "draft" ? "draft" : fate === "done" ? "done" : fate === "cancelled" ? "cancelled" : fate === "submitted" ? "submitted" : returns ? "returned" : r.chance(0.45) ? "assigned" : "in_progress";

  // The timeline.
  events.push({ atMs: createdMs, actor: assigner, kind: fate === "draft" ? "created" : "assigned", data: { title, recurrence: "none" } });
  const endMs = submitMs ?? cancelMs ?? todayMs - HOUR;
  let progress = 0;
  if (fate !== "draft" && status !== "assigned") {
    for (let k = r.int(1, 2); k > 0; k--) {
      const pAt = createdMs + Math.floor(r.next() * Math.max(HOUR, endMs - createdMs - HOUR));
      progress = Math.min(95, progress + r.int(20, 50));
      events.push({ atMs: pAt, actor: assignee, kind: "progress", progress, note: "Đang triển khai theo kế hoạch.", data: { percent: progress } });
    }
  }
  if (extension) {
    events.push({ atMs: extension.askedMs, actor: assignee, kind: "extensionRequested", note: "Cần thêm thời gian phối hợp xác minh.", data: { extensionId: extension.id, date: cal.dates[extension.toIdx]!, time } });
    if (extension.status !== "pending") events.push({ atMs: extension.decidedMs, actor: approver, kind: extension.status === "granted" ? "extensionGranted" : "extensionRefused", data: { extensionId: extension.id, date: cal.dates[extension.toIdx]!, time } });
  }
  const submissions: { id: string; atMs: number; decision: "accepted" | "returned" | null; decidedMs: number | null }[] = [];
  if (submitMs !== null) {
    let s = submitMs;
    const earlier: number[] = [];
    for (let k = 0; k < returns; k++) {
      s = s - r.int(1, 3) * DAY;
      earlier.unshift(s);
    }
    for (const e of earlier) if (e > createdMs) submissions.push({ id: nextId(), atMs: e, decision: "returned", decidedMs: e + r.int(2, 20) * HOUR });
    submissions.push({ id: nextId(), atMs: submitMs, decision: fate === "done" ? "accepted" : null, decidedMs });
  } else if (returns && status === "returned") {
    const s = Math.max(createdMs + HOUR, todayMs - r.int(2, 6) * DAY);
    if (s < todayMs - 2 * HOUR) submissions.push({ id: nextId(), atMs: s, decision: "returned", decidedMs: Math.min(s + r.int(2, 20) * HOUR, todayMs - HOUR) });
  }
  for (const s of submissions) {
    events.push({ atMs: s.atMs, actor: assignee, kind: "submitted", note: "Đã hoàn thành, gửi kèm kết quả.", data: { submissionId: s.id } });
    if (s.decision === "returned") events.push({ atMs: s.decidedMs!, actor: approver, kind: "returned", note: "Đề nghị bổ sung số liệu, chỉnh sửa thể thức." });
    if (s.decision === "accepted") events.push({ atMs: s.decidedMs!, actor: approver, kind: "approved", note: "Đạt yêu cầu." });
  }
  if (cancelMs) events.push({ atMs: cancelMs, actor: assigner, kind: "cancelled", note: "Không còn phù hợp, dừng thực hiện." });
  if (fate !== "draft" && r.chance(0.15)) events.push({ atMs: createdMs + Math.floor(r.next() * Math.max(HOUR, endMs - createdMs)), actor: r.pick([assigner, assignee]), kind: "comment", note: "Đề nghị quầy phối hợp cung cấp hồ sơ gốc." });
  events.sort((a, b) => a.atMs - b.atMs);
  const lastMs = Math.max(createdMs, ...events.filter((e) => e.atMs < todayMs).map((e) => e.atMs));
  const deadlineAt = fate === "draft" && r.chance(0.5) ? null : iso(dueMs);

  w.insert("tasks", {
    id,
    org_id: t.orgId,
    title,
    title_search: searchable(title),
    description: r.pick(DESCRIPTIONS),
    status,
    priority: r.chance(0.7) ? "normal" : r.pick(["low", "high", "high", "urgent"]),
    assigner_id: assigner.id,
    assignee_id: assignee.id,
    approver_id: approver.id,
    source_kind: source.kind,
    source_ref: source.ref(cal.dates[shape.startIdx]!, r),
    deliverable: r.pick(DELIVERABLES),
    start_date: cal.dates[shape.startIdx]!,
    deadline_date: deadlineAt ? cal.dates[deadlineIdx]! : null,
    deadline_time: deadlineAt ? time : null,
    deadline_at: deadlineAt,
    original_deadline_date: deadlineAt ? cal.dates[originalIdx]! : null,
    original_deadline_time: deadlineAt ? time : null,
    original_deadline_at: deadlineAt ? iso(deadlineMs(cal, originalIdx, time)) : null,
    plan_id: null,
    plan_item_id: null,
    progress: status === "done" ? 100 : progress,
    series_id: shape.series?.id ?? null,
    occurrence_key: shape.series?.key ?? null,
    assigned_at: fate === "draft" ? null : iso(createdMs),
    completed_at: decidedMs !== null && fate === "done" ? iso(decidedMs) : null,
    timeliness,
    timeliness_original: timeliness === null ? null : submitMs! > deadlineMs(cal, originalIdx, time) ? "late" : timeliness,
    return_count: submissions.filter((s) => s.decision === "returned").length,
    extension_count: extension?.status === "granted" ? 1 : 0,
    cancel_reason: cancelMs ? "Không còn phù hợp, dừng thực hiện." : null,
    version: 1 + events.length,
    created_at: iso(createdMs),
    updated_at: iso(lastMs),
    submitted_at: submitMs !== null && fate === "submitted" ? iso(submitMs) : null,
    missed_deadline_at: missedMs === null ? null : iso(missedMs),
  });
  if (coworker) w.insert("task_members", { task_id: id, org_id: t.orgId, membership_id: coworker.id, role: "coworker" });
  if (follower && follower.id !== assignee.id && follower.id !== coworker?.id) w.insert("task_members", { task_id: id, org_id: t.orgId, membership_id: follower.id, role: "follower" });
  for (const e of events) {
    if (e.atMs >= todayMs) continue;
    const eid = nextId();
    w.insert("task_events", { id: eid, org_id: t.orgId, task_id: id, actor_id: e.actor.id, kind: e.kind, progress: e.progress ?? null, note: e.note ?? "", data: JSON.stringify(e.data ?? {}), created_at: iso(e.atMs) });
    t.audit(e.actor, `task.${e.kind}`, "task", id, e.atMs);
  }
  for (const s of submissions) {
    w.insert("task_submissions", {
      id: s.id,
      org_id: t.orgId,
      task_id: id,
      submitted_by: assignee.id,
      text: "Đã hoàn thành, gửi kèm kết quả.",
      submitted_at: iso(s.atMs),
      decision: s.decision,
      decided_by: s.decision ? approver.id : null,
      decided_at: s.decision ? iso(s.decidedMs!) : null,
      decision_note: s.decision === "returned" ? "Đề nghị bổ sung số liệu, chỉnh sửa thể thức." : s.decision ? "Đạt yêu cầu." : "",
    });
  }
  if (extension) {
    w.insert("task_extensions", {
      id: extension.id,
      org_id: t.orgId,
      task_id: id,
      requested_by: assignee.id,
      from_deadline_date: cal.dates[originalIdx]!,
      from_deadline_time: time,
      requested_date: cal.dates[extension.toIdx]!,
      requested_time: time,
      reason: "Cần thêm thời gian phối hợp xác minh.",
      status: extension.status,
      decided_by: extension.status === "pending" ? null : approver.id,
      decided_at: extension.status === "pending" ? null : iso(extension.decidedMs),
      decision_note: "",
      created_at: iso(extension.askedMs),
    });
  }
  if (fate === "draft") return { id };

  // What the people on it were told, as the services and the reminders job write it.
  const deadlineText = formatDeadline(cal.dates[deadlineIdx]!, time);
  const params = { actor: assigner.name, title, deadline: deadlineText };
  t.notify(assignee.id, "taskAssigned", params, path, createdMs);
  if (coworker) t.notify(coworker.id, "taskInvolved", { ...params, role: "coworker" }, path, createdMs);
  if (follower && follower.id !== assignee.id) t.notify(follower.id, "taskInvolved", { ...params, role: "follower" }, path, createdMs);
  for (const e of events) {
    if (e.kind === "submitted") t.notify(approver.id, "taskSubmitted", { actor: assignee.name, title }, path, e.atMs);
    else if (e.kind === "returned") t.notify(assignee.id, "taskReturned", { actor: approver.name, title, note: e.note ?? "" }, path, e.atMs);
    else if (e.kind === "approved") t.notify(assignee.id, "taskApproved", { actor: approver.name, title }, path, e.atMs);
    else if (e.kind === "extensionRequested") t.notify(approver.id, "extensionRequested", { actor: assignee.name, title, date: formatDeadline(cal.dates[extension!.toIdx]!, time) }, path, e.atMs);
    else if (e.kind === "extensionGranted" || e.kind === "extensionRefused") t.notify(assignee.id, "extensionDecided", { actor: approver.name, title, decision: e.kind === "extensionGranted" ? "granted" : "refused" }, path, e.atMs);
  }
  // Deadline tomorrow: the morning before the deadline, while the task was still open.
  const closedMs = decidedMs ?? cancelMs ?? Infinity;
  const eve = deadlineIdx - 1;
  if (eve >= env.cal.firstIdx && t.at7(eve) > createdMs && t.at7(eve) < closedMs) t.notify(assignee.id, "deadlineTomorrow", { title, deadline: deadlineText }, path, t.at7(eve), `deadline:${id}:${cal.dates[eve]!}`);
  // Overdue: every morning while the result is owed after the deadline (and the evening a timed deadline passed).
  const owedUntil = submitMs ?? cancelMs ?? Infinity;
  const judgedIdx = missedMs ? originalIdx : deadlineIdx;
  if (time && judgedMs + MINUTE < owedUntil && judgedMs + MINUTE < todayMs) t.notify(assignee.id, "overdue", { title, deadline: deadlineText }, path, judgedMs + MINUTE, `overdue:${id}:${cal.dates[judgedIdx]!}`);
  for (let d = judgedIdx + 1; d < today; d++) {
    const m = t.at7(d);
    if (m >= owedUntil) break;
    if (m <= judgedMs) continue;
    t.notify(assignee.id, "overdue", { title, deadline: deadlineText }, path, m, `overdue:${id}:${cal.dates[d]!}`);
    t.overdueByDay.set(d, (t.overdueByDay.get(d) ?? 0) + 1);
  }
  return { id };
}

/** A recurring series: its occurrences for every period from a year ago up to yesterday's. */
function generateSeries(t: TaskEnv, freq: Frequency, offset: number, title: (key: string) => string) {
  const { cal, w } = t.env;
  const seriesId = nextId();
  const assignee = t.workers[t.workers.length - 1]!;
  let templateId: string | null = null;
  const yesterday = cal.dates[cal.todayIdx - 1]!;
  for (let p = periodOf(cal.dates[cal.firstIdx]!, freq); p.start <= yesterday; p = periodOf(addDays(p.end, 1), freq)) {
    const startIdx = cal.dates.indexOf(p.start);
    const due = addDays(p.start, offset) > p.end ? p.end : addDays(p.start, offset);
    const id = nextId();
    templateId ??= id;
    generateTask(t, { id, startIdx: Math.max(startIdx, cal.firstIdx), deadlineIdx: cal.dates.indexOf(due), title: title(p.key), assigner: t.leaders[0], assignee, series: { id: seriesId, key: p.key } });
  }
  if (templateId) w.insert("task_series", { id: seriesId, org_id: t.orgId, template_task_id: templateId, frequency: freq, deadline_offset_days: offset, active: 1, created_at: t.env.setupAt });
}
