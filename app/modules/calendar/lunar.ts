/**
 * Vietnamese lunisolar calendar (âm lịch), computed at UTC+7 from astronomical formulas.
 *
 * Sources of the formulas: Jean Meeus, *Astronomical Algorithms* (2nd ed.):
 * ch. 7 (Julian day), ch. 25 (solar coordinates, low accuracy), ch. 49 (phases of the Moon);
 * ΔT from the Espenak & Meeus polynomial fits (NASA eclipse pages).
 *
 * Rules:
 * - a month begins on the local (UTC+7) day of the astronomical new moon;
 * - month 11 is the month containing the winter solstice (sun at 270°);
 * - when 13 months lie between two consecutive month-11 starts, the first month after month 11
 *   in which the sun enters no major solar term (a multiple of 30°) is the leap month and takes
 *   the number of the month before it.
 */

export type LunarDate = { day: number; month: number; year: number; leap: boolean };

const TZ_DAYS = 7 / 24;
const SYNODIC_MONTH = 29.530588861;
const DEG = Math.PI / 180;
const ISO_RE = /^(\d{4})-(\d{2})-(\d{2})$/;

// ---------- Julian day numbers (proleptic Gregorian) ----------

/** Julian day number of the civil day y-m-d (the day that starts at local midnight). */
function jdnFromYmd(y: number, m: number, d: number): number {
  const a = Math.floor((14 - m) / 12);
  const yy = y + 4800 - a;
  const mm = m + 12 * a - 3;
  return (
    d +
    Math.floor((153 * mm + 2) / 5) +
    365 * yy +
    Math.floor(yy / 4) -
    Math.floor(yy / 100) +
    Math.floor(yy / 400) -
    32045
  );
}

/** Inverse of jdnFromYmd. */
function ymdFromJdn(jdn: number): [number, number, number] {
  const a = jdn + 32044;
  const b = Math.floor((4 * a + 3) / 146097);
  const c = a - Math.floor((146097 * b) / 4);
  const d = Math.floor((4 * c + 3) / 1461);
  const e = c - Math.floor((1461 * d) / 4);
  const m = Math.floor((5 * e + 2) / 153);
  const day = e - Math.floor((153 * m + 2) / 5) + 1;
  const month = m + 3 - 12 * Math.floor(m / 10);
  const year = 100 * b + d - 4800 + Math.floor(m / 10);
  return [year, month, day];
}

const pad = (n: number, w: number): string => String(n).padStart(w, "0");

/** Parse a strict 'YYYY-MM-DD' date into a Julian day number; throws RangeError if invalid. */
export function isoToJdn(iso: string): number {
  const m = ISO_RE.exec(iso);
  if (!m) throw new RangeError(`Invalid ISO date: ${iso}`);
  const y = Number(m[1]);
  const mo = Number(m[2]);
  const d = Number(m[3]);
  const jdn = jdnFromYmd(y, mo, d);
  const [y2, mo2, d2] = ymdFromJdn(jdn);
  if (y2 !== y || mo2 !== mo || d2 !== d) throw new RangeError(`Invalid ISO date: ${iso}`);
  return jdn;
}

export function jdnToIso(jdn: number): string {
  const [y, m, d] = ymdFromJdn(jdn);
  return `${pad(y, 4)}-${pad(m, 2)}-${pad(d, 2)}`;
}

// ---------- Astronomy ----------

