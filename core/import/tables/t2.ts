/**
 * T2 (主动公开政府信息情况): blocks with a caption ("第二十条第（一）项") and a header starting
 * with 信息内容. A row's label names its block (every T2 row label is unique), whatever caption
 * stands above it.
 */
import { FORMATS, type BlockDef, type FormatVersion, type RowDef } from '../../formats';
import type { TableData } from '../../model';
import { labelKey } from '../../text';
import { assign } from './assign';
import { layoutsFor } from './columns';
import { Claims, emptyData, keep, put } from './data';
import { identifyRow } from './identify';
import type { Header, Part } from './lines';
import { followingText, labelAt, recordCells } from './t3';
import { isNumberLike } from './vocabulary';

const CAPTION = /第二十条第[（(]([一二三四五六七八九十]+)[)）]项/u;

/** Whether a line is nothing but a T2 block caption ("第二十条第（一）项"). */
export function isT2Caption(text: string): boolean {
  const t = text.normalize('NFKC').replace(/[\s\u3000]+/gu, '');
  const m = CAPTION.exec(t);
  return m !== null && m[0].length === t.length;
}

type T2Row = RowDef & { readonly block: BlockDef };

export function readT2(parts: readonly Part[], format: FormatVersion): TableData {
  const table = FORMATS[format].tables['二'];
  const data = emptyData();
  const rows: T2Row[] = table.blocks.flatMap((block) => block.rows.map((r) => ({ ...r, block })));
  let current: BlockDef | null = null;
  let headers: Header[] = [];
  let afterRecord = false;
  const claims = new Claims();
  for (const [index, part] of parts.entries()) {
    if (part.kind === 'context') continue;
    if (part.kind === 'caption') {
      const m = CAPTION.exec(part.text.normalize('NFKC'));
      const found = m
        ? table.blocks.find((b) => labelKey(b.caption) === labelKey(`第二十条第（${m[1]}）项`))
        : undefined;
      if (found !== current || afterRecord) headers = [];
      current = found ?? null;
      afterRecord = false;
      if (!found) keep(data, [part.text], `本年度格式没有“${part.text}”这一部分`);
      continue;
    }
    if (part.kind === 'header') {
      if (afterRecord) headers = [];
      afterRecord = false;
      headers.push(part);
      continue;
    }
    afterRecord = true;
    const hit = identifyRow(part.labels, rows, followingText(parts, index));
    const cells = recordCells(part);
    if (!hit) {
      if (part.values.some((c) => isNumberLike(c.text)))
        keep(data, cells, '行名无法识别', current?.caption);
      continue;
    }
    const block = hit.def.block;
    current = block;
    if (!part.values.length) continue;
    const values = part.values.map((c) => c.text.trim());
    if (data.blocks[block.id]?.rows[hit.def.id]) {
      claims.again(data, block, hit.def, cells, values);
      continue;
    }
    claims.note(block, hit.def.id, cells, values);
    const a = assign(
      { ...part, labelAt: labelAt(part) },
      layoutsFor(headers, block.columns),
      () => null,
    );
    const label = hit.match === 'partial' ? hit.text : undefined;
    if (a.kind === 'placed') {
      put(
        data,
        block,
        hit.def.id,
        a.cells,
        a.layout.order.map((c) => c.id),
        label,
      );
    } else {
      const reason = a.kind === 'open' ? a.reason : a.reason;
      keep(
        data,
        cells,
        headers.length ? reason : '表头缺失，数值无法对应到列',
        block.caption,
        hit.def.id,
      );
    }
  }
  return data;
}
