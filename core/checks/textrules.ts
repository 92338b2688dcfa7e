/** Text rules: named functions driven by data (patterns, thresholds). */
import { chineseSmallNumber } from '../text';
import { FORMATS, formatForYear, sectionDef, type SectionId } from '../formats';
import { T3_BLOCK_ID } from '../formats/common';
import { formatNumber } from '../cells';
import { similarity } from '../diff';
import { isoDate } from '../dates';
import type { Location, Report, UnitKind } from '../model';
import { compact, findDate, findYears, isRealDate, parseMonthDay, unitFromTitle } from '../text';
import {
  FIGURE_PHRASES,
  IGNORED_CLAUSE,
  PLAN_SENTENCE,
  TRIGGER,
  UNIT_NAME_WORDS,
  LITIGATION_WORDS,
  TOPIC_WORDS,
  type FigurePhrase,
} from './figures';
import { clauses, fullText, narrative, sentences, writtenParagraphs } from './narrative';
import { finding } from './structure';
import type { CheckContext, Finding } from './types';
import type { ValueReader } from './values';

const TITLE_CORE = '政府信息公开工作年度报告';

export function unitFindings(report: Report): Finding[] {
  const named =
    unitFromTitle(report.title) !== '' ||
    compact(report.signature.unit) !== '' ||
    (compact(report.unit.name) !== '' &&
      report.opening.some((p) => compact(p.text).includes(compact(report.unit.name))));
  if (named) return [];
  return [
    finding(
      'UNIT_MISSING',
      '报告的标题、导语和落款都没有写明单位名称，请在标题和落款中写明。',
      { section: '全文' },
      `${report.title}|${report.signature.unit}`,
    ),
  ];
}

export function titleFindings(report: Report): Finding[] {
  const t = compact(report.title);
  const loc: Location = { section: '标题' };
  const out: Finding[] = [];
  if (!t) {
    return [
      finding(
        'TITLE_MISMATCH',
        `报告没有标题，应为“<单位名称>${report.year}年${TITLE_CORE}”。`,
        loc,
        '',
      ),
    ];
  }
  if (!t.includes(TITLE_CORE)) {
    out.push(
      finding('TITLE_MISMATCH', `标题“${report.title.trim()}”中没有“${TITLE_CORE}”字样。`, loc, t),
    );
  }
  const years = findYears(t).map((y) => y.year);
  if (years.length === 0) {
    out.push(
      finding(
        'TITLE_MISMATCH',
        `标题“${report.title.trim()}”中没有写年份（应为${report.year}年）。`,
        loc,
        `${t}|noyear`,
      ),
    );
  } else if (!years.includes(report.year)) {
    out.push(
      finding(
        'TITLE_MISMATCH',
        `标题中的年份是${years[0]}年，而本报告是${report.year}年度报告。`,
        loc,
        `${t}|${report.year}`,
      ),
    );
  }
  return out;
}

const CITATION =
  /国办[\u4e00-\u9fff]{0,6}?\s*[〔[【(（［]\s*(\d{4})\s*[〕\]】)）］]\s*(\d{1,3})\s*号/gu;

export function citationFindings(report: Report): Finding[] {
  const format = FORMATS[formatForYear(report.year) ?? report.format];
  // A report in the other format that cites that format's own number is consistent with its
  // layout: FORMAT_MISMATCH is the only finding about the wrong version (checks.md).
  const accepted = new Set(
    [format.documentNumber, FORMATS[report.format].documentNumber].map(compact),
  );
  const formatNumbers = new Set(['2019|60', '2021|30']);
  const out: Finding[] = [];
  for (const [index, p] of report.opening.entries()) {
    for (const m of p.text.matchAll(CITATION)) {
      if (!formatNumbers.has(`${m[1]}|${Number(m[2])}`)) continue; // some other document
      const cited = compact(m[0])
        .replace(/[[【(（［]/gu, '〔')
        .replace(/[\]】)）］]/gu, '〕');
      if (accepted.has(cited)) continue;
      out.push(
        finding(
          'BASIS_CITATION',
          `导语引用的“${m[0].trim()}”有误：${report.year}年度报告所用格式的文号是“${format.documentNumber}”（《${format.documentTitle}》），是否改正？`,
          { section: '导语', paragraph: index },
          cited,
        ),
      );
    }
  }
  return out;
}

const ASSESSMENT_TERMS = ['考核', '评议', '责任追究'] as const;
const ASSESSING_KINDS: readonly UnitKind[] = ['政府', '乡镇街道'];

export function assessmentFindings(ctx: CheckContext): Finding[] {
  if (!ctx.kind || !ASSESSING_KINDS.includes(ctx.kind)) return [];
  const text = compact(fullText(ctx.report));
  const missing = ASSESSMENT_TERMS.filter((t) => !text.includes(t));
  if (missing.length === 0) return [];
  return [
    finding(
      'GOV_ASSESSMENT_MISSING',
      `${ctx.kind === '政府' ? '政府' : '乡镇（街道）'}的年度报告应报告工作考核、社会评议和责任追究结果（《条例》第五十条），本报告未提到：${missing.join('、')}。`,
      { section: '一' },
      missing.join('|'),
    ),
  ];
}

