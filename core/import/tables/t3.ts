/**
 * T3 (收到和处理政府信息公开申请情况): one block of seven columns, rows found by their (most
 * specific) label. A header repeated further down (the table continued on a new page, or one
 * small table per row) starts afresh.
 */
import { FORMATS, type FormatVersion } from '../../formats';
import type { TableData } from '../../model';
import { assign, type Layout } from './assign';
import { layoutsFor } from './columns';
import { Claims, emptyData, keep, put, settle, type OpenRow } from './data';
import { rowConsistent } from './identities';
import { identifyRow } from './identify';
import { kindOf, type Header, type Part, type RecordPart } from './lines';
import { isNumberLike } from './vocabulary';

/** The cells of a record as written, for a row kept unplaced. */
export function recordCells(record: RecordPart): string[] {
  if (record.row) return record.row.filter((c) => !c.spanned).map((c) => c.text);
  return [...record.labels, ...record.values].map((c) => c.text);
}

/** Grid column of a record's label (its last label cell), -1 without one. */
export function labelAt(record: RecordPart): number {
  return record.labels[record.labels.length - 1]?.col ?? -1;
}

/** Text after a record, up to the next values: where a wrapped label's end may be. */
export function followingText(parts: readonly Part[], index: number): string {
  const next = parts[index + 1];
  return next?.kind === 'record' ? next.labels.map((c) => c.text).join('') : '';
}

export function readT3(parts: readonly Part[], format: FormatVersion): TableData {
  const block = FORMATS[format].tables['三'].blocks[0]!;
  const data = emptyData();
  const open: OpenRow[] = [];
  const claims = new Claims();
  let headers: Header[] = [];
  let layouts: Layout[] = layoutsFor([], block.columns);
  let inHeader = true;
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'caption' || part.kind === 'context') continue;
    if (part.kind === 'header') {
      if (!inHeader) headers = []; // a repeated header
      inHeader = true;
      headers.push(part);
      layouts = layoutsFor(headers, block.columns);
      continue;
    }
    inHeader = false;
    const hit = identifyRow(part.labels, block.rows, followingText(parts, index));
    const cells = recordCells(part);
    if (!hit) {
      if (part.values.some((c) => isNumberLike(c.text))) keep(data, cells, '行名无法识别');
      continue;
    }
    // a label with nothing after it at all: a group heading, not a row
    if (!part.values.length) continue;
    const values = part.values.map((c) => c.text.trim());
    const waiting = open.findIndex((o) => o.row === hit.def.id);
    if (waiting >= 0) {
      // not placed yet: neither reading is trusted
      const reason = `“${hit.def.label}”行出现两次，无法判断哪一行是它`;
      keep(data, open.splice(waiting, 1)[0]!.cells, reason, undefined, hit.def.id);
      keep(data, cells, reason, undefined, hit.def.id);
      continue;
    }
    if (data.blocks[block.id]?.rows[hit.def.id]) {
      claims.again(data, block, hit.def, cells, values);
      continue;
    }
    claims.note(block, hit.def.id, cells, values);
    const label = hit.match === 'partial' ? hit.text : undefined;
    const a = assign({ ...part, labelAt: labelAt(part) }, layouts, (reading) =>
      rowConsistent(format, '三', block.id, hit.def.id, reading),
    );
    const columns = a.layout.order.map((c) => c.id);
    if (a.kind === 'placed') put(data, block, hit.def.id, a.cells, columns, label);
    else if (a.kind === 'open')
      open.push({
        block,
        row: hit.def.id,
        readings: a.readings,
        columns,
        ...(label !== undefined ? { label } : {}),
        cells,
        reason: a.reason,
      });
    else keep(data, cells, a.reason, undefined, hit.def.id);
  }
  settle(data, open, format, '三');
  return data;
}

/** Whether a record holds values only (no label): text taken out of order. */
export function valuesOnly(record: RecordPart): boolean {
  return record.unlabelled && record.values.some((c) => kindOf(c) === 'value');
}
