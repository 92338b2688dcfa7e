// Line ends in HTML source are white space: Word wraps its HTML source in the middle of a
// paragraph, and that must not split the paragraph (only <br> and block elements do).
import { describe, expect, it } from 'vitest';
import { htmlToBlocks } from '../../core/import/html';

describe('HTML source line ends', () => {
  it('do not split a Word list paragraph from its text', () => {
    const html =
      '<p class=MsoListParagraph><span lang=EN-US>1.<span\nstyle="font:7.0pt">&nbsp;&nbsp;\n</span></span>加强平台建设，\n提升服务水平。</p>';
    const blocks = htmlToBlocks(html);
    expect(blocks).toHaveLength(1);
    expect(blocks[0]).toMatchObject({ kind: 'p' });
    expect((blocks[0] as { text: string }).text).toMatch(
      /^1\.\s+加强平台建设，\s?提升服务水平。$/u,
    );
  });

  it('still break at <br> and keep <pre> lines', () => {
    expect(htmlToBlocks('<p>第一行<br>第二行</p><pre>甲\n乙</pre>')).toEqual([
      { kind: 'p', text: '第一行' },
      { kind: 'p', text: '第二行' },
      { kind: 'p', text: '甲' },
      { kind: 'p', text: '乙' },
    ]);
  });
});
