/**
 * .docx as written by Word or WPS: reads word/document.xml (OOXML) directly. Paragraph text
 * comes from w:t runs (however Word split them); deleted text, field codes and fallback
 * copies are skipped; table cells keep w:gridSpan and w:vMerge as spans.
 */
import { Parser } from 'htmlparser2';
import { ReportFileError } from '../model';
import type { DocBlock, GridCell } from './doc';
import { ZipError, readZipEntry, zipEntries, type ZipEntry } from './zip';

/** Uncompressed size above which document.xml is refused (a report is far below). */
const MAX_XML_BYTES = 64 * 1024 * 1024;

interface CellDraft {
  content: DocxNode[];
  gridSpan: number;
  vMerge: 'restart' | 'continue' | null;
}

export function unzipDocx(bytes: Uint8Array): string {
  const damaged = () =>
    new ReportFileError(
      '文件看起来是 .docx，但已损坏，无法解压。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
    );
  let entries: ZipEntry[];
  try {
    entries = zipEntries(bytes);
  } catch {
    throw damaged();
  }
  const names = entries.map((e) => e.name);
  const entry = entries.find((e) => e.name === 'word/document.xml');
  const files: Record<string, Uint8Array> = {};
  if (entry) {
    try {
      files['word/document.xml'] = readZipEntry(bytes, entry, MAX_XML_BYTES);
    } catch (error) {
      const reason = error instanceof ZipError ? error.reason : 'damaged';
      if (reason === 'too-large') {
        throw new ReportFileError('Word 文档的正文部分过大，不像是一份年度报告。');
      }
      if (reason === 'mismatch') {
        throw new ReportFileError(
          'Word 文档的压缩数据与其记录的大小或校验值不符（文件已损坏，或是被故意构造的），没有导入。请用 Word 或 WPS 打开后重新“另存为 .docx”。',
        );
      }
      throw damaged();
    }
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

type DocxNode = { kind: 'p'; text: string } | DocxTable;

interface DocxTable {
  kind: 'tbl';
  rows: CellDraft[][];
  gridBefore: number[];
}

/** Parses document.xml into paragraphs and tables (see `emit` for layout tables). */
export function docxXmlToBlocks(xml: string): DocBlock[] {
  const body: DocxNode[] = [];
  // open tables, innermost last, with the row and cell being read
  const tables: { table: DocxTable; row: CellDraft[] | null; cell: CellDraft | null }[] = [];
  // open paragraphs, innermost last (a text box's paragraphs open inside a paragraph)
  const paras: string[][] = [];
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

  const container = (): DocxNode[] => tables[tables.length - 1]?.cell?.content ?? body;
  const current = () => paras[paras.length - 1];

  const parser = new Parser(
    {
      onopentag(name, attribs) {
        if (skipDepth > 0 || SKIP.has(name)) {
          skipDepth++;
          return;
        }
        const open = tables[tables.length - 1];
        switch (name) {
          case 'w:p':
            paras.push([]);
            break;
          case 'w:t':
            inText = true;
            break;
          case 'w:tab':
            current()?.push(open?.cell ? '' : ' ');
            break;
          case 'w:br':
          case 'w:cr':
            if (attribs['w:type'] !== 'page' && attribs['w:type'] !== 'column') {
              current()?.push('\n');
            }
            break;
          case 'w:noBreakHyphen':
            current()?.push('-');
            break;
          case 'w:tbl': {
            const table: DocxTable = { kind: 'tbl', rows: [], gridBefore: [] };
            container().push(table);
            tables.push({ table, row: null, cell: null });
            break;
          }
          case 'w:tr':
            if (open) {
              open.row = [];
              open.table.gridBefore.push(0);
            }
            break;
          case 'w:gridBefore':
            if (open) {
              const before = open.table.gridBefore;
              before[before.length - 1] = Number(attribs['w:val'] ?? 0) || 0;
            }
            break;
          case 'w:tc':
            if (open) open.cell = { content: [], gridSpan: 1, vMerge: null };
            break;
          case 'w:gridSpan':
            if (open?.cell) {
              open.cell.gridSpan = Math.max(1, Math.min(100, Number(attribs['w:val'] ?? 1) || 1));
            }
            break;
          case 'w:vMerge':
            if (open?.cell) {
              open.cell.vMerge = attribs['w:val'] === 'restart' ? 'restart' : 'continue';
            }
            break;
        }
      },
      ontext(text) {
        if (skipDepth === 0 && inText) current()?.push(text);
      },
      onclosetag(name) {
        if (skipDepth > 0) {
          skipDepth--;
          return;
        }
        const open = tables[tables.length - 1];
        switch (name) {
          case 'w:t':
            inText = false;
            break;
          case 'w:p': {
            const parts = paras.pop();
            if (parts) container().push({ kind: 'p', text: parts.join('') });
            break;
          }
          case 'w:tc':
            if (open?.cell && open.row) open.row.push(open.cell);
            if (open) open.cell = null;
            break;
          case 'w:tr':
            if (open?.row) open.table.rows.push(open.row);
            if (open) open.row = null;
            break;
          case 'w:tbl':
            tables.pop();
            break;
        }
      },
    },
    { xmlMode: true, decodeEntities: true },
  );
  parser.write(xml);
  parser.end();
  const blocks: DocBlock[] = [];
  emit(body, blocks);
  return blocks;
}

function textOf(nodes: readonly DocxNode[]): string {
  return nodes
    .map((n) =>
      n.kind === 'p'
        ? n.text.replace(/\n/g, '')
        : n.rows.map((r) => r.map((c) => textOf(c.content)).join('')).join(''),
    )
    .join('');
}

/**
 * A table used for page layout (a report pasted from a web page into Word often sits in one),
 * not a table of figures: it holds a table, has fewer than two rows or four cells, or a cell
 * holds a long text.
 */
function isLayoutTable(table: DocxTable): boolean {
  const cells = table.rows.flat();
  if (table.rows.length < 2 || cells.length < 4) return true;
  return cells.some(
    (c) =>
      c.content.some((n) => n.kind === 'tbl') || textOf(c.content).replace(/\s+/g, '').length > 300,
  );
}

/** Paragraphs and data tables in reading order; layout tables are read cell by cell. */
function emit(nodes: readonly DocxNode[], blocks: DocBlock[]): void {
  for (const node of nodes) {
    if (node.kind === 'p') {
      for (const part of node.text.split('\n'))
        if (part.trim()) blocks.push({ kind: 'p', text: part });
    } else if (isLayoutTable(node)) {
      for (const row of node.rows) {
        for (const cell of row) if (cell.vMerge !== 'continue') emit(cell.content, blocks);
      }
    } else {
      blocks.push({ kind: 'table', rows: toGrid(node.rows, node.gridBefore) });
    }
  }
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
        } else out[col] = { text: textOf(cell.content), spanned: i > 0 };
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
