/** Structure and value checks: sections, table completeness, cells, format version. */
import {
  FORMATS,
  SECTION_IDS,
  blockLabel,
  formatForYear,
  sectionDef,
  untouchedOutlineHeading,
  type BlockDef,
  type TableDef,
  type TableId,
} from '../formats';
import { stableHash, type Location, type Paragraph, type Report } from '../model';
import { compact } from '../text';
import { CODES, type Code } from './codes';
import type { Finding } from './types';
import { cellLocation, describeCell, type ValueReader } from './values';

export function finding(code: Code, message: string, location: Location, basis: string): Finding {
  return {
    code,
    severity: CODES[code].severity,
    message,
    location,
    fingerprint: stableHash(`${code}|${basis}`),
  };
}

const PLACEHOLDERS = new Set(['', '无', '暂无']);

export function sectionFindings(report: Report): Finding[] {
  const out: Finding[] = [];
  for (const id of SECTION_IDS) {
    const section = report.sections[id];
    const def = sectionDef(id);
    if (!section) {
      out.push(finding('SECTION_MISSING', `报告缺少“${def.heading}”部分。`, { section: id }, id));
      continue;
    }
    if (!compact(section.heading)) {
      out.push(
        finding(
          'HEADING_MISSING',
          `“${def.heading}”部分有内容，但缺少该部分的标题。`,
          { section: id },
          id,
        ),
      );
    }
    if (id === '一' || id === '五') out.push(...emptyNarrative(report, id, section.paragraphs));
  }
  return out;
}

const isPlaceholder = (p: Paragraph) =>
  PLACEHOLDERS.has(compact(p.text).replace(/[。.！!；;]+$/u, ''));

/**
 * SECTION_EMPTY of 一 or 五: nothing written, or only 无 / 暂无, or only the standard outline's
 * sub-headings untouched (a blank report's template is not content); and, in a section with
 * text, each outline sub-heading still without a word under it (it would print bare).
 */
function emptyNarrative(
  report: Report,
  id: '一' | '五',
  paragraphs: readonly Paragraph[],
): Finding[] {
  const def = sectionDef(id);
  const outline = (p: Paragraph) => untouchedOutlineHeading(report.format, id, p) !== undefined;
  const written = paragraphs.filter((p) => !outline(p));
  if (written.every(isPlaceholder)) {
    const body = written.map((p) => compact(p.text).replace(/[。.！!；;]+$/u, ''));
    const what = body.some(Boolean)
      ? `只写了“${written.map((p) => p.text.trim()).join('')}”`
      : written.length < paragraphs.length
        ? '只有标准提纲的小标题，还没有内容'
        : '没有内容';
    return [
      finding(
        'SECTION_EMPTY',
        `“${def.heading}”${what}，请补充。`,
        { section: id },
        body.join('|'),
      ),
    ];
  }
  const out: Finding[] = [];
  for (const [index, p] of paragraphs.entries()) {
    if (!outline(p)) continue;
    const closes = (q: Paragraph) => q.level > 0 && q.level <= p.level;
    let end = index + 1;
    while (end < paragraphs.length && !closes(paragraphs[end]!)) end++;
    if (paragraphs.slice(index + 1, end).some((q) => compact(q.text))) continue;
    const heading = p.text.trim();
    out.push(
      finding(
        'SECTION_EMPTY',
        `“${def.heading}”中的小标题“${heading}”下还没有内容：请补充，或删去这个小标题。`,
        { section: id, paragraph: index },
        `outline|${compact(heading)}`,
      ),
    );
  }
  return out;
}

export function formatFindings(report: Report): Finding[] {
  const expected = formatForYear(report.year);
  if (expected === report.format) return [];
  const message = expected
    ? `${report.year}年度报告应使用${expected}年版格式（${FORMATS[expected].documentNumber}），本报告的表格是${report.format}年版格式。`
    : `${report.year}年度报告早于2019年版格式，不能按现行格式检查；本报告的表格是${report.format}年版格式。`;
  return [
    finding('FORMAT_MISMATCH', message, { section: '全文' }, `${report.year}|${report.format}`),
  ];
}

function tableName(table: TableDef): string {
  return `表${table.id}`;
}

function blockName(block: BlockDef): string {
  return block.caption ? `“${block.caption}”` : '';
}

/**
 * TABLE_INCOMPLETE, ROW_UNRECOGNISED, LABEL_UNCLEAR and the per-cell findings. `uncomputable`
 * says whether a cell (table, block, row, column) is a computed total that cannot be computed yet
 * because an input is not a number: such a total is not blank-checked (the clerk cannot type
 * into it; its blank inputs are reported instead).
 */
