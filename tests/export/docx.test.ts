// The Word export (issue 16, item 1), read as XML: A4 with the print layout's margins, the
// styles (正文 仿宋 三号 first-line indent two characters, exact 29 pt lines; 标题 小标宋 二号;
// 标题 1/2 黑体/楷体 with outline levels), the East Asian font slots and the fonts' alternatives,
// the three tables as Word tables whose merges (gridSpan, vMerge) are the official layout's in
// both formats, header rows repeated, values right-aligned, "— N —" page numbers; and opened by
// LibreOffice (an independent reader) and converted to PDF: every section, every table label
// and every number, in reading order.
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { documentOutline, widthEm } from '../../core/document/outline';
import { SECTION_IDS, sectionDef, type TableId } from '../../core/formats';
import type { Report } from '../../core/model';
import { layoutRows, officialLayout } from '../../core/table-layout';
import { LINE_TWIPS, PAGE_TWIPS, reportDocx } from '../../electron/services/export-docx/docx';
import { WORD_FONTS } from '../../electron/services/export-docx/fonts';
import { docxParts, docxTables, expectedCells } from '../helpers/documents';
import { pdfText, requirePoppler } from '../helpers/pdf';
import { balancedReport } from '../helpers/reports';
import { draftReport } from './reports';

const TABLES: readonly TableId[] = ['二', '三', '四'];

describe.each([
  ['2021', () => balancedReport(2021)],
  ['2019', () => balancedReport(2020)],
])('the %s format as Word XML', (_, make) => {
  const report = make();

  it('has the three tables with the official layout’s merges, header rows and alignment', async () => {
    const parts = docxParts(await reportDocx(report));
    const tables = docxTables(parts['word/document.xml']!);
    expect(tables).toHaveLength(3);
    TABLES.forEach((id, k) => {
      const table = tables[k]!;
      const want = expectedCells(report, id);
      const got = table.cells.map(({ align: _a, ...cell }) => cell);
      expect(got, `表${id}`).toEqual(want);
      // the merges are really there (not only reconstructed)
      const spanned = want.filter((c) => c.colSpan > 1).length;
      const tall = want.filter((c) => c.rowSpan > 1);
      expect(table.gridSpans).toBeGreaterThanOrEqual(spanned);
      expect(table.vMergeRestarts).toBe(tall.length);
      expect(table.vMergeContinues).toBe(tall.reduce((n, c) => n + c.rowSpan - 1, 0));
      // the grid fills the text block
      expect(table.grid.reduce((a, b) => a + b, 0)).toBe(PAGE_TWIPS.block);
      // header rows of the whole table repeat on every page (T3, T4); no other row does
      const head = officialLayout(report.format, id).head.length;
      expect(table.header.filter(Boolean).length, `表${id} header rows`).toBe(head);
      expect(table.header.slice(0, head).every(Boolean)).toBe(true);
      // values right, row labels left, headers centred
      const kinds = new Map(
        layoutRows(officialLayout(report.format, id))
          .flatMap((r) => r.cells)
          .map((c) => [`${c.row},${c.col}`, c.kind]),
      );
      for (const cell of table.cells) {
        const kind = kinds.get(`${cell.row},${cell.col}`);
        const want = kind === 'value' ? 'right' : kind === 'label' ? 'left' : 'center';
        expect(cell.align, `表${id} ${kind} at ${cell.row},${cell.col}`).toBe(want);
      }
    });
    // T2 and T3 both span rows and columns in this format
    expect(tables[1]!.vMergeRestarts).toBeGreaterThan(3);
    expect(tables[0]!.gridSpans).toBeGreaterThan(3);
  });
});

