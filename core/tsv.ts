/**
 * Tab-separated text as spreadsheets put it on the clipboard (Excel, WPS, LibreOffice Calc):
 * cells separated by tabs, rows by CRLF (or LF, or CR), usually a trailing line break; a cell
 * holding a tab, a line break or starting with a quote is written in double quotes with its
 * quotes doubled.
 */

/**
 * The rows of clipboard text. A trailing line break ends the last row (it does not add an
 * empty one); empty cells are kept (`"1\t\t3"` → `["1", "", "3"]`); rows may differ in length.
 * A cell that starts with a quote but is not well-formed quoting is read literally up to the
 * next tab or line break.
 */
export function parseTsv(text: string): string[][] {
  // one trailing line break (Excel always adds one) ends the last row
  let body = text;
  if (body.endsWith('\r\n')) body = body.slice(0, -2);
  else if (body.endsWith('\n') || body.endsWith('\r')) body = body.slice(0, -1);
  const n = body.length;
  const rows: string[][] = [];
  let row: string[] = [];
  let i = 0;
  for (;;) {
    const quoted = body[i] === '"' ? readQuoted(body, i) : null;
    if (quoted) {
      row.push(quoted.value);
      i = quoted.next;
    } else {
      let j = i;
      while (j < n && body[j] !== '\t' && body[j] !== '\n' && body[j] !== '\r') j++;
      row.push(body.slice(i, j));
      i = j;
    }
    if (i >= n) {
      rows.push(row);
      return rows;
    }
    if (body[i] === '\t') {
      i++;
      continue;
    }
    i += body[i] === '\r' && body[i + 1] === '\n' ? 2 : 1;
    rows.push(row);
    row = [];
  }
}

/** A well-formed quoted cell at `start`: `"…"` followed by a tab, a line break or the end. */
function readQuoted(text: string, start: number): { value: string; next: number } | null {
  const end = text.length;
  let value = '';
  let i = start + 1;
  while (i < end) {
    const c = text[i];
    if (c === '"') {
      if (text[i + 1] === '"') {
        value += '"';
        i += 2;
        continue;
      }
      const after = i + 1;
      if (after >= end || text[after] === '\t' || text[after] === '\n' || text[after] === '\r') {
        return { value, next: after };
      }
      return null;
    }
    value += c;
    i++;
  }
  return null;
}

/** Whether clipboard text is a block of cells (more than one cell), not one value. */
export function isBlock(text: string): boolean {
  const rows = parseTsv(text);
  return rows.length > 1 || (rows[0]?.length ?? 0) > 1;
}

/** One cell as a spreadsheet expects it: quoted when it holds a tab, a line break or a quote. */
function quoteCell(cell: string): string {
  return /[\t\r\n"]/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
}

/** Rows of cells as clipboard text: tabs between cells, CRLF between rows, no trailing break. */
export function formatTsv(rows: readonly (readonly string[])[]): string {
  return rows.map((row) => row.map(quoteCell).join('\t')).join('\r\n');
}