/** Wording that makes an earlier year legitimate: comparisons and references. */
const COMPARISON =
  /较(?:上|去|前|\d{4})|同比|环比|相比|比上年|比去年|比\d{4}年|与\d{4}年|上年度|上一年/u;
/**
 * Wording that makes a year a reference to an earlier document ("针对2022年度政府信息公开工作
 * 年度报告中指出的问题"): a reference verb earlier in the clause, or 中/提出/指出 right after.
 */
const REFERENCE_BEFORE = /(?:根据|按照|依据|依照|对照|参照|针对|落实|整改)[^，,；;：:]*$/u;
const REFERENCE_AFTER = /^\s*(?:中|所|提出|指出|反映)/u;
const STALE_PATTERNS: readonly RegExp[] = [
  /^\s*(?:[（(][一二三四五六七八九十\d]+[)）]|\d+[.、．]|[一二三四五六七八九十]+、)?\s*(?<y>\d{4})\s*年度?\s*(?:[，,]|(?=我|本|全|共|累计|各|县|市|区|镇|乡|街道))/u,
  /截至\s*(?<y>\d{4})\s*年\s*(?:底|末|年底|年末|12\s*月\s*31\s*日)/u,
  /(?:自|从)\s*(?<y>\d{4})\s*年\s*1\s*月\s*1\s*日/u,
  /至\s*(?<y>\d{4})\s*年\s*12\s*月\s*31\s*日/u,
  /(?<y>\d{4})\s*年度?政府信息公开(?:工作)?年度报告/u,
];

function withoutBookTitles(text: string): string {
  return text.replace(/《[^》]*》/gu, (m) => '　'.repeat(m.length));
}

export function staleYearFindings(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const p of narrative(report)) {
    const seen = new Set<number>();
    for (const sentence of sentences(p.text)) {
      // every pattern needs an earlier year: most sentences have none
      if (!findYears(sentence).some((y) => y.year < report.year)) continue;
      const plain = withoutBookTitles(sentence);
      if (COMPARISON.test(plain)) continue;
      for (const re of STALE_PATTERNS) {
        const m = re.exec(plain);
        const y = m?.groups?.y ? Number(m.groups.y) : NaN;
        if (!m || !(y < report.year) || seen.has(y)) continue;
        if (
          REFERENCE_BEFORE.test(plain.slice(0, m.index)) ||
          REFERENCE_AFTER.test(plain.slice(m.index + m[0].length))
        ) {
          continue;
        }
        seen.add(y);
        const snippet = sentence.trim().slice(0, 40);
        out.push(
          finding(
            'STALE_YEAR',
            `“${snippet}${sentence.trim().length > 40 ? '……' : ''}”：本报告是${report.year}年度报告，这里的${y}年是否为沿用上年报告未改的年份？请核实。`,
            { section: p.section, paragraph: p.index },
            `${y}|${compact(sentence)}`,
          ),
        );
      }
    }
  }
  return out;
}

export function feeFindings(report: Report, reader: ValueReader): Finding[] {
  if (report.format !== '2021') return [];
  const six = report.sections['六'];
  if (!six) return [];
  const received = reader.number('三', T3_BLOCK_ID, 'new', 'total');
  const carried = reader.number('三', T3_BLOCK_ID, 'carried', 'total');
  if (received === null || carried === null || received + carried <= 0) return [];
  const text = compact(six.paragraphs.map((p) => p.text).join(''));
  if (text.includes('信息处理费') || text.includes('收费')) return [];
  return [
    finding(
      'FEE_NOT_REPORTED',
      `本年共有${formatNumber(received + carried)}件政府信息公开申请，“六、其他需要报告的事项”却没有说明信息处理费的收取情况（未收取也应写明），是否补充？`,
      { section: '六' },
      `${received}|${carried}|${text.length}`,
    ),
  ];
}

export const DEFAULT_DEADLINES: Readonly<Record<UnitKind, string>> = {
  部门: '01-31',
  政府: '03-31',
  乡镇街道: '01-31',
  其他: '01-31',
};