/** ΔT = TT − UT in seconds for a decimal year (Espenak & Meeus polynomials). */
function deltaT(year: number): number {
  const y = year;
  if (y < 1800 || y >= 2150) {
    const u = (y - 1820) / 100;
    return -20 + 32 * u * u;
  }
  if (y < 1860) {
    const t = y - 1800;
    return (
      13.72 -
      0.332447 * t +
      0.0068612 * t ** 2 +
      0.0041116 * t ** 3 -
      0.00037436 * t ** 4 +
      0.0000121272 * t ** 5 -
      0.0000001699 * t ** 6 +
      0.000000000875 * t ** 7
    );
  }
  if (y < 1900) {
    const t = y - 1860;
    return (
      7.62 + 0.5737 * t - 0.251754 * t ** 2 + 0.01680668 * t ** 3 - 0.0004473624 * t ** 4 + t ** 5 / 233174
    );
  }
  if (y < 1920) {
    const t = y - 1900;
    return -2.79 + 1.494119 * t - 0.0598939 * t ** 2 + 0.0061966 * t ** 3 - 0.000197 * t ** 4;
  }
  if (y < 1941) {
    const t = y - 1920;
    return 21.2 + 0.84493 * t - 0.0761 * t ** 2 + 0.0020936 * t ** 3;
  }
  if (y < 1961) {
    const t = y - 1950;
    return 29.07 + 0.407 * t - t ** 2 / 233 + t ** 3 / 2547;
  }
  if (y < 1986) {
    const t = y - 1975;
    return 45.45 + 1.067 * t - t ** 2 / 260 - t ** 3 / 718;
  }
  if (y < 2005) {
    const t = y - 2000;
    return (
      63.86 +
      0.3345 * t -
      0.060374 * t ** 2 +
      0.0017275 * t ** 3 +
      0.000651814 * t ** 4 +
      0.00002373599 * t ** 5
    );
  }
  if (y < 2050) {
    const t = y - 2000;
    return 62.92 + 0.32217 * t + 0.005589 * t ** 2;
  }
  const u = (y - 1820) / 100;
  return -20 + 32 * u * u - 0.5628 * (2150 - y);
}

/** ΔT in days at a given Julian day. */
const deltaTDays = (jd: number): number => deltaT(2000 + (jd - 2451545) / 365.25) / 86400;

const sinD = (deg: number): number => Math.sin(deg * DEG);

/** Periodic terms of a true new moon: [coefficient, power of E, M, M', F, Ω multipliers]. */
const NEW_MOON_TERMS: ReadonlyArray<readonly [number, number, number, number, number, number]> = [
  [-0.4072, 0, 0, 1, 0, 0],
  [0.17241, 1, 1, 0, 0, 0],
  [0.01608, 0, 0, 2, 0, 0],
  [0.01039, 0, 0, 0, 2, 0],
  [0.00739, 1, -1, 1, 0, 0],
  [-0.00514, 1, 1, 1, 0, 0],
  [0.00208, 2, 2, 0, 0, 0],
  [-0.00111, 0, 0, 1, -2, 0],
  [-0.00057, 0, 0, 1, 2, 0],
  [0.00056, 1, 1, 2, 0, 0],
  [-0.00042, 0, 0, 3, 0, 0],
  [0.00042, 1, 1, 0, 2, 0],
  [0.00038, 1, 1, 0, -2, 0],
  [-0.00024, 1, -1, 2, 0, 0],
  [-0.00017, 0, 0, 0, 0, 1],
  [-0.00007, 0, 2, 1, 0, 0],
  [0.00004, 0, 0, 2, -2, 0],
  [0.00004, 0, 3, 0, 0, 0],
  [0.00003, 0, 1, 1, -2, 0],
  [0.00003, 0, 0, 2, 2, 0],
  [-0.00003, 0, 1, 1, 2, 0],
  [0.00003, 0, -1, 1, 2, 0],
  [-0.00002, 0, -1, 1, -2, 0],
  [-0.00002, 0, 1, 3, 0, 0],
  [0.00002, 0, 0, 4, 0, 0],
];

/** Planetary arguments A1..A14: [coefficient, constant, rate per lunation]. */
const PLANETARY_TERMS: ReadonlyArray<readonly [number, number, number]> = [
  [0.000325, 299.77, 0.107408], // A1 also has −0.009173 T², added below
  [0.000165, 251.88, 0.016321],
  [0.000164, 251.83, 26.651886],
  [0.000126, 349.42, 36.412478],
  [0.00011, 84.66, 18.206239],
  [0.000062, 141.74, 53.303771],
  [0.00006, 207.14, 2.453732],
  [0.000056, 154.84, 7.30686],
  [0.000047, 34.52, 27.261239],
  [0.000042, 207.19, 0.121824],
  [0.00004, 291.34, 1.844379],
  [0.000037, 161.72, 24.198154],
  [0.000035, 239.56, 25.513099],
  [0.000023, 331.55, 3.592518],
];

