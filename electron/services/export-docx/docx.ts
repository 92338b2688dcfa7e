/**
 * The report as a Word document (.docx) a clerk can keep editing in Word or WPS, built with the
 * `docx` library from the document outline (core/document/outline.ts): A4 with the margins of
 * the print layout (GB/T 9704: 天头 37 mm, 订口 28 mm, text block 156 × 225 mm), real styles
 * (正文 仿宋 三号 with a two-character first-line indent and exact 29 pt lines; 标题 小标宋 二号;
 * 标题 1 黑体 and 标题 2 楷体 with outline levels, so the navigation pane lists the six sections),
 * the tables as Word tables in the official layout (w:gridSpan / w:vMerge as in the print and
 * the editor, T3's and T4's header rows repeated on each page, values right-aligned), the 落款
 * placed as the print places it, and "— N —" page numbers (odd pages right, even pages left, or
 * centred).
 */
import {
  AlignmentType,
  BorderStyle,
  Document,
  Footer,
  LineRuleType,
  Packer,
  PageNumber,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  VerticalAlignTable,
  VerticalMergeType,
  WidthType,
  type IParagraphOptions,
  type IRunOptions,
} from 'docx';
import { strFromU8, strToU8, unzipSync, zipSync } from 'fflate';
import type { PageNumberMode } from '../../../core/api';
import {
  documentOutline,
  type DocBlock,
  type DocCell,
  type DocTable,
} from '../../../core/document/outline';
import { officialTitle, type Report } from '../../../core/model';
import { fontTableXml, runFonts } from './fonts';

/** Twips (1/20 pt) per millimetre. */
const MM = 1440 / 25.4;
export const PAGE_TWIPS = {
  width: Math.round(210 * MM),
  height: Math.round(297 * MM),
  top: Math.round(37 * MM),
  bottom: Math.round(35 * MM),
  left: Math.round(28 * MM),
  right: Math.round(26 * MM),
  /** The page number's line ends about 7 mm below the text block. */
  footer: Math.round(23 * MM),
  /** The text block's width: 156 mm. */
  block: Math.round(156 * MM),
};

/** Sizes in half-points: 二号 22 pt, 三号 16 pt, 四号 14 pt, 小四 12 pt, 五号 10.5 pt. */
export const SIZES = { title: 44, body: 32, pageNumber: 28, t2: 24, table: 21 } as const;
/** Exact line pitch of the text (29 pt: 22 lines on the 225 mm text block) and of the title. */
export const LINE_TWIPS = 580;
const TITLE_LINE_TWIPS = 720;
/** One body character (16 pt) in twips. */
const CHAR = 320;

export const STYLE_IDS = {
  title: 'Title',
  heading: ['Heading1', 'Heading2', 'Heading3', 'Heading4'],
  table: 'TableText',
  signature: 'Signature',
} as const;

export interface DocxOptions {
  readonly pageNumbers?: PageNumberMode;
  /** The document's creation time (ISO): the revision's, so that an export is reproducible. */
  readonly created?: string;
}

const exact = (line: number) => ({ line, lineRule: LineRuleType.EXACT, before: 0, after: 0 });
const bodyIndent = { firstLine: 2 * CHAR, firstLineChars: 200 };

function styles() {
  const heading = (font: 'hei' | 'kai' | 'fangsong', outlineLevel: number) => ({
    run: { font: runFonts(font), size: SIZES.body, bold: false, color: '000000' },
    paragraph: {
      spacing: exact(LINE_TWIPS),
      indent: bodyIndent,
      keepNext: true,
      keepLines: true,
      outlineLevel,
    },
  });
  return {
    default: {
      document: {
        run: {
          font: runFonts('fangsong'),
          size: SIZES.body,
          language: { eastAsia: 'zh-CN', value: 'zh-CN' },
        },
        paragraph: { spacing: exact(LINE_TWIPS), alignment: AlignmentType.BOTH },
      },
      title: {
        run: { font: runFonts('title'), size: SIZES.title, bold: false, color: '000000' },
        paragraph: {
          alignment: AlignmentType.CENTER,
          spacing: { ...exact(TITLE_LINE_TWIPS), after: LINE_TWIPS },
          keepNext: true,
          keepLines: true,
        },
      },
      heading1: heading('hei', 0),
      heading2: heading('kai', 1),
      heading3: heading('fangsong', 2),
      heading4: heading('fangsong', 3),
    },
    paragraphStyles: [
      {
        id: 'Normal',
        name: 'Normal',
        quickFormat: true,
        run: { font: runFonts('fangsong'), size: SIZES.body },
        paragraph: {
          spacing: exact(LINE_TWIPS),
          indent: bodyIndent,
          alignment: AlignmentType.BOTH,
        },
      },
      {
        id: STYLE_IDS.table,
        name: '表格文字',
        basedOn: 'Normal',
        quickFormat: true,
        run: { font: runFonts('fangsong'), size: SIZES.table },
        paragraph: {
          spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
          indent: { firstLine: 0, firstLineChars: 0 },
          alignment: AlignmentType.CENTER,
        },
      },
      {
        id: STYLE_IDS.signature,
        name: '落款',
        basedOn: 'Normal',
        next: 'Normal',
        quickFormat: true,
        paragraph: {
          indent: { firstLine: 0, firstLineChars: 0 },
          alignment: AlignmentType.RIGHT,
          keepNext: true,
          keepLines: true,
        },
      },
    ],
  };
}

