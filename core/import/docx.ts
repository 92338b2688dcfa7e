/**
 * .docx as written by Word or WPS: reads word/document.xml (OOXML) directly. Paragraph text
 * comes from w:t runs (however Word split them); deleted text, field codes and fallback
 * copies are skipped; table cells keep w:gridSpan and w:vMerge as spans.
 */
import { unzipSync } from 'fflate';
import { Parser } from 'htmlparser2';
import { ReportFileError } from '../model';
import type { DocBlock, GridCell } from './doc';

/** Uncompressed size above which document.xml is refused (a report is far below). */
const MAX_XML_BYTES = 64 * 1024 * 1024;

interface CellDraft {
  text: string;
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}

export function unzipDocx(bytes: Uint8Array): string {
  let files: Record<string, Uint8Array>;
  const names: string[] = [];
  try {
    files = unzipSync(bytes, {
      filter: (f) => {
        names.push(f.name);
        return f.name === 'word/document.xml' && f.originalSize <= MAX_XML_BYTES;
      },
    });
  } catch {
    throw new ReportFileError(
      '文件看起来是 .docx，但已损坏，无法解压。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
    );
  }
  const xml = files['word/document.xml'];
  if (!xml) {
    if (names.includes('word/document.xml')) {
      throw new ReportFileError('Word 文档的正文部分过大，不像是一份年度报告。');
    }
    const other = names.some((n) => n.startsWith('xl/'))
      ? 'Excel 表格（.xlsx）'
      : names.some((n) => n.startsWith('ppt/'))
        ? 'PowerPoint 演示文稿（.pptx）'
        : names.includes('mimetype') || names.includes('content.xml')
          ? 'OpenDocument 文档（.odt）'
          : null;
    if (other) {
      throw new ReportFileError(
        `这个文件是 ${other}，不是 Word 文档。请用 Word 或 WPS 打开报告后“另存为” Word 文档（.docx）或网页（.html）。`,
      );
    }
    throw new ReportFileError(
      '这个文件是一个压缩包，里面没有 Word 文档。如果报告在压缩包里，请先解压，再导入其中的报告文件。',
    );
  }
  try {
    return new TextDecoder('utf-8', { fatal: true }).decode(xml);
  } catch {
    throw new ReportFileError(
      'Word 文档的正文编码有误，无法读取。请用 Word 或 WPS 重新另存为 .docx。',
    );
  }
}

/** Parses document.xml into paragraphs and tables. */
export function docxXmlToBlocks(xml: string): DocBlock[] {
  const blocks: DocBlock[] = [];
  // Each open table: its rows (grid positions) and the row/cell being read.
  const tables: {
    rows: CellDraft[][];
    gridBefore: number[];
    row: CellDraft[] | null;
    cell: CellDraft | null;
  }[] = [];
  let para: string[] | null = null;
  let inText = false;
  let skipDepth = 0;

  const SKIP = new Set([
    'w:delText',
    'w:instrText',
    'mc:Fallback',
    'w:rPr',
    'w:pPr',
    'w:footnoteReference',
    'w:endnoteReference',
  ]);

  const endParagraph = () => {
    if (!para) return;
    const text = para.join('');
    para = null;
    const table = tables[tables.length - 1];
    if (table?.cell) {
      table.cell.text += text.replace(/\n/g, '');
    } else {
      for (const part of text.split('\n')) if (part.trim()) blocks.push({ kind: 'p', text: part });
    }
  };

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0 || SKIP.has(name)) {
          skipDepth++;
          return;
        }
        const table = tables[tables.length - 1];
        switch (name) {
          case 'w:p':
            if (!para) para = [];
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            para?.push(table?.cell ? '' : ' ');
            break;
          case 'w:br':
          case 'w:cr':
            if (attribs['w:type'] !== 'page' && attribs['w:type'] !== 'column') para?.push('\n');
            break;
          case 'w:noBreakHyphen':
            para?.push('-');
            break;
          case 'w:tbl':
            endParagraph();
            tables.push({ rows: [], gridBefore: [], row: null, cell: null });
            break;
          case 'w:tr':
            if (table) {
              table.row = [];
              table.gridBefore.push(0);
            }
            break;
          case 'w:gridBefore':
            if (table)
              table.gridBefore[table.gridBefore.length - 1] = Number(attribs['w:val'] ?? 0) || 0;
            break;
          case 'w:tc':
            if (table) table.cell = { text: '', gridSpan: 1, vMerge: null };
            break;
          case 'w:gridSpan':
            if (table?.cell)
              table.cell.gridSpan = Math.max(1, Math.min(100, Number(attribs['w:val'] ?? 1) || 1));
            break;
          case 'w:vMerge':
            if (table?.cell)
              table.cell.vMerge = attribs['w:val'] === 'restart' ? 'restart' : 'continue';
            break;
        }
      },
      ontext(text) {
        if (skipDepth === 0 && inText && para) para.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const table = tables[tables.length - 1];
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:p':
            endParagraph();
            break;
          case 'w:tc':
            endParagraph();
            if (table?.cell && table.row) table.row.push(table.cell);
            if (table) table.cell = null;
            break;
          case 'w:tr':
            if (table?.row) table.rows.push(table.row);
            if (table) table.row = null;
            break;
          case 'w:tbl': {
            const done = tables.pop();
            if (!done) break;
            const grid = toGrid(done.rows, done.gridBefore);
            const outer = tables[tables.length - 1];
            if (outer?.cell) {
              // a table nested in a cell: its text joins the cell
              outer.cell.text += grid
                .map((r) => r.map((c) => (c.spanned ? '' : c.text)).join(''))
                .join('');
            } else blocks.push({ kind: 'table', rows: grid });
            break;
          }
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  endParagraph();
  return blocks;
}

function toGrid(rows: CellDraft[][], gridBefore: number[]): GridCell[][] {
  const grid: GridCell[][] = [];
  for (const [r, row] of rows.entries()) {
    const out: GridCell[] = [];
    let col = gridBefore[r] ?? 0;
    for (let c = 0; c < col; c++) out[c] = { text: '', spanned: false };
    for (const cell of row) {
      for (let i = 0; i < cell.gridSpan; i++) {
        if (cell.vMerge === 'continue') {
          const above = grid[r - 1]?.[col];
          out[col] = { text: above?.text ?? '', spanned: true };
        } else out[col] = { text: cell.text, spanned: i > 0 };
        col++;
      }
    }
    grid.push(out);
  }
  return grid;
}

export function docxToBlocks(bytes: Uint8Array): DocBlock[] {
  return docxXmlToBlocks(unzipDocx(bytes));
}