describe('Word styles, fonts and page', () => {
  const report = balancedReport(2021);
  const parts = async () => docxParts(await reportDocx(report));

  it('A4 with the margins of the print layout and "— N —" page numbers, odd right / even left', async () => {
    const p = await parts();
    const doc = p['word/document.xml']!;
    expect(doc).toMatch(/<w:pgSz w:w="11906" w:h="16838"/u);
    const mar = /<w:pgMar ([^>]*)\/>/u.exec(doc)![1]!;
    const attr = (n: string) => Number(new RegExp(`w:${n}="(\\d+)"`, 'u').exec(mar)![1]);
    const mm = (tw: number) => (tw / 1440) * 25.4;
    expect(mm(attr('top'))).toBeCloseTo(37, 0);
    expect(mm(attr('left'))).toBeCloseTo(28, 0);
    expect(mm(attr('right'))).toBeCloseTo(26, 0);
    expect(mm(attr('bottom'))).toBeCloseTo(35, 0);
    // text block 156 mm wide
    expect(mm(11906 - attr('left') - attr('right'))).toBeCloseTo(156, 0);
    expect(p['word/settings.xml']).toContain('<w:evenAndOddHeaders/>');
    const footers = Object.entries(p).filter(([n]) => /^word\/footer\d+\.xml$/u.test(n));
    expect(footers).toHaveLength(2);
    const aligns = footers.map(([, xml]) => /<w:jc w:val="(\w+)"/u.exec(xml)![1]).sort();
    expect(aligns).toEqual(['left', 'right']);
    for (const [, xml] of footers) {
      expect(xml).toMatch(/— <\/w:t>/u);
      expect(xml).toMatch(/PAGE/u);
      expect(xml).toMatch(/> —<\/w:t>/u);
    }
    const centred = docxParts(await reportDocx(report, { pageNumbers: 'centre' }));
    expect(centred['word/settings.xml']).not.toContain('<w:evenAndOddHeaders/>');
  });

  it('real styles: body 仿宋 三号 indented two characters on exact 29 pt lines, title, headings with outline levels', async () => {
    const styles = (await parts())['word/styles.xml']!;
    const style = (id: string) => {
      const m = new RegExp(`<w:style [^>]*w:styleId="${id}"[^>]*>.*?</w:style>`, 'su').exec(styles);
      expect(m, `style ${id}`).not.toBeNull();
      return m![0];
    };
    const eastAsia = (xml: string) => /w:eastAsia="([^"]+)"/u.exec(xml)?.[1];
    const normal = style('Normal');
    expect(eastAsia(normal)).toBe('仿宋_GB2312');
    expect(normal).toContain('<w:sz w:val="32"/>');
    expect(normal).toMatch(/w:firstLineChars="200"/u);
    expect(normal).toMatch(new RegExp(`w:line="${LINE_TWIPS}" w:lineRule="exact"`, 'u'));
    expect(LINE_TWIPS / 20).toBeGreaterThanOrEqual(28);
    expect(LINE_TWIPS / 20).toBeLessThanOrEqual(29);
    const title = style('Title');
    expect(eastAsia(title)).toBe('方正小标宋简体');
    expect(title).toContain('<w:sz w:val="44"/>');
    expect(title).toContain('<w:jc w:val="center"/>');
    const h1 = style('Heading1');
    expect(eastAsia(h1)).toBe('黑体');
    expect(h1).toContain('<w:outlineLvl w:val="0"/>');
    expect(h1).toContain('<w:sz w:val="32"/>');
    const h2 = style('Heading2');
    expect(eastAsia(h2)).toBe('楷体_GB2312');
    expect(h2).toContain('<w:outlineLvl w:val="1"/>');
    // every slot named (digits and Latin letters in the same face), with the East Asian hint
    for (const xml of [normal, title, h1, h2]) {
      const fonts = /<w:rFonts ([^>]*)\/>/u.exec(xml)![1]!;
      for (const slot of ['ascii', 'hAnsi', 'eastAsia', 'cs'])
        expect(fonts).toContain(`w:${slot}="`);
      expect(fonts).toContain('w:hint="eastAsia"');
    }
  });

  it('the six section headings are 标题 1 paragraphs (the navigation pane lists them), in order', async () => {
    const doc = (await parts())['word/document.xml']!;
    const headings = [
      ...doc.matchAll(/<w:p>(?:(?!<\/w:p>).)*?<w:pStyle w:val="Heading1"\/>(.*?)<\/w:p>/gsu),
    ].map((m) => [...m[1]!.matchAll(/<w:t[^>]*>([^<]*)<\/w:t>/gu)].map((t) => t[1]).join(''));
    expect(headings).toEqual(SECTION_IDS.map((id) => report.sections[id]!.heading));
    expect(doc).toContain('<w:pStyle w:val="Title"/>');
  });

  it('the font table names each official font with the font Word and WPS take when it is missing', async () => {
    const table = (await parts())['word/fontTable.xml']!;
    const alt = (name: string) =>
      new RegExp(`<w:font w:name="${name}"><w:altName w:val="([^"]+)"/>`, 'u').exec(table)?.[1];
    expect(alt('仿宋_GB2312')).toBe('仿宋');
    expect(alt('仿宋')).toBe('FangSong');
    expect(alt('方正小标宋简体')).toBe('宋体');
    expect(alt('黑体')).toBe('SimHei');
    expect(alt('楷体_GB2312')).toBe('楷体');
    expect(alt('楷体')).toBe('KaiTi');
    expect(table).toMatch(/<w:font w:name="仿宋_GB2312">.*?<w:charset w:val="86"\/>/su);
    for (const font of Object.values(WORD_FONTS)) expect(table).toContain(`w:name="${font.name}"`);
  });

  it('the signature block: the unit centred over the date, the date four characters from the right', async () => {
    const doc = (await parts())['word/document.xml']!;
    const para = (text: string) =>
      new RegExp(`<w:p>(?:(?!<w:p>).)*?<w:t[^>]*>${text}</w:t>`, 'su').exec(doc)![0];
    const date = para(report.signature.date);
    expect(date).toContain('<w:pStyle w:val="Signature"/>');
    expect(date).toMatch(/w:right="1280"/u); // 4 × 16 pt
    const unit = para(report.signature.unit);
    const right = Number(/w:right="(\d+)"/u.exec(unit)![1]);
    // centred: the unit's centre is the date's centre (widths in 16 pt characters: 320 twips)
    const centre = (indent: number, text: string) => indent / 320 + widthEm(text) / 2;
    expect(centre(right, report.signature.unit)).toBeCloseTo(
      centre(1280, report.signature.date),
      1,
    );
  });

  it('a draft with blank cells and no date still exports, its blanks blank', async () => {
    const draft = draftReport();
    const tables = docxTables(docxParts(await reportDocx(draft))['word/document.xml']!);
    TABLES.forEach((id, k) => {
      const got = tables[k]!.cells.map(({ align: _a, ...c }) => c);
      expect(got).toEqual(expectedCells(draft, id));
    });
    const blanks = TABLES.flatMap((id) => expectedCells(draft, id)).filter((c) => c.text === '');
    expect(blanks.length).toBeGreaterThanOrEqual(3);
  });

  it('the same report gives the same bytes (the creation time is the report’s)', async () => {
    const a = await reportDocx(report);
    const b = await reportDocx(report);
    expect(Buffer.from(a).equals(Buffer.from(b))).toBe(true);
  });
});

