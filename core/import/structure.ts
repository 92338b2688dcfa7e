/**
 * From a neutral document (paragraphs and tables) to a report: the title, the 导语, the six
 * sections found by ordinal and key terms, the tables recognised by label, and the 落款. Web
 * page furniture (breadcrumbs, publishing metadata, print/close links) around the report is
 * left out; nothing inside the report is dropped.
 */
import {
  FIRST_STRUCTURED_YEAR,
  SECTION_IDS,
  formatForYear,
  sectionDef,
  type FormatVersion,
  type SectionId,
  type TableId,
} from '../formats';
import {
  APP_ID,
  ReportFileError,
  SCHEMA_VERSION,
  unitIdFor,
  type Paragraph,
  type Report,
  type Section,
  type UnitKind,
} from '../model';
import { cleanText, compact, findDate, findYears, ordinalLevel, unitFromTitle } from '../text';
import type { DocBlock, GridCell } from './doc';
import { matchSectionHeading, type HeadingMatch } from './headings';
import { tableLineFlags } from './material';
import { cutRunOn } from './runon';
import { classifyLines, detectFormat, gridLines, readTable, textLines, type Line } from './tables';

export type SourceType = NonNullable<Report['source']>['type'];

export interface ImportOptions {
  /** The file name, kept as the report's source. */
  readonly fileName?: string;
  /** The report year, when the document does not say it clearly. */
  readonly year?: number;
  /** The unit's name, overriding what the document says. */
  readonly unitName?: string;
  readonly unitId?: string;
  readonly unitKind?: UnitKind | null;
}

/** Paragraphs that belong to a web page around the report, not to the report. */
const CHROME: readonly RegExp[] = [
  /^(?:当前位置|您的位置|您现在的位置|位置)[:：]/u,
  /^(?:首页|网站首页|主页)\s*(?:[>›»/|]|$)/u,
  /\s[>›»]\s/u,
  /(?:发布时间|发布日期|发文日期|信息来源|来源|浏览次数|访问次数|点击数|阅读次数|阅读量|作者|责任编辑|编辑|审核|校对)[:：]/u,
  /^【?\s*(?:打印|关闭|收藏|分享|返回)/u,
  /(?:打印本页|关闭窗口|返回顶部|加入收藏)/u,
  /字号[:：]?\s*[大中小]|【\s*大\s*中\s*小\s*】/u,
  /^(?:索引号|发布机构|组配分类|主题分类|体裁分类|信息分类|文号|发文字号|成文日期|生成日期|公开方式|公开范围|公开时限|有效性|标题|名称)[:：]/u,
  /^扫一扫|^(?:上一篇|下一篇)[:：]?/u,
];

function isChrome(text: string): boolean {
  return CHROME.some((re) => re.test(text));
}

const TERMINAL = /(?:[。！？；：!?;:…]|[。！？][”’）)」』])$/u;
const LIST_START = /^[①-⑳⑴-⒇❶-❿]/u;

function isDateOnly(text: string): boolean {
  const date = findDate(text);
  return (
    date !== null && date.day !== undefined && compact(text).length <= compact(date.text).length + 2
  );
}

function headingLike(text: string): boolean {
  return compact(text).length <= 40 && !/[。；]./u.test(text);
}

/**
 * Paragraph texts → model paragraphs: lines broken by conversion (a long line without closing
 * punctuation followed by one that does not start a new item) are joined; levels come from
 * ordinals on heading-like lines.
 */
export function toParagraphs(texts: readonly string[]): Paragraph[] {
  // Paragraphs are gathered as lists of lines and joined once at the end: a file of thousands
  // of unpunctuated lines must not make the joining quadratic.
  const out: { level: Paragraph['level']; parts: string[]; length: number }[] = [];
  for (const raw of texts) {
    const text = cleanText(raw);
    if (!text) continue;
    const prev = out[out.length - 1];
    const level = ordinalLevel(text);
    const startsItem = level > 0 || LIST_START.test(text) || isDateOnly(text);
    const prevText = prev?.parts[prev.parts.length - 1] ?? '';
    if (
      prev &&
      prev.level === 0 &&
      !startsItem &&
      !TERMINAL.test(prevText.slice(-2)) &&
      prev.length >= 15
    ) {
      // both parts are clean and trimmed: only Latin words need a space between them
      if (/[A-Za-z0-9]/u.test(prevText.slice(-1)) && /^[A-Za-z0-9]/u.test(text))
        prev.parts.push(' ');
      prev.parts.push(text);
      prev.length += compact(text).length;
      continue;
    }
    const own = level > 0 && headingLike(text) ? level : 0;
    out.push({ level: own, parts: [text], length: compact(text).length });
  }
  return out.map((p) => ({ level: p.level, text: p.parts.join('') }));
}

