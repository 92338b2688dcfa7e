/**
 * The 年度对比表 (issue 14): two reports compared, printed on the report's page (A4, the GB/T
 * 9704 text block and margins, the same fonts and page numbers): the cells to look at first,
 * the three tables with both values, the difference and the change in %, flags marked, the
 * title and 落款 where they differ, and the list of parts whose text changed with their
 * similarity and changed figures.
 */
import { formatNumber } from '../../../core/cells';
import {
  FLAG_LABELS,
  flaggedFirst,
  percentChange,
  type CellComparison,
  type ReportComparison,
} from '../../../core/compare';
import type { TableId } from '../../../core/formats';
import { TITLE, type RenderOutput } from './render';
import { openSheet, table as sheetTable, text, type Columns, type Row, type Sheet } from './sheet';
import type { FontSet, TextStyle } from './types';

const TABLE_NAMES: Record<TableId, string> = {
  二: '表二\u3000主动公开政府信息情况',
  三: '表三\u3000收到和处理政府信息公开申请情况',
  四: '表四\u3000政府信息公开行政复议、行政诉讼情况',
};

const SUBTITLE: TextStyle = { role: 'kai', size: 16 };
const HEADING: TextStyle = { role: 'hei', size: 14 };
const TEXT: TextStyle = { role: 'fangsong', size: 12 };
const CELL: TextStyle = { role: 'song', size: 10 };
const CELL_HEAD: TextStyle = { role: 'hei', size: 10 };
/** The columns of a comparison table: 项目, the two years, 差额 and 变化 right-aligned, 标记. */
const COLUMNS: Columns = {
  widths: [186, 58, 58, 50, 48, 42.2],
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
const delta = (d: number | null) =>
  d === null ? '' : `${d > 0 ? '+' : d < 0 ? '−' : ''}${formatNumber(Math.abs(d))}`;

function cellRow(x: CellComparison, withTable: boolean): Row {
  const where = [withTable ? TABLE_NAMES[x.table].slice(0, 2) : '', x.block, x.row, x.column]
    .filter(Boolean)
    .join(' · ');
  return {
    cells: [
      x.note ? `${where}（${x.note}）` : where,
      show(x.aRaw),
      show(x.bRaw),
      delta(x.delta),
      percentChange(x).replace('-', '−'),
      x.flag ? FLAG_LABELS[x.flag] : '',
    ],
    flagged: x.flag !== null,
  };
}

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
  if (c.cells.length) {
    const flagged = flaggedFirst(c.cells).filter((x) => x.flag);
    text(ctx, `${ordinal()}、需要关注的单元格（${flagged.length}个）`, HEADING, { after: 4 });
    if (flagged.length)
      table(
        ctx,
        head,
        flagged.map((x) => cellRow(x, true)),
      );
    else text(ctx, '没有新出现、消失、大幅变化或只有一年空白的数字。', TEXT, { after: 8 });
    text(
      ctx,
      `标记：新出现——上年空白或为0、本年有数；消失——上年有数、本年为0或空白；大幅变化——增减3倍以上且差额不少于10；一年空白——一年空白、另一年为0。两年都空白的单元格不列出。`,
      { role: 'fangsong', size: 10.5 },
      { after: 8 },
    );
    for (const t of ['二', '三', '四'] as const) {
      const rows = c.cells.filter((x) => x.table === t && (x.aRaw || x.bRaw));
      text(ctx, `${ordinal()}、${TABLE_NAMES[t]}`, HEADING, { after: 4 });
      if (rows.length)
        table(
          ctx,
          head,
          rows.map((x) => cellRow(x, false)),
        );
      else text(ctx, '两份报告都没有数字。', TEXT, { after: 8 });
    }
    if (c.notComparable.length) {
      text(
        ctx,
        `不可比的项目（只有一种格式有，共${c.notComparable.length}格）：${[...new Set(c.notComparable.map((n) => `${n.row}${n.column}`))].join('、')}。`,
        { role: 'fangsong', size: 10.5 },
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
  const changed = c.sections.filter((s) => s.changed);
  text(ctx, `${ordinal()}、文字有变化的部分（${changed.length}个）`, HEADING, { after: 4 });
  if (!changed.length) text(ctx, '各部分文字相同。', TEXT);
  for (const s of changed) {
    const state = s.missing
      ? `只有${s.missing === 'a' ? nb : na}有这一部分`
      : `相同${Math.round(s.similarity * 100)}%，新增${s.insertions}字，删除${s.deletions}字`;
    text(ctx, `${s.label}：${state}。`, TEXT, { after: 2 });
    for (const f of s.figures) {
      text(ctx, `\u3000\u3000数字：${f.context}${f.a ?? '（无）'} → ${f.b ?? '（删去）'}`, {
        role: 'fangsong',
        size: 10.5,
      });
    }
  }
  const unchanged = c.sections.filter((s) => !s.changed).map((s) => s.label);
  if (unchanged.length) text(ctx, `文字没有变化的部分：${unchanged.join('、')}。`, TEXT);

  return finish();
}