export function dateFindings(ctx: CheckContext): Finding[] {
  const { report } = ctx;
  const loc: Location = { section: '落款' };
  const raw = report.signature.date.trim();
  // NFKC: full-width digits ("２０２２年１月２０日") are read like the cells' (checks.md, Cell values)
  const date = raw ? findDate(raw.normalize('NFKC')) : null;
  if (!date || date.day === undefined) {
    const what = date ? `成文日期“${raw}”只写到月份` : '没有找到完整的成文日期';
    return [
      finding(
        'DATE_MISSING',
        `${what}，落款应写明成文日期，如“${report.year + 1}年1月27日”。`,
        loc,
        raw,
      ),
    ];
  }
  const { year, month, day } = date;
  if (!isRealDate(year, month, day)) {
    return [finding('DATE_OUT_OF_RANGE', `成文日期“${date.text}”不是有效的日期。`, loc, raw)];
  }
  const written = isoDate(year, month, day);
  if (written <= isoDate(report.year, 12, 31)) {
    return [
      finding(
        'DATE_OUT_OF_RANGE',
        `成文日期“${date.text}”不晚于报告年度的最后一天（${report.year}年12月31日）；${report.year}年度报告应在${report.year + 1}年成文，是否写错了年份？`,
        loc,
        written,
      ),
    ];
  }
  const given = parseMonthDay(ctx.options.deadline);
  const office = ctx.kind ? parseMonthDay(ctx.options.deadlines?.[ctx.kind]) : undefined;
  const deadline = given ?? office ?? (ctx.kind ? DEFAULT_DEADLINES[ctx.kind] : undefined);
  if (!deadline) return [];
  const due = `${report.year + 1}-${deadline}`;
  if (written <= due) return [];
  const [dm, dd] = deadline.split('-').map(Number);
  return [
    finding(
      'DATE_LATE',
      `成文日期${year}年${month}月${day}日晚于${!given && office ? '本机关设定的' : ''}${ctx.kind ?? ''}报告期限${report.year + 1}年${dm}月${dd}日，是否逾期？`,
      loc,
      `${written}|${due}`,
    ),
  ];
}

function figureValue(phrase: FigurePhrase, m: RegExpExecArray): number | null {
  if (phrase.value !== undefined) return phrase.value;
  const n = m.groups?.n;
  if (!n) return null;
  return n === '零' ? 0 : chineseSmallNumber(n);
}

export function figureFindings(report: Report, reader: ValueReader): Finding[] {
  const out: Finding[] = [];
  const narrativeSections: SectionId[] = ['一', '二', '三', '四', '五', '六'];
  for (const p of narrative(report, narrativeSections)) {
    if (p.level > 0) continue;
    for (const sentence of sentences(p.text)) {
      if (PLAN_SENTENCE.test(sentence) || findYears(sentence).some((y) => y.year > report.year))
        continue;
      const topical = {
        application:
          TOPIC_WORDS.application.test(sentence) || TOPIC_WORDS.application.test(p.heading),
        litigation:
          LITIGATION_WORDS.test(sentence) &&
          (TOPIC_WORDS.litigation.test(sentence) || TOPIC_WORDS.litigation.test(p.heading)),
        // the phrase itself names 规范性文件: a sentence without the words cannot match
        normative: TOPIC_WORDS.normative.test(sentence),
      };
      if (!topical.application && !topical.litigation && !topical.normative) continue;
      for (const clause of clauses(sentence)) {
        if (!TRIGGER.test(clause) || IGNORED_CLAUSE.test(clause.replace(UNIT_NAME_WORDS, ''))) {
          continue;
        }
        let rest = clause;
        for (const phrase of FIGURE_PHRASES) {
          if (!topical[phrase.topic]) continue;
          if (phrase.formats && !phrase.formats.includes(report.format)) continue;
          if (phrase.unless?.test(clause)) continue;
          for (const re of phrase.patterns) {
            const m = re.exec(rest);
            if (!m) continue;
            rest =
              rest.slice(0, m.index) + ' '.repeat(m[0].length) + rest.slice(m.index + m[0].length);
            const figure = figureValue(phrase, m);
            if (figure === null) break;
            const meanings = phrase.means
              .map((meaning) => {
                const values = meaning.sum.map((q) =>
                  reader.number(q.table, q.block, q.row, q.col),
                );
                return values.every((v) => v !== null)
                  ? { meaning, value: values.reduce<number>((a, b) => a + b!, 0) }
                  : null;
              })
              .filter((x) => x !== null);
            if (meanings.length === 0 || meanings.some((x) => Math.abs(x.value - figure) < 1e-9))
              break;
            const said = m[0].trim();
            out.push(
              finding(
                'TEXT_TABLE_MISMATCH',
                `正文写“${said}”，但${meanings.map((x) => `${x.meaning.text}为${formatNumber(x.value)}`).join('，')}，请核对正文与表格。`,
                { section: p.section as SectionId, paragraph: p.index },
                `${phrase.id}|${figure}|${meanings.map((x) => x.value).join(',')}|${compact(said)}`,
              ),
            );
            break;
          }
        }
      }
    }
  }
  return out;
}

export const COPY_THRESHOLD = 0.9;
export const COPY_MIN_LENGTH = 50;

function sectionText(report: Report, id: SectionId): string {
  return compact(
    writtenParagraphs(report, id)
      .map((p) => p.text)
      .join(''),
  );
}

export function copiedTextFindings(report: Report, prior: Report): Finding[] {
  const out: Finding[] = [];
  for (const id of ['一', '五'] as const) {
    const now = sectionText(report, id);
    const before = sectionText(prior, id);
    if (now.length < COPY_MIN_LENGTH || before.length < COPY_MIN_LENGTH) continue;
    const sim = similarity(now, before, COPY_THRESHOLD);
    if (sim < COPY_THRESHOLD) continue;
    out.push(
      finding(
        'TEXT_COPIED',
        `“${sectionDef(id).heading}”与${prior.year}年度报告的同一部分有${Math.floor(sim * 100)}%的文字相同，是否已按本年度实际情况更新？`,
        { section: id },
        now,
      ),
    );
  }
  return out;
}
