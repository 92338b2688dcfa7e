/** Text helpers shared by import and checks: spacing, labels, ordinals, Chinese numerals, dates. */

const CJK =
  '\\u3000-\\u303f\\u3400-\\u9fff\\uf900-\\ufaff\\uff00-\\uffef\\u2014\\u2018-\\u201d\\u2026';

const SPACE_BEFORE_CJK = new RegExp(`[ \\t]+(?=[${CJK}])`, 'gu');
const SPACE_AFTER_CJK = new RegExp(`(?<=[${CJK}])[ \\t]+`, 'gu');

/**
 * Cleans a paragraph's text: all kinds of spaces become one ASCII space, and spaces next to
 * Chinese characters or punctuation go (Chinese is set without spaces; they are conversion
 * artefacts: "2020 年" → "2020年"). Spaces between Latin words stay.
 */
export function cleanText(text: string): string {
  return text
    .replace(/[\u00a0\u2000-\u200b\u3000\ufeff\t\r\n]+/gu, ' ')
    .replace(/ {2,}/g, ' ')
    .replace(SPACE_BEFORE_CJK, '')
    .replace(SPACE_AFTER_CJK, '')
    .trim();
}

/** Removes every kind of whitespace. */
export function compact(text: string): string {
  return text.replace(/[\s\u00a0\u200b\u3000\ufeff]+/gu, '');
}

/** Leading ordinals: "一、" "（一）" "(1)" "1." "1、" "1．" "①". */
const ORDINAL =
  /^\s*(?:[一二三四五六七八九十]+\s*[、.．，,]|[（(]\s*[一二三四五六七八九十\d]+\s*[)）]|\d+\s*[.．、](?!\d)|[①-⑳])\s*/u;

export function stripOrdinal(text: string): string {
  return text.replace(ORDINAL, '');
}

/** The heading level an ordinal implies: 一、→1, （一）→2, 1.→3, （1）→4; 0 for none. */
export function ordinalLevel(text: string): 0 | 1 | 2 | 3 | 4 {
  const t = text.trimStart();
  if (/^[一二三四五六七八九十]+\s*[、.．]/u.test(t)) return 1;
  if (/^[（(]\s*[一二三四五六七八九十]+\s*[)）]/u.test(t)) return 2;
  if (/^\d+\s*[.．、](?!\d)/u.test(t)) return 3;
  if (/^[（(]\s*\d+\s*[)）]/u.test(t)) return 4;
  return 0;
}

/** The leading Chinese ordinal of a level-1 heading ("三、…" → "三"), if any. */
export function leadingChineseOrdinal(text: string): string | null {
  const m = /^\s*([一二三四五六七八九十]+)\s*[、.．，,]/u.exec(text);
  return m ? m[1]! : null;
}

/**
 * A label reduced for comparison: NFKC, no whitespace, no ordinal, no punctuation or quotes.
 * "（二）部分公开（区分处理的…）" and "(二)部分公开(区分处理的…)" reduce alike.
 */
export function labelKey(text: string): string {
  return stripOrdinal(text.normalize('NFKC'))
    .replace(/[\s\u00a0\u3000]+/gu, '')
    .replace(/[()（）[\]【】〔〕“”"'‘’、，,.．:：;；·/／\-—_*#]/gu, '');
}

const CN_DIGITS: Record<string, number> = {
  〇: 0,
  零: 0,
  O: 0,
  o: 0,
  一: 1,
  二: 2,
  两: 2,
  三: 3,
  四: 4,
  五: 5,
  六: 6,
  七: 7,
  八: 8,
  九: 9,
};

/** "二〇二一" → 2021 (digit by digit). */
export function chineseDigitsToNumber(text: string): number | null {
  let n = 0;
  for (const ch of text) {
    const d = CN_DIGITS[ch];
    if (d === undefined) return null;
    n = n * 10 + d;
  }
  return text.length ? n : null;
}

/** "二十七" → 27, "十" → 10, "三十一" → 31, "九" → 9 (values below 100). */
export function chineseSmallNumber(text: string): number | null {
  if (/^\d+$/.test(text)) return Number(text);
  const m = /^([一二两三四五六七八九])?(十)?([一二三四五六七八九])?$/u.exec(text);
  if (!m || text === '') return null;
  const [, tens, ten, ones] = m;
  if (!ten) return tens && !ones ? CN_DIGITS[tens]! : null;
  return (tens ? CN_DIGITS[tens]! : 1) * 10 + (ones ? CN_DIGITS[ones]! : 0);
}

export interface DateParts {
  readonly year: number;
  readonly month: number;
  /** Absent when only year and month are written. */
  readonly day?: number;
  /** The text as found. */
  readonly text: string;
}

const CN_YEAR = '[〇零一二三四五六七八九Oo]{4}';
const CN_SMALL = '[一二三四五六七八九十]{1,3}';
const DATE_PATTERNS: readonly RegExp[] = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u,
  new RegExp(`(${CN_YEAR})\\s*年\\s*(${CN_SMALL})\\s*月\\s*(${CN_SMALL})\\s*日`, 'u'),
  /(?<!\d)(\d{4})\s*[-./]\s*(\d{1,2})\s*[-./]\s*(\d{1,2})(?!\d)/u,
];
const MONTH_PATTERNS: readonly RegExp[] = [
  /(\d{4})\s*年\s*(\d{1,2})\s*月(?!\s*\d)/u,
  new RegExp(`(${CN_YEAR})\\s*年\\s*(${CN_SMALL})\\s*月(?!\\s*[一二三四五六七八九十])`, 'u'),
];

function toNumber(text: string): number | null {
  return /^\d+$/.test(text)
    ? Number(text)
    : (chineseDigitsToNumber(text) ?? chineseSmallNumber(text));
}

/** Finds the first date in a text: a full date, or else a year and month. */
export function findDate(text: string): DateParts | null {
  for (const re of DATE_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const [year, month, day] = [m[1]!, m[2]!, m[3]!].map(toNumber);
      if (year !== null && year !== undefined && month != null && day != null) {
        return { year, month, day, text: m[0] };
      }
    }
  }
  for (const re of MONTH_PATTERNS) {
    const m = re.exec(text);
    if (m) {
      const year = toNumber(m[1]!);
      const month = toNumber(m[2]!);
      if (year !== null && month !== null) return { year, month, text: m[0] };
    }
  }
  return null;
}