/** A paragraph (clean text, and the line as written for the table reader), a blank line, a table. */
type Item =
  | { kind: 'p'; text: string; raw: string }
  | { kind: 'blank'; raw: string }
  | Extract<DocBlock, { kind: 'table' }>;

function tableToText(rows: readonly (readonly GridCell[])[]): string[] {
  return rows
    .map((r) =>
      r
        .filter((c) => !c.spanned)
        .map((c) => cleanText(c.text))
        .filter(Boolean)
        .join(' '),
    )
    .filter(Boolean);
}

/** Title: the last short line ending in 报告 before the sections, joined with a line cut off above it. */
function findTitle(paras: readonly string[]): { title: string; end: number } | null {
  let t = -1;
  for (let i = paras.length - 1; i >= 0; i--) {
    const p = compact(paras[i]!);
    if (p.length <= 60 && !p.includes('。') && /报告$|年度报告/u.test(p)) {
      t = i;
      break;
    }
  }
  if (t < 0) return null;
  let title = cleanText(paras[t]!);
  let start = t;
  while (
    start > 0 &&
    (findYears(title).length === 0 || unitFromTitle(title) === '') &&
    // a long unit name ("沂源县人民政府办公室（沂源县人民政府研究室、县大数据中心）") can fill the
    // first line of a title on its own
    compact(paras[start - 1]!).length <= 50 &&
    !/[。，；：,;:]/u.test(paras[start - 1]!) &&
    !compact(paras[start - 1]!).includes('报告') &&
    compact(paras[start - 1]! + title).length <= 80
  ) {
    start--;
    title = cleanText(paras[start]! + title);
  }
  return { title, end: t };
}

const UNIT_SUFFIX =
  /(?:局|委|委员会|办|办公室|政府|中心|院|会|处|厅|部|所|站|队|办事处|街道|镇|乡|公司|集团|社|馆|室|署|分局|支队|大队|管委会)$/u;

/** A short line without sentence punctuation or ordinal: a name, not a sentence. */
function isShortLine(text: string): boolean {
  const t = compact(text);
  return t.length >= 2 && t.length <= 40 && !/[。，；：,;:！？]/u.test(t) && ordinalLevel(t) === 0;
}

function looksLikeUnit(text: string): boolean {
  return isShortLine(text) && UNIT_SUFFIX.test(compact(text));
}

/** The line above the 落款 date: the unit's name (anything short but a placeholder). */
function looksLikeUnitLine(text: string): boolean {
  return isShortLine(text) && !/^(?:无|暂无)$/u.test(compact(text));
}

function yearOf(
  title: string,
  opening: readonly Paragraph[],
  date: string,
  given?: number,
): number | null {
  if (given) return given;
  const fromTitle = findYears(title)[0]?.year;
  if (fromTitle) return fromTitle;
  const counts = new Map<number, number>();
  for (const p of opening)
    for (const y of findYears(p.text)) counts.set(y.year, (counts.get(y.year) ?? 0) + 1);
  const best = [...counts].sort((a, b) => b[1] - a[1])[0];
  if (best) return best[0];
  const d = findDate(date);
  return d ? d.year - 1 : null;
}

export interface ImportResult {
  readonly report: Report;
}

