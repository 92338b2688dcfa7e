/**
 * The table-reading stage: lines from any input shape (grid rows, text cut by the vocabulary)
 * → parts (captions, headers, records) → official rows and columns, by labels and by the
 * table's own arithmetic. What cannot be placed with confidence is kept as an unrecognised row
 * with its text and reported, never guessed.
 */
import type { FormatVersion, TableId } from '../../formats';
import type { TableData } from '../../model';
import { labelKey } from '../../text';
import type { GridCell } from '../doc';
import { emptyData, keep } from './data';
import { gridLines, parts, type Line, type Part } from './lines';
import { readT2 } from './t2';
import { readT3, recordCells, valuesOnly } from './t3';
import { readT4 } from './t4';
import { isNumberLike, isValueLike } from './vocabulary';

export { gridLines, textLines, type Line } from './lines';
export { isT2Caption } from './t2';
export { isValueLike, matchLabel, cutRun, wordOf } from './vocabulary';

const OUT_OF_ORDER = '文字顺序错乱，数值无法可靠对应到行和列';

/** Reads one official table from its lines. */
export function readTable(id: TableId, lines: readonly Line[], format: FormatVersion): TableData {
  const ps = parts(lines);
  // Values without a label in a T2 or T3 read as text: the text came out of order (as text
  // taken from a PDF does); no value can be placed with confidence.
  if (id !== '四' && ps.some((p) => p.kind === 'record' && !p.row && valuesOnly(p))) {
    const data = emptyData();
    for (const p of ps)
      if (p.kind === 'record' && p.values.some((c) => isNumberLike(c.text)))
        keep(data, recordCells(p), OUT_OF_ORDER);
    return data;
  }
  return readParts(id, ps, format);
}

function readParts(id: TableId, ps: readonly Part[], format: FormatVersion): TableData {
  switch (id) {
    case '二':
      return readT2(ps, format);
    case '三':
      return readT3(ps, format);
    case '四':
      return readT4(ps, format);
  }
}

/**
 * Recognises one table's grid rows. `linear`: the rows were rebuilt from one cell per line, so
 * cell positions mean nothing (kept for callers that still build such rows).
 */
export function recogniseTable(
  id: TableId,
  rows: readonly (readonly GridCell[])[],
  format: FormatVersion,
): TableData {
  return readTable(id, gridLines(rows, 0), format);
}

const texts = (lines: readonly Line[]) => lines.flatMap((l) => l.cells.map((c) => c.text.trim()));

/** Which official table lines are, by the labels they contain; null for any other table. */
export function classifyLines(lines: readonly Line[]): TableId | null {
  const all = texts(lines).map(labelKey).filter(Boolean);
  const has = (re: RegExp) => all.some((t) => re.test(t));
  const score: Record<TableId, number> = {
    二: [
      /^第二十条第/u,
      /^信息内容$/u,
      /^规章$/u,
      /规范性文件$/u,
      /^行政许可$/u,
      /^行政处罚$/u,
      /^行政事业性收费$/u,
      /制发件数|新制作数量|处理决定数量/u,
    ].filter(has).length,
    三: [/自然人/u, /予以公开/u, /本年新收/u, /结转/u, /不予公开/u, /法人或其他组织/u].filter(has)
      .length,
    四: [/^行政复议$/u, /^行政诉讼/u, /复议后起诉/u, /结果维持/u, /尚未审结/u].filter(has).length,
  };
  const best = (['二', '三', '四'] as const).reduce((a, b) => (score[b] > score[a] ? b : a));
  return score[best] >= 2 ? best : null;
}

/** Layout signals: which format version the tables follow, or null if they do not tell. */
export function detectFormat(
  tables: Partial<Record<TableId, readonly Line[]>>,
): FormatVersion | null {
  const vote = { '2019': 0, '2021': 0 };
  const t2 = texts(tables['二'] ?? []).map(labelKey);
  for (const [re, v, w] of [
    [/^本年制发件数$|^本年废止件数$|^现行有效件数$/u, '2021', 2],
    [/^本年处理决定数量$/u, '2021', 1],
    [/^本年收费金额/u, '2021', 2],
    [/^行政规范性文件$/u, '2021', 1],
    [/^本年新制作数量$|^本年新公开数量$|^对外公开总数量$/u, '2019', 2],
    [/^上一年项目数量$|^本年增减$/u, '2019', 2],
    [/^其他对外管理服务事项$|^政府集中采购$|^采购总金额$/u, '2019', 2],
    [/^第二十条第九项$/u, '2019', 2],
  ] as const) {
    if (t2.some((t) => re.test(t))) vote[v] += w;
  }
  const t3 = texts(tables['三'] ?? []).map(labelKey);
  if (t3.some((t) => /申请人无正当理由逾期不补正|申请人逾期未按收费通知/u.test(t)))
    vote['2021'] += 2;
  // 2019's （六）其他处理 is a row with values of its own
  const t3cells = texts(tables['三'] ?? []);
  const at = t3cells.findIndex((t) => labelKey(t) === '其他处理');
  if (at >= 0) {
    const after = t3cells.slice(at + 1, at + 9);
    const upto = after.findIndex((t) => t && !isValueLike(t));
    const values = upto >= 0 ? after.slice(0, upto) : after;
    if (values.some(isNumberLike)) vote['2019'] += 2;
  }
  if (vote['2019'] === vote['2021']) return null;
  return vote['2019'] > vote['2021'] ? '2019' : '2021';
}
