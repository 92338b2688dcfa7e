/**
 * The 年度对比表 (issue 14): two reports compared, printed on the report's page (A4, the GB/T
 * 9704 text block and margins, the same fonts and page numbers): the cells to look at first,
 * the three tables with both values, the difference and the change in %, flags marked, the
 * title and 落款 where they differ, and the list of parts whose text changed with their
 * similarity and changed figures.
 */
import { formatNumber } from '../../../core/cells';
import {
  CELL_FLAGS,
  FLAG_LABELS,
  percentChange,
  type CellComparison,
  type ReportComparison,
  type TextComparison,
} from '../../../core/compare';
import type { TableId } from '../../../core/formats';
import { TITLE, type RenderOutput } from './render';
import {
  openSheet,
  room,
  table as sheetTable,
  text,
  type Columns,
  type Row,
  type Sheet,
} from './sheet';
import type { FontSet, TextStyle } from './types';

const TABLE_NAMES: Record<TableId, string> = {
  二: '表二\u3000主动公开政府信息情况',
  三: '表三\u3000收到和处理政府信息公开申请情况',
  四: '表四\u3000政府信息公开行政复议、行政诉讼情况',
};

/** A heading and the first rows of its table stay on one page. */
const HEADING_ROOM = 90;
const SUBTITLE: TextStyle = { role: 'kai', size: 16 };
const HEADING: TextStyle = { role: 'hei', size: 14 };
const TEXT: TextStyle = { role: 'fangsong', size: 12 };
const CELL: TextStyle = { role: 'song', size: 10 };
const CELL_HEAD: TextStyle = { role: 'hei', size: 10 };
/** The columns of a comparison table: 项目, the two years, 差额 and 变化 right-aligned, 标记. */
const COLUMNS: Columns = {
  widths: [150, 66, 66, 62, 50, 48.2],
  numeric: (i) => i > 0 && i < 5,
  body: CELL,
  head: CELL_HEAD,
};
const table = (ctx: Sheet, head: Row, rows: readonly Row[]) => sheetTable(ctx, COLUMNS, head, rows);

/** The sides' names: years of one unit, or the units. */
function names(c: ReportComparison): [string, string] {
  if (c.relation === 'years' || c.relation === 'same') return [`${c.a.year}年`, `${c.b.year}年`];
  if (c.relation === 'units') return [c.a.unit, c.b.unit];
  return [`${c.a.unit}${c.a.year}年`, `${c.b.unit}${c.b.year}年`];
}

export function comparisonTitle(c: ReportComparison): string {
  if (c.relation === 'years' || c.relation === 'same')
    return `${c.a.unit}${c.a.year}年与${c.b.year}年度对比表`;
  if (c.relation === 'units') return `${c.a.unit}与${c.b.unit}${c.b.year}年度对比表`;
  return `${c.a.unit}${c.a.year}年与${c.b.unit}${c.b.year}年度对比表`;
}

const show = (raw: string | null) => (raw === null ? '—' : raw || '空');
/** The difference; from 1 up to two decimals (万元 with six would not fit its column). */
function delta(d: number | null): string {
  if (d === null) return '';
  const abs = Math.abs(d);
  return `${d > 0 ? '+' : d < 0 ? '−' : ''}${formatNumber(abs >= 1 ? Math.round(abs * 100) / 100 : abs)}`;
}

/** Two values that differ (a figure read differently counts: "1" and "1.0" do not). */
const changed = (x: CellComparison) =>
  x.flag !== null || ((x.aRaw ?? '') !== (x.bRaw ?? '') && x.a !== x.b);

function cellRow(x: CellComparison): Row {
  return {
    cells: [
      x.note ? `${x.column}（${x.note}）` : x.column,
      show(x.aRaw),
      show(x.bRaw),
      delta(x.delta),
      percentChange(x).replace('-', '−'),
      x.flag ? FLAG_LABELS[x.flag] : '',
    ],
    flagged: x.flag !== null,
  };
}

/**
 * A table's cells that differ, under their official rows (block · row) in the format's order;
 * the cells the two years share summed up in a last line.
 */
function tableRows(cells: readonly CellComparison[]): Row[] {
  const rows: Row[] = [];
  let group = '';
  for (const x of cells.filter(changed)) {
    const g = [x.block, x.row].filter(Boolean).join(' · ');
    if (g !== group) rows.push({ cells: [g], flagged: false, span: 'group' });
    group = g;
    rows.push(cellRow(x));
  }
  const same = cells.filter((x) => !changed(x));
  const blank = same.filter((x) => !x.aRaw && !x.bRaw).length;
  if (same.length) {
    rows.push({
      cells: [
        `其余${same.length}格两年相同${blank ? `（其中${blank}格两年都空白）` : ''}，未逐格列出。`,
      ],
      flagged: false,
      span: 'note',
    });
  }
  return rows;
}

const SMALL: TextStyle = { role: 'fangsong', size: 10.5 };