function toItems(blocks: readonly DocBlock[]): Item[] {
  const items: Item[] = [];
  for (const b of blocks) {
    if (b.kind === 'layout') {
      // lines of text placed in columns (a PDF without ruling lines): the runs of a line kept
      // apart by wide spaces, as text laid out with spaces is, for the table reader
      items.push(
        ...toItems(b.lines.map((l) => ({ kind: 'p', text: l.map((x) => x.text).join('    ') }))),
      );
      continue;
    }
    if (b.kind !== 'p') {
      items.push(b);
      continue;
    }
    const text = cleanText(b.text);
    if (text) items.push({ kind: 'p', text, raw: b.text });
    else items.push({ kind: 'blank', raw: b.text });
  }
  return items;
}

function findHeadings(items: readonly Item[]): { index: number; match: HeadingMatch }[] {
  const headings: { index: number; match: HeadingMatch }[] = [];
  let last = -1;
  for (const [index, item] of items.entries()) {
    if (item.kind !== 'p') continue;
    const m = matchSectionHeading(item.text);
    if (!m) continue;
    const n = SECTION_IDS.indexOf(m.id);
    if (n <= last) continue;
    headings.push({ index, match: m });
    last = n;
  }
  return headings;
}

/** Lines that run a report together are cut at its headings (see runon.ts). */
function cutItems(items: readonly Item[]): Item[] {
  const texts = items.flatMap((it) => (it.kind === 'table' ? [] : [it.raw]));
  const cut = cutRunOn(texts, (t) => matchSectionHeading(cleanText(t)) !== null);
  if (!cut) return [...items];
  const out: Item[] = [];
  let line = 0;
  for (const it of items) {
    if (it.kind === 'table') out.push(it);
    else out.push(...toItems(cut[line++]!.map((text) => ({ kind: 'p', text }))));
  }
  return out;
}