/** Julian Ephemeris Day (TT) of the true new moon number k (k = 0: 2000-01-06), Meeus ch. 49. */
export function newMoonJde(k: number): number {
  const t = k / 1236.85;
  const t2 = t * t;
  const t3 = t2 * t;
  const t4 = t3 * t;
  let jde = 2451550.09766 + SYNODIC_MONTH * k + 0.00015437 * t2 - 0.00000015 * t3 + 0.00000000073 * t4;
  const e = 1 - 0.002516 * t - 0.0000074 * t2;
  const m = 2.5534 + 29.1053567 * k - 0.0000014 * t2 - 0.00000011 * t3;
  const mp = 201.5643 + 385.81693528 * k + 0.0107582 * t2 + 0.00001238 * t3 - 0.000000058 * t4;
  const f = 160.7108 + 390.67050284 * k - 0.0016118 * t2 - 0.00000227 * t3 + 0.000000011 * t4;
  const om = 124.7746 - 1.56375588 * k + 0.0020672 * t2 + 0.00000215 * t3;
  for (const [c, ePow, cm, cmp, cf, com] of NEW_MOON_TERMS) {
    jde += c * e ** ePow * sinD(cm * m + cmp * mp + cf * f + com * om);
  }
  PLANETARY_TERMS.forEach(([c, a0, rate], i) => {
    jde += c * sinD(a0 + rate * k + (i === 0 ? -0.009173 * t2 : 0));
  });
  return jde;
}

/** Local (UTC+7) Julian day number of the day containing new moon k. */
function newMoonDay(k: number): number {
  const jde = newMoonJde(k);
  return Math.floor(jde - deltaTDays(jde) + 0.5 + TZ_DAYS);
}

/** Apparent geocentric longitude of the Sun in degrees [0, 360) at Julian day jd (UT), Meeus ch. 25. */
export function sunLongitude(jdUt: number): number {
  const t = (jdUt + deltaTDays(jdUt) - 2451545) / 36525;
  const l0 = 280.46646 + 36000.76983 * t + 0.0003032 * t * t;
  const m = 357.52911 + 35999.05029 * t - 0.0001537 * t * t;
  const c =
    (1.914602 - 0.004817 * t - 0.000014 * t * t) * sinD(m) +
    (0.019993 - 0.000101 * t) * sinD(2 * m) +
    0.000289 * sinD(3 * m);
  const om = 125.04 - 1934.136 * t;
  const lambda = l0 + c - 0.00569 - 0.00478 * sinD(om);
  return ((lambda % 360) + 360) % 360;
}

/** Major solar term sector (0..11, i.e. floor(longitude / 30)) at the local midnight starting day jdn. */
function sectorAtDayStart(jdn: number): number {
  return Math.floor(sunLongitude(jdn - 0.5 - TZ_DAYS) / 30);
}

/** Local day number of the December solstice of Gregorian year y. */
function winterSolsticeDay(y: number): number {
  let jd = jdnFromYmd(y, 12, 21);
  for (let i = 0; i < 20; i++) {
    const diff = ((270 - sunLongitude(jd) + 540) % 360) - 180;
    jd += (diff * 365.2422) / 360;
    if (Math.abs(diff) < 1e-7) break;
  }
  return Math.floor(jd + 0.5 + TZ_DAYS);
}

/** Lunation number k of the new moon that starts the local day-range containing jdn. */
function lunationContaining(jdn: number): number {
  let k = Math.floor((jdn - 2451550.1) / SYNODIC_MONTH);
  while (newMoonDay(k) > jdn) k--;
  while (newMoonDay(k + 1) <= jdn) k++;
  return k;
}

// ---------- Calendar structure ----------

type LunarMonth = { start: number; length: number; month: number; year: number; leap: boolean };

const month11Cache = new Map<number, number>();
const cycleCache = new Map<number, LunarMonth[]>();

/** Lunation number of month 11 of lunar year y (the month containing the solstice of December y). */
function month11Lunation(y: number): number {
  let k = month11Cache.get(y);
  if (k === undefined) {
    k = lunationContaining(winterSolsticeDay(y));
    month11Cache.set(y, k);
  }
  return k;
}

/**
 * The months from month 11 of lunar year y0 up to (not including) month 11 of lunar year y0 + 1:
 * months 11 and 12 of y0, then months 1..10 of y0 + 1, with a leap month when there are 13.
 */
