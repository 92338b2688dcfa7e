// How document.xml structures become paragraphs and tables: text boxes inside paragraphs,
// layout tables around the report, data tables inside them.
import { describe, expect, it } from 'vitest';
import { docxXmlToBlocks } from '../../core/import/docx';

const doc = (body: string) =>
  `<?xml version="1.0" encoding="UTF-8" standalone="yes"?><w:document xmlns:w="w" xmlns:mc="mc"><w:body>${body}</w:body></w:document>`;
const p = (text: string) => `<w:p><w:r><w:t>${text}</w:t></w:r></w:p>`;
const cell = (content: string) => `<w:tc>${content}</w:tc>`;
const row = (...cells: string[]) => `<w:tr>${cells.join('')}</w:tr>`;
const table = (...rows: string[]) => `<w:tbl>${rows.join('')}</w:tbl>`;

describe('document.xml', () => {
  it('keeps the text after a text box in its paragraph, and the box as a paragraph of its own', () => {
    const box = `<w:r><mc:AlternateContent><mc:Choice><w:drawing><w:txbxContent>${p('框内文字')}</w:txbxContent></w:drawing></mc:Choice><mc:Fallback><w:pict><w:txbxContent>${p('框内文字')}</w:txbxContent></w:pict></mc:Fallback></mc:AlternateContent></w:r>`;
    const blocks = docxXmlToBlocks(
      doc(`<w:p><w:r><w:t>前半</w:t></w:r>${box}<w:r><w:t>后半</w:t></w:r></w:p>`),
    );
    expect(blocks).toEqual([
      { kind: 'p', text: '框内文字' },
      { kind: 'p', text: '前半后半' },
    ]);
  });

  it('reads a layout table cell by cell and keeps the data table inside it as a table', () => {
    const data = table(
      row(cell(p('行政复议')), cell(p('结果维持'))),
      row(cell(p('1')), cell(p('2'))),
    );
    const layout = table(row(cell(p('标题') + p('一、总体情况') + data + p('正文'))));
    expect(docxXmlToBlocks(doc(layout))).toEqual([
      { kind: 'p', text: '标题' },
      { kind: 'p', text: '一、总体情况' },
      {
        kind: 'table',
        rows: [
          [
            { text: '行政复议', spanned: false },
            { text: '结果维持', spanned: false },
          ],
          [
            { text: '1', spanned: false },
            { text: '2', spanned: false },
          ],
        ],
      },
      { kind: 'p', text: '正文' },
    ]);
  });

  it('joins the paragraphs of a data table cell into its text', () => {
    const data = table(
      row(cell(p('本年新') + p('制作数量')), cell(p('b'))),
      row(cell(p('1')), cell(p('2'))),
    );
    const [block] = docxXmlToBlocks(doc(data));
    expect(block).toEqual({
      kind: 'table',
      rows: [
        [
          { text: '本年新制作数量', spanned: false },
          { text: 'b', spanned: false },
        ],
        [
          { text: '1', spanned: false },
          { text: '2', spanned: false },
        ],
      ],
    });
  });
});