export function blocksToReport(
  blocks: readonly DocBlock[],
  type: SourceType,
  options: ImportOptions = {},
): ImportResult {
  const items = cutItems(toItems(blocks));

  // 1. Section headings, in order.
  const headings = findHeadings(items);
  const gridIds = items.map((it) =>
    it.kind === 'table' ? classifyLines(gridLines(it.rows, 0)) : null,
  );
  // one heading is enough when a table of the report follows it (an excerpt: "三、…" and T3)
  const tableAfter = (at: number) =>
    gridIds.some(Boolean) ||
    classifyLines(
      textLines(
        items.slice(at + 1).flatMap((it) => (it.kind === 'p' ? [it.text] : [])),
        0,
      ),
    ) !== null;
  if (headings.length < 2 && !(headings.length === 1 && tableAfter(headings[0]!.index))) {
    throw new ReportFileError(
      '文件中没有找到政府信息公开工作年度报告的内容（如“一、总体情况”“二、主动公开政府信息情况”等部分）。请确认选择的是年度报告文件。',
    );
  }

  // 2. Title and 导语: before the first heading, web page furniture left out.
  const firstHeading = headings[0]!.index;
  const before = items
    .slice(0, firstHeading)
    .filter((it): it is Extract<Item, { kind: 'p' }> => it.kind === 'p' && !isChrome(it.text))
    .map((it) => it.text);
  const titleFound = findTitle(before);
  const title = titleFound?.title ?? '';
  const opening = toParagraphs(titleFound ? before.slice(titleFound.end + 1) : before);

  // 3. The 落款: a date-only line after the last heading, and the unit line just above it.
  const lastHeading = headings[headings.length - 1]!.index;
  let end = items.length; // sections end before this index
  let signatureUnit = '';
  let signatureDate = '';
  const prevText = (i: number): { index: number; text: string } | null => {
    for (let j = i - 1; j > lastHeading; j--) {
      const it = items[j]!;
      if (it.kind === 'p') return { index: j, text: it.text };
      if (it.kind === 'table') return null;
    }
    return null;
  };
  for (let i = lastHeading + 1; i < items.length; i++) {
    const it = items[i]!;
    if (it.kind !== 'p') continue;
    const date = findDate(it.text);
    if (!date) continue;
    const prefix = compact(it.text.slice(0, it.text.indexOf(date.text)));
    if (isDateOnly(it.text)) {
      signatureDate = cleanText(it.text);
      end = i;
      const prev = prevText(i);
      if (prev && looksLikeUnitLine(prev.text)) {
        signatureUnit = prev.text;
        end = prev.index;
      }
      break;
    }
    if (
      prefix &&
      looksLikeUnit(prefix) &&
      compact(it.text).length <= prefix.length + compact(date.text).length + 2
    ) {
      signatureUnit = prefix;
      signatureDate = cleanText(date.text);
      end = i;
      break;
    }
  }
  if (!signatureDate) {
    // no date: a unit line closing the last section is still the 落款
    let j = items.length - 1;
    while (
      j > lastHeading &&
      (items[j]!.kind !== 'p' || isChrome((items[j] as { text: string }).text))
    )
      j--;
    const it = items[j];
    if (j > lastHeading + 1 && it?.kind === 'p' && looksLikeUnit(it.text)) {
      signatureUnit = it.text;
      end = j;
    } else {
      end = j + 1;
    }
  }

  // 4. Sections: paragraphs, and tables recognised by label wherever they stand.
  const sectionTexts = new Map<SectionId, { heading: string; texts: string[] }>();
  const tableLines: Partial<Record<TableId, Line[]>> = {};
  let group = 0;
  const addLines = (id: TableId, lines: Line[]) => (tableLines[id] ??= []).push(...lines);
  for (const [h, { index, match }] of headings.entries()) {
    const stop = Math.min(headings[h + 1]?.index ?? end, end);
    const texts: string[] = match.rest ? [match.rest] : [];
    sectionTexts.set(match.id, { heading: match.heading, texts });
    const own = sectionDef(match.id).table ?? null;
    const region = items.slice(index + 1, stop);
    // in a table section, lines of text may be the table (one cell per line, aligned with
    // spaces, glued together); elsewhere only grids are tables
    const flags = own
      ? tableLineFlags(region.map((it) => (it.kind === 'table' ? null : it.raw)))
      : region.map((it) => it.kind === 'table');
    let run: string[] = [];
    const flushRun = () => {
      if (run.some((l) => l.trim())) {
        const lines = textLines(run, ++group);
        const id = classifyLines(lines) ?? own;
        if (id) addLines(id, lines);
      }
      run = [];
    };
    for (const [k, it] of region.entries()) {
      if (it.kind === 'table') {
        flushRun();
        const lines = gridLines(it.rows, ++group);
        const id = classifyLines(lines) ?? own;
        if (id) addLines(id, lines);
        else texts.push(...tableToText(it.rows));
        continue;
      }
      if (flags[k]) {
        run.push(it.raw);
        continue;
      }
      flushRun();
      if (it.kind === 'p') texts.push(it.text);
    }
    flushRun();
  }

  const year = yearOf(title, opening, signatureDate, options.year);
  if (year === null) {
    throw new ReportFileError('无法从标题、导语或落款中确定报告年度，请指定年度后再导入。');
  }
  if (year < FIRST_STRUCTURED_YEAR) {
    throw new ReportFileError(
      `这是${year}年度的报告，2019年以前的报告格式不同，不能按现行格式导入和检查。`,
    );
  }
  const format: FormatVersion = detectFormat(tableLines) ?? formatForYear(year) ?? '2021';

  const sections: Report['sections'] = {};
  for (const id of SECTION_IDS) {
    const found = sectionTexts.get(id);
    const def = sectionDef(id);
    const lines = def.table ? tableLines[def.table] : undefined;
    if (!found && !lines) continue;
    const section: Section = {
      heading: found?.heading ?? '',
      paragraphs: toParagraphs(found?.texts ?? []),
    };
    if (def.table && lines) section.table = readTable(def.table, lines, format);
    sections[id] = section;
  }

  const unitName = options.unitName ?? (unitFromTitle(title) || compact(signatureUnit));
  const report: Report = {
    schema: SCHEMA_VERSION,
    app: APP_ID,
    unit: {
      id: options.unitId ?? unitIdFor(unitName),
      name: unitName,
      kind: options.unitKind ?? null,
    },
    year,
    format,
    title,
    opening,
    sections,
    signature: { unit: cleanText(signatureUnit), date: signatureDate },
    decisions: [],
    finalised: null,
    ...(options.fileName ? { source: { file: options.fileName, type } } : {}),
  };
  return { report };
}