function cycle(y0: number): LunarMonth[] {
  const cached = cycleCache.get(y0);
  if (cached) return cached;
  const kA = month11Lunation(y0);
  const n = month11Lunation(y0 + 1) - kA;
  const starts: number[] = [];
  for (let i = 0; i <= n; i++) starts.push(newMoonDay(kA + i));
  let leapIdx = -1;
  if (n === 13) {
    for (let i = 1; i < n; i++) {
      if (sectorAtDayStart(starts[i]) === sectorAtDayStart(starts[i + 1])) {
        leapIdx = i;
        break;
      }
    }
  }
  const months: LunarMonth[] = [];
  let year = y0;
  for (let i = 0; i < n; i++) {
    const leap = i === leapIdx;
    const shift = leapIdx >= 0 && i >= leapIdx ? 1 : 0;
    const month = ((10 + i - shift) % 12) + 1;
    if (month === 1 && !leap) year = y0 + 1;
    months.push({ start: starts[i], length: starts[i + 1] - starts[i], month, year, leap });
  }
  cycleCache.set(y0, months);
  return months;
}

/** Local day number on which month 11 of lunar year y begins. */
function month11Start(y: number): number {
  return cycle(y)[0].start;
}

// ---------- Public API ----------

/** Convert a solar date 'YYYY-MM-DD' to the Vietnamese lunar date. */
export function solarToLunar(isoDate: string): LunarDate {
  const jdn = isoToJdn(isoDate);
  const [y] = ymdFromJdn(jdn);
  const y0 = jdn >= month11Start(y) ? y : y - 1;
  for (const m of cycle(y0)) {
    if (jdn >= m.start && jdn < m.start + m.length) {
      return { day: jdn - m.start + 1, month: m.month, year: m.year, leap: m.leap };
    }
  }
  // Unreachable: a cycle covers every day between two month-11 starts.
  throw new RangeError(`Cannot convert ${isoDate}`);
}

/** Convert a lunar date to the solar date 'YYYY-MM-DD'; throws RangeError if it does not exist. */
export function lunarToSolar(l: LunarDate): string {
  const { day, month, year, leap } = l;
  if (![day, month, year].every(Number.isInteger) || month < 1 || month > 12 || day < 1 || day > 30) {
    throw new RangeError(`Invalid lunar date: ${JSON.stringify(l)}`);
  }
  const y0 = month >= 11 ? year : year - 1;
  const m = cycle(y0).find((x) => x.month === month && x.leap === leap && x.year === year);
  if (!m || day > m.length) throw new RangeError(`Lunar date does not exist: ${JSON.stringify(l)}`);
  return jdnToIso(m.start + day - 1);
}

/** Number of days (29 or 30) in a lunar month; throws RangeError if the month does not exist. */
export function lunarMonthLength(year: number, month: number, leap = false): number {
  const y0 = month >= 11 ? year : year - 1;
  const m = cycle(y0).find((x) => x.month === month && x.leap === leap && x.year === year);
  if (!m) throw new RangeError(`Lunar month does not exist: ${month}${leap ? " (leap)" : ""}/${year}`);
  return m.length;
}

/** The leap month of a lunar year (1..12), or 0 if the year has none. */
export function leapMonthOf(year: number): number {
  const all = [...cycle(year - 1), ...cycle(year)];
  return all.find((m) => m.leap && m.year === year)?.month ?? 0;
}

const CAN = ["Giáp", "Ất", "Bính", "Đinh", "Mậu", "Kỷ", "Canh", "Tân", "Nhâm", "Quý"] as const;
const CHI = ["Tý", "Sửu", "Dần", "Mão", "Thìn", "Tỵ", "Ngọ", "Mùi", "Thân", "Dậu", "Tuất", "Hợi"] as const;

/** Vietnamese sexagenary (can chi) name of a lunar year, e.g. 2026 → "Bính Ngọ". */
export function lunarYearName(year: number): string {
  const can = CAN[(((year + 6) % 10) + 10) % 10];
  const chi = CHI[(((year + 8) % 12) + 12) % 12];
  return `${can} ${chi}`;
}