/** LibreOffice converts a .docx to PDF (one soffice run per call; its own profile). */
function sofficePdf(docx: Uint8Array): Uint8Array {
  const dir = mkdtempSync(path.join(tmpdir(), 'nianbao-docx-'));
  try {
    writeFileSync(path.join(dir, 'report.docx'), docx);
    const r = spawnSync(
      'soffice',
      [
        `-env:UserInstallation=file://${dir}/profile`,
        '--headless',
        '--convert-to',
        'pdf',
        '--outdir',
        dir,
        path.join(dir, 'report.docx'),
      ],
      { encoding: 'utf8', timeout: 180_000 },
    );
    if (r.error || r.status !== 0) {
      throw new Error(
        `LibreOffice (soffice) failed: ${r.error?.message ?? r.stderr}. ` +
          'Install it with: sudo apt-get install -y libreoffice-writer-nogui',
      );
    }
    return new Uint8Array(readFileSync(path.join(dir, 'report.pdf')));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** Whether the characters of `label` occur in `text` in order, within a few lines of text. */
function nearby(text: string, label: string): boolean {
  const chars = Array.from(label);
  for (
    let start = text.indexOf(chars[0]!);
    start >= 0;
    start = text.indexOf(chars[0]!, start + 1)
  ) {
    let at = start;
    let ok = true;
    for (const ch of chars.slice(1)) {
      at = text.indexOf(ch, at + 1);
      if (at < 0 || at - start > 40 * chars.length) {
        ok = false;
        break;
      }
    }
    if (ok) return true;
  }
  return false;
}

/** Whether `items` occur in `within` in this order (not necessarily next to each other). */
function inOrder(within: readonly string[], items: readonly string[]): string | null {
  let i = 0;
  for (const item of items) {
    while (i < within.length && within[i] !== item) i++;
    if (i === within.length) return item;
    i++;
  }
  return null;
}

describe.each([
  ['2021', () => balancedReport(2021)],
  ['2019', () => balancedReport(2020)],
])('the %s format opened by LibreOffice', (_, make) => {
  const report: Report = make();

  it('converts to a PDF with every section, every table label and every number in reading order', async () => {
    requirePoppler();
    const pdf = sofficePdf(await reportDocx(report));
    const pages = await pdfText(pdf);
    expect(pages.length).toBeGreaterThanOrEqual(3);
    const text = pages.join('\n');
    const flat = text.replace(/\s+/gu, '');
    for (const id of SECTION_IDS) {
      expect(flat).toContain(report.sections[id]!.heading.replace(/\s+/gu, ''));
      expect(sectionDef(id).heading).toBeTruthy();
    }
    // every label of the three tables: a label wrapped in its cell comes out in pieces between
    // the text of its neighbours, so its characters are looked for in order, close together
    for (const id of TABLES) {
      for (const cell of layoutRows(officialLayout(report.format, id)).flatMap((r) => r.cells)) {
        if (cell.kind !== 'value' && cell.text) {
          const label = cell.text.replace(/\s+/gu, '');
          expect(nearby(flat, label), `表${id} label ${label}`).toBe(true);
        }
      }
    }
    // every number of the report in reading order: the text's (a number a line break splits
    // is whole again without the white space), then every table value, row by row
    const inText: string[] = [];
    const inTables: string[] = [];
    for (const block of documentOutline(report)) {
      if (block.kind === 'paragraph') inText.push(...(block.text.match(/\d+(?:\.\d+)?/gu) ?? []));
      if (block.kind === 'table') {
        for (const row of block.table.rows)
          for (const cell of row.cells)
            if (cell.kind === 'value') inTables.push(...(cell.text.match(/\d+(?:\.\d+)?/gu) ?? []));
      }
    }
    expect(inText.length).toBeGreaterThan(20);
    expect(inTables.length).toBeGreaterThan(150);
    expect(inOrder(flat.match(/\d+(?:\.\d+)?/gu) ?? [], inText)).toBeNull();
    // in the layout text, a table row's cells are on one line, left to right
    const layout = (await pdfText(pdf, { layout: true })).join('\n');
    expect(inOrder(layout.match(/\d+(?:\.\d+)?/gu) ?? [], inTables)).toBeNull();
    // headings in order
    const headings = SECTION_IDS.map((id) => report.sections[id]!.heading);
    const at = headings.map((h) => flat.indexOf(h));
    expect([...at].sort((a, b) => a - b)).toEqual(at);
  }, 240_000);
});