function paragraphOf(
  block: Extract<DocBlock, { kind: 'paragraph' }>,
  keepNext: boolean,
): Paragraph {
  const keep = keepNext ? { keepNext: true } : {};
  if (block.level === 0) return new Paragraph({ text: block.text, ...keep });
  const style = STYLE_IDS.heading[block.level - 1] ?? STYLE_IDS.heading[0];
  return new Paragraph({ text: block.text, style, ...keep });
}

const BORDER = { style: BorderStyle.SINGLE, size: 4, color: '000000' } as const;
const ALIGN = {
  left: AlignmentType.LEFT,
  center: AlignmentType.CENTER,
  right: AlignmentType.RIGHT,
} as const;

/** Every grid column's width in twips (they add up to the text block's width). */
function gridWidths(table: DocTable): number[] {
  const widths = table.widths.map((w) => Math.floor(w * PAGE_TWIPS.block));
  widths[widths.length - 1]! += PAGE_TWIPS.block - widths.reduce((a, b) => a + b, 0);
  return widths;
}

/**
 * The Word rows of a table: in each grid row, the cells that start there and, under a cell
 * that spans rows, a continuation cell (w:vMerge continue) as wide as it.
 */
function tableOf(table: DocTable): Table {
  const widths = gridWidths(table);
  const width = (col: number, span: number) =>
    widths.slice(col, col + span).reduce((a, b) => a + b, 0);
  const size = table.table === '二' ? SIZES.t2 : SIZES.table;
  const spanning: DocCell[] = [];
  const last = table.rows.length - 1;
  // T2 (short, one section per block) is kept on one page; T3 and T4 repeat their header rows
  const keep = table.table === '二';
  const rows = table.rows.map((row, r) => {
    const cells: { col: number; cell: TableCell }[] = [];
    for (const above of spanning) {
      if (above.row < row.index && row.index < above.row + above.rowSpan) {
        cells.push({
          col: above.col,
          cell: new TableCell({
            children: [new Paragraph({ style: STYLE_IDS.table })],
            columnSpan: above.colSpan > 1 ? above.colSpan : undefined,
            verticalMerge: VerticalMergeType.CONTINUE,
            width: { size: width(above.col, above.colSpan), type: WidthType.DXA },
          }),
        });
      }
    }
    for (const cell of row.cells) {
      if (cell.rowSpan > 1) spanning.push(cell);
      const w = width(cell.col, cell.colSpan);
      cells.push({ col: cell.col, cell: cellOf(cell, w, size, keep && r < last) });
    }
    cells.sort((a, b) => a.col - b.col);
    return new TableRow({
      children: cells.map((c) => c.cell),
      tableHeader: row.repeat || undefined,
      cantSplit: true,
    });
  });
  return new Table({
    rows,
    width: { size: PAGE_TWIPS.block, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: BORDER,
      bottom: BORDER,
      left: BORDER,
      right: BORDER,
      insideHorizontal: BORDER,
      insideVertical: BORDER,
    },
  });
}

function cellOf(cell: DocCell, width: number, size: number, keepNext: boolean): TableCell {
  const run: IRunOptions = { text: cell.text, size };
  const paragraph: IParagraphOptions = {
    style: STYLE_IDS.table,
    alignment: ALIGN[cell.align],
    keepNext,
    children: cell.text ? [new TextRun(run)] : [],
  };
  return new TableCell({
    children: [new Paragraph(paragraph)],
    columnSpan: cell.colSpan > 1 ? cell.colSpan : undefined,
    verticalMerge: cell.rowSpan > 1 ? VerticalMergeType.RESTART : undefined,
    verticalAlign: VerticalAlignTable.CENTER,
    width: { size: width, type: WidthType.DXA },
    margins: { left: 57, right: 57, top: 28, bottom: 28 },
  });
}

