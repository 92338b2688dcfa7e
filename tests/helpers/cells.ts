/**
 * Comparing the table cells of an imported report with the truth: every cell of the truth is
 * right (the same text, white space aside), blank (not read, and so reported by the checks) or
 * wrong — the one outcome import must never give.
 */
import { normaliseCellText } from '../../core/cells';
import type { Report } from '../../core/model';

/** "二/art20_1/rules/issued" → the cell's raw text, for every cell of every table. */
export function tableCells(report: Report): Map<string, string> {
  const out = new Map<string, string>();
  for (const [sid, section] of Object.entries(report.sections)) {
    for (const [bid, block] of Object.entries(section?.table?.blocks ?? {})) {
      for (const [rid, row] of Object.entries(block.rows)) {
        for (const [cid, raw] of Object.entries(row.cells))
          out.set(`${sid}/${bid}/${rid}/${cid}`, raw);
      }
    }
  }
  return out;
}

export interface CellComparison {
  readonly right: number;
  readonly blank: string[];
  readonly wrong: string[];
}

export function compareCells(got: Report, truth: Report | Map<string, string>): CellComparison {
  const want = truth instanceof Map ? truth : tableCells(truth);
  const have = tableCells(got);
  let right = 0;
  const blank: string[] = [];
  const wrong: string[] = [];
  for (const [key, raw] of want) {
    const a = normaliseCellText(have.get(key) ?? '');
    const b = normaliseCellText(raw);
    if (a === b) right++;
    else if (a === '') blank.push(`${key} (${raw})`);
    else wrong.push(`${key}: ${have.get(key)} ≠ ${raw}`);
  }
  return { right, blank, wrong };
}