export function tableFindings(
  report: Report,
  reader: ValueReader,
  uncomputable: (table: TableId, block: string, row: string, col: string) => boolean = () => false,
): Finding[] {
  const out: Finding[] = [];
  const format = FORMATS[report.format];
  for (const tid of ['二', '三', '四'] as const satisfies readonly TableId[]) {
    const section = report.sections[tid];
    if (!section) continue; // SECTION_MISSING says it
    const table = format.tables[tid];
    const data = section.table;
    const tableLoc: Location = { section: tid, table: tid };
    // rows import found but could not read: present in the source (ROW_UNRECOGNISED), not missing
    const unread = new Set(data?.unrecognised.flatMap((u) => (u.row ? [u.row] : [])) ?? []);
    if (!data || (Object.keys(data.blocks).length === 0 && unread.size === 0)) {
      out.push(
        finding(
          'TABLE_INCOMPLETE',
          `“${sectionDef(tid).heading}”部分没有${tableName(table)}。`,
          tableLoc,
          `${tid}|none`,
        ),
      );
      continue;
    }
    // T4's single data row runs through all its blocks: missing everywhere is one finding.
    const sharedRow =
      tid === '四' && table.blocks.every((b) => !data.blocks[b.id]?.rows[b.rows[0]!.id]);
    if (sharedRow) {
      out.push(
        finding('TABLE_INCOMPLETE', `${tableName(table)}缺少数据行。`, tableLoc, `${tid}|row`),
      );
    }
    for (const block of table.blocks) {
      const found = data.blocks[block.id];
      const partlyUnread = block.rows.some((r) => unread.has(r.id));
      // a block whose rows were all unreadable is still there: its other rows are missing
      const b =
        found ?? (partlyUnread ? { columns: block.columns.map((c) => c.id), rows: {} } : null);
      if (!b) {
        if (sharedRow) continue;
        out.push(
          finding(
            'TABLE_INCOMPLETE',
            `${tableName(table)}缺少${blockName(block) || '表格内容'}${tid === '四' ? '栏' : '部分'}。`,
            { ...tableLoc, ...(block.caption ? { block: block.caption } : {}) },
            `${tid}|${block.id}`,
          ),
        );
        continue;
      }
      for (const column of block.columns) {
        if (!b.columns.includes(column.id)) {
          const loc = {
            ...tableLoc,
            ...(block.caption ? { block: block.caption } : {}),
            column: column.label,
          };
          out.push(
            finding(
              'TABLE_INCOMPLETE',
              `${tableName(table)}${blockName(block)}缺少“${column.label}”列。`,
              loc,
              `${tid}|${block.id}|col|${column.id}`,
            ),
          );
        }
      }
      for (const row of block.rows) {
        const r = b.rows[row.id];
        if (!r) {
          if (sharedRow) continue;
          const group = blockLabel(block, row);
          const loc: Location = {
            ...tableLoc,
            ...(group ? { block: group } : {}),
            ...(row.label ? { row: row.label } : {}),
          };
          out.push(
            finding(
              'TABLE_INCOMPLETE',
              // a row import found but could not read is there in the source: not "missing",
              // yet still without its figures (an error until it is read in or filled)
              unread.has(row.id)
                ? `${tableName(table)}${group ? `“${group}”中` : ''}“${row.label}”行的数字没有读入，请在表格下方核对并读入，或直接填写。`
                : row.label
                  ? `${tableName(table)}${group ? `“${group}”中` : ''}缺少“${row.label}”行。`
                  : `${tableName(table)}${blockName(block)}缺少数据。`,
              loc,
              `${tid}|${block.id}|row|${row.id}`,
            ),
          );
          continue;
        }
        if (r.label !== undefined) {
          const place = { table: tid, block, row, column: block.columns[0]! };
          const { column: _c, ...loc } = cellLocation(place);
          out.push(
            finding(
              'LABEL_UNCLEAR',
              `${tableName(table)}中行名“${r.label}”不完整，已按“${row.label}”读取，请核对该行数字。`,
              loc,
              `${tid}|${block.id}|${row.id}|${r.label}`,
            ),
          );
        }
        for (const column of block.columns) {
          if (!b.columns.includes(column.id)) continue;
          const value = reader.read(tid, block.id, row.id, column.id);
          if (value.state === 'number') continue; // the common case: nothing to say
          const place = { table: tid, block, row, column };
          const raw = r.cells[column.id] ?? '';
          const basis = `${tid}|${block.id}|${row.id}|${column.id}|${raw}`;
          if (value.state === 'blank') {
            if (uncomputable(tid, block.id, row.id, column.id)) continue;
            const shown = raw.trim() ? `填的是“${raw.trim()}”，视为未填` : '未填写';
            out.push(
              finding(
                'CELL_BLANK',
                `${describeCell(place)}${shown}；没有发生请填 0。`,
                cellLocation(place),
                basis,
              ),
            );
          } else if (value.state === 'na') {
            out.push(
              finding(
                'CELL_NA',
                `${describeCell(place)}填的是“${raw.trim()}”（不适用）。本单位没有此类事项时，按格式要求应填 0，是否改为 0？`,
                cellLocation(place),
                basis,
              ),
            );
          } else if (value.state === 'invalid') {
            out.push(
              finding(
                'VALUE_INVALID',
                `${describeCell(place)}：${value.reason}。`,
                cellLocation(place),
                basis,
              ),
            );
          }
        }
      }
    }
    for (const extra of data.unrecognised) {
      const text = extra.cells
        .map((c) => c.trim())
        .filter(Boolean)
        .join(' | ');
      out.push(
        finding(
          'ROW_UNRECOGNISED',
          `${tableName(table)}中有一行无法对应到格式中的任何行（${extra.reason}）：“${text}”。其中的数字没有读入，请核对。`,
          { ...tableLoc, ...(extra.block ? { block: extra.block } : {}) },
          `${tid}|${text}`,
        ),
      );
    }
  }
  return out;
}