/** Whether year-month-day is a date that exists. */
export function isRealDate(year: number, month: number, day: number): boolean {
  if (month < 1 || month > 12 || day < 1) return false;
  const leap = (year % 4 === 0 && year % 100 !== 0) || year % 400 === 0;
  const days = [31, leap ? 29 : 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31][month - 1]!;
  return day <= days;
}

/** A day of the year written "M-D" or "MM-DD" (a deadline) as "MM-DD", or undefined. */
export function parseMonthDay(text: string | undefined): string | undefined {
  const m = text ? /^\s*(\d{1,2})-(\d{1,2})\s*$/u.exec(text) : null;
  if (!m || !isRealDate(2024, Number(m[1]), Number(m[2]))) return undefined;
  return `${m[1]!.padStart(2, '0')}-${m[2]!.padStart(2, '0')}`;
}

const YEAR_MENTION = new RegExp(`(?<!\\d)(\\d{4}|${CN_YEAR})(?=\\s*年)`, 'gu');

/** Years written in a text ("2021年", "二〇二一年"), with their positions. */
export function findYears(text: string): { year: number; index: number; length: number }[] {
  const out: { year: number; index: number; length: number }[] = [];
  for (const m of text.matchAll(YEAR_MENTION)) {
    const year = toNumber(m[1]!);
    if (year !== null && year >= 1949 && year <= 2100) {
      out.push({ year, index: m.index, length: m[1]!.length });
    }
  }
  return out;
}

/** Display width for aligned terminal tables: CJK characters take two columns. */
export function displayWidth(text: string): number {
  let w = 0;
  for (const ch of text)
    w +=
      /[\u1100-\u115f\u2e80-\ua4cf\uac00-\ud7a3\uf900-\ufaff\ufe30-\ufe4f\uff00-\uff60\uffe0-\uffe6]/u.test(
        ch,
      )
        ? 2
        : 1;
  return w;
}

const TITLE_CORE = '政府信息公开工作年度报告';

/**
 * The unit a title names: what stands before the year or the words 政府信息公开
 * ("沂源县行政审批服务局2020年…" → "沂源县行政审批服务局"; "政府信息公开工作年度报告（2021年）" → "").
 */
export function unitFromTitle(title: string): string {
  const t = compact(title).replace(/^关于/u, '');
  const stops = [
    t.search(/(?:\d{4}|[〇零一二三四五六七八九]{4})年/u),
    t.indexOf(TITLE_CORE),
    t.indexOf('政府信息公开'),
  ];
  const end = Math.min(...stops.filter((i) => i >= 0), t.length);
  const before = t.slice(0, end).replace(/[（(【[《“"'‘\s]+$/u, '');
  if (before) return isTitleWords(before) ? '' : before;
  // "2021年沂源县…政府信息公开工作年度报告": the unit stands between the year and the core words
  const lead = /^(?:\d{4}|[〇零一二三四五六七八九]{4})年度?(.+?)(?:政府信息公开|$)/u.exec(t);
  return lead?.[1] && !isTitleWords(lead[1]) ? lead[1] : '';
}

/**
 * Whether a text is (part of) the standard title words rather than a unit's name: the tail of a
 * title broken across lines ("信息公开工作年度报告"), or anything naming the report itself.
 */
function isTitleWords(text: string): boolean {
  return (
    TITLE_CORE.includes(text) ||
    /报告|年报|信息公开/u.test(text) ||
    /^(?:工作|年度|公开)/u.test(text)
  );
}