/** Renders the 年度对比表 of a comparison. */
export async function renderComparison(
  c: ReportComparison,
  options: { fonts: FontSet; creationDate: Date },
): Promise<RenderOutput> {
  const title = comparisonTitle(c);
  const { sheet: ctx, finish } = openSheet(options.fonts, {
    title,
    author: c.b.unit,
    subject: '年度对比表',
    keywords: `政府信息公开;年度报告;对比;${c.a.year};${c.b.year}`,
    creationDate: options.creationDate,
  });
  const [na, nb] = names(c);

  text(ctx, '年度对比表', TITLE, { centre: true, after: 4 });
  text(ctx, `${c.a.unit}${c.a.year}年度\u3000与\u3000${c.b.unit}${c.b.year}年度`, SUBTITLE, {
    centre: true,
    after: 10,
  });
  for (const n of c.notes) text(ctx, `说明：${n}`, TEXT, { after: 4 });
  const head: Row = { cells: ['项目', na, nb, '差额', '变化', '标记'], flagged: false, head: true };

  let part = 0;
  const ordinal = () => '一二三四五六七八九十'[part++]!;
  const changedSections = c.sections.filter((s) => s.changed);
  if (c.cells.length) {
    const listed = c.cells.filter(changed).length;
    const k = c.counts;
    const flags = k.flagged
      ? `（其中需要关注的${k.flagged}格：${CELL_FLAGS.filter((f) => k[f])
          .map((f) => `${FLAG_LABELS[f]}${k[f]}格`)
          .join('、')}）`
      : '';
    text(
      ctx,
      `三张统计表共比较${c.cells.length}格：两年不同的${listed}格${flags}逐格列出，其余${c.cells.length - listed}格两年相同，只注明格数；文字有变化的部分${changedSections.length}个。`,
      TEXT,
      { after: 4 },
    );
    text(
      ctx,
      '标记（底色）：新出现——上年空白或为0、本年有数；消失——上年有数、本年为0或空白；大幅变化——增减3倍以上且差额不少于10；一年空白——一年空白、另一年为0。',
      SMALL,
      { after: 8 },
    );
    for (const t of ['二', '三', '四'] as const) {
      const cells = c.cells.filter((x) => x.table === t);
      room(ctx, HEADING_ROOM);
      text(ctx, `${ordinal()}、${TABLE_NAMES[t]}`, HEADING, { after: 4 });
      if (!cells.some((x) => x.aRaw || x.bRaw))
        text(ctx, '两份报告都没有数字。', TEXT, { after: 8 });
      else if (!cells.some(changed))
        text(ctx, `两年的数字相同（${cells.length}格）。`, TEXT, { after: 8 });
      else table(ctx, head, tableRows(cells));
    }
    if (c.notComparable.length) {
      text(
        ctx,
        `不可比的项目（只有一种格式有，共${c.notComparable.length}格）：${[...new Set(c.notComparable.map((n) => `${n.row}${n.column}`))].join('、')}。`,
        SMALL,
        { after: 8 },
      );
    }
  }
  const differing = c.header.filter((h) => !h.same);
  text(ctx, `${ordinal()}、标题与落款`, HEADING, { after: 4 });
  if (differing.length) {
    for (const h of differing)
      text(ctx, `${h.field}：${na}“${h.a || '空'}”，${nb}“${h.b || '空'}”。`, TEXT, { after: 2 });
  } else text(ctx, '标题、落款单位和成文日期相同。', TEXT);
  ctx.y += 8;
  room(ctx, HEADING_ROOM);
  text(ctx, `${ordinal()}、文字有变化的部分（${changedSections.length}个）`, HEADING, { after: 4 });
  if (!changedSections.length) text(ctx, '各部分文字相同。', TEXT);
  else sectionTable(ctx, changedSections, [na, nb]);
  const unchanged = c.sections.filter((s) => !s.changed).map((s) => s.label);
  if (unchanged.length) text(ctx, `文字没有变化的部分：${unchanged.join('、')}。`, TEXT);

  return finish();
}

/** At most this many figures changed in place are listed per part. */
const FIGURES_LISTED = 8;

/**
 * A part's changed figures: those changed in place with both values ("申请75件→81件"), the
 * others — in sentences added, removed or rewritten — only counted.
 */
function figureSummary(s: TextComparison): string {
  const count = (v: string | null) => (v === null ? 0 : v.split('、').length);
  const inPlace = s.figures.filter(
    (f) => f.a !== null && f.b !== null && count(f.a) === 1 && count(f.b) === 1,
  );
  let added = 0;
  let removed = 0;
  for (const f of s.figures) {
    if (inPlace.includes(f)) continue;
    added += count(f.b);
    removed += count(f.a);
  }
  const listed = inPlace.slice(0, FIGURES_LISTED).map((f) => `${f.context}${f.a}→${f.b}`);
  if (inPlace.length > FIGURES_LISTED) listed.push(`等${inPlace.length}处`);
  const rest = [added ? `新增${added}处` : '', removed ? `删去${removed}处` : '']
    .filter(Boolean)
    .join('、');
  return [...listed, ...(rest ? [`另有数字${rest}（在改写的句子里）`] : [])].join('；');
}

/** The parts whose text changed: similarity, characters added and removed, changed figures. */
const SECTION_COLUMNS: Columns = {
  widths: [118, 44, 44, 44, 192.2],
  numeric: (i) => i > 0 && i < 4,
  body: CELL,
  head: CELL_HEAD,
};

function sectionTable(ctx: Sheet, sections: readonly TextComparison[], [na, nb]: [string, string]) {
  const rows = sections.map((s): Row => {
    const figures = figureSummary(s);
    return {
      cells: s.missing
        ? [s.label, '—', '—', '—', `只有${s.missing === 'a' ? nb : na}有这一部分`]
        : [
            s.label,
            `${Math.round(s.similarity * 100)}%`,
            String(s.insertions),
            String(s.deletions),
            figures,
          ],
      flagged: false,
    };
  });
  sheetTable(
    ctx,
    SECTION_COLUMNS,
    { cells: ['部分', '相同', '新增字', '删除字', '变化的数字'], flagged: false, head: true },
    rows,
  );
}