function signatureOf(block: Extract<DocBlock, { kind: 'signature' }>): Paragraph[] {
  // two blank lines above the signature: room for the seal (as the print leaves)
  const out = [
    new Paragraph({ style: STYLE_IDS.signature }),
    new Paragraph({ style: STYLE_IDS.signature }),
  ];
  if (block.unit) {
    out.push(
      new Paragraph({
        style: STYLE_IDS.signature,
        text: block.unit,
        indent: { right: Math.round(block.unitIndent * CHAR), firstLine: 0 },
      }),
    );
  }
  if (block.date) {
    out.push(
      new Paragraph({
        style: STYLE_IDS.signature,
        text: block.date,
        keepNext: false,
        indent: { right: Math.round(block.dateIndent * CHAR), firstLine: 0 },
      }),
    );
  }
  return out;
}

function footer(alignment: 'left' | 'right' | 'center'): Footer {
  const side = CHAR * (SIZES.pageNumber / SIZES.body); // one 四号 character in from the edge
  return new Footer({
    children: [
      new Paragraph({
        alignment: ALIGN[alignment],
        spacing: { line: 240, lineRule: LineRuleType.AUTO, before: 0, after: 0 },
        indent: {
          firstLine: 0,
          firstLineChars: 0,
          ...(alignment === 'right' ? { right: side } : alignment === 'left' ? { left: side } : {}),
        },
        children: [
          new TextRun({
            font: runFonts('song'),
            size: SIZES.pageNumber,
            children: ['— ', PageNumber.CURRENT, ' —'],
          }),
        ],
      }),
    ],
  });
}

/** Builds the document's parts. */
function buildDocument(report: Report, options: DocxOptions): Document {
  const children: (Paragraph | Table)[] = [];
  const outline = documentOutline(report);
  outline.forEach((block, i) => {
    switch (block.kind) {
      case 'title':
        children.push(
          new Paragraph({
            style: STYLE_IDS.title,
            children: block.lines.map(
              (line, i) => new TextRun({ text: line, break: i > 0 ? 1 : 0 }),
            ),
          }),
        );
        break;
      case 'paragraph':
        // the last paragraph goes with the signature: the signature never stands alone on a page
        children.push(paragraphOf(block, outline[i + 1]?.kind === 'signature'));
        break;
      case 'table':
        children.push(tableOf(block.table));
        // a paragraph after a table keeps the next table or text apart from it
        children.push(new Paragraph({ style: STYLE_IDS.table }));
        break;
      case 'signature':
        children.push(...signatureOf(block));
        break;
    }
  });
  const alternate = (options.pageNumbers ?? 'alternate') === 'alternate';
  const title = report.title.trim() || officialTitle(report.unit.name, report.year);
  const unit = (report.signature.unit || report.unit.name).trim();
  return new Document({
    creator: unit || '年报 Nianbao',
    lastModifiedBy: '年报 Nianbao',
    title,
    subject: `${report.year}年政府信息公开工作年度报告`,
    keywords: `政府信息公开;年度报告;${report.year}`,
    evenAndOddHeaderAndFooters: alternate,
    styles: styles(),
    sections: [
      {
        properties: {
          page: {
            size: { width: PAGE_TWIPS.width, height: PAGE_TWIPS.height },
            margin: {
              top: PAGE_TWIPS.top,
              bottom: PAGE_TWIPS.bottom,
              left: PAGE_TWIPS.left,
              right: PAGE_TWIPS.right,
              header: Math.round(15 * MM),
              footer: PAGE_TWIPS.footer,
              gutter: 0,
            },
          },
        },
        footers: alternate
          ? { default: footer('right'), even: footer('left') }
          : { default: footer('center') },
        children,
      },
    ],
  });
}

/**
 * The .docx bytes of a report. The font table is replaced by one that names each official
 * font's alternative (see fonts.ts); the creation time is the one given (reproducible bytes).
 */
export async function reportDocx(report: Report, options: DocxOptions = {}): Promise<Uint8Array> {
  const packed = new Uint8Array(await Packer.toArrayBuffer(buildDocument(report, options)));
  const files = unzipSync(packed);
  files['word/fontTable.xml'] = strToU8(fontTableXml());
  const created = options.created ?? new Date(Date.UTC(report.year + 1, 0, 1)).toISOString();
  const core = files['docProps/core.xml'];
  if (core) {
    const stamp = created.replace(/\.\d{3}Z$/u, 'Z');
    files['docProps/core.xml'] = strToU8(
      strFromU8(core).replace(
        /(<dcterms:(?:created|modified)[^>]*>)[^<]*(<\/dcterms:(?:created|modified)>)/gu,
        `$1${stamp}$2`,
      ),
    );
  }
  const fixed = new Date(created);
  const zipped: Record<string, [Uint8Array, { mtime: Date }]> = {};
  for (const [name, data] of Object.entries(files)) zipped[name] = [data, { mtime: fixed }];
  return zipSync(zipped, { level: 6 });
}
