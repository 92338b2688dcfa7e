// The outline in the editor (issue 13 item 11): an empty paragraph under an untouched outline
// sub-heading shows what to write there (the format definition's hint); an empty section shows
// its own hint (2021's 六 asks for the 信息处理费).
import { describe, expect, it } from 'vitest';
import { FORMATS } from '../../core/formats';
import { blankReport } from '../../core/model';
import { paragraphHint, sectionHint } from '../../renderer/models/outline';

const report = blankReport({ id: 'u', name: '清河县统计局', kind: '部门' }, 2021);
const one = report.sections['一']!.paragraphs;

describe('outline hints', () => {
  it('an empty paragraph under an outline sub-heading gets that sub-heading’s hint', () => {
    const headings = FORMATS['2021'].outline['一']!.headings;
    expect(paragraphHint('2021', '一', one, 1)).toBe(headings[0]!.hint);
    expect(paragraphHint('2021', '一', one, 3)).toBe(headings[1]!.hint);
    expect(paragraphHint('2021', '一', one, 3)).toContain('申请');
  });

  it('no hint on a heading, on text, after text, or under a heading the clerk wrote', () => {
    expect(paragraphHint('2021', '一', one, 0)).toBe('');
    const written = [
      { level: 2, text: '（一）主动公开' },
      { level: 0, text: '已写的内容。' },
      { level: 0, text: '' },
    ];
    expect(paragraphHint('2021', '一', written, 1)).toBe('');
    expect(paragraphHint('2021', '一', written, 2)).toBe('');
    const own = [
      { level: 2, text: '（一）主动公开情况' },
      { level: 0, text: '' },
    ];
    expect(paragraphHint('2021', '一', own, 1)).toBe('');
    // two empty paragraphs under a sub-heading: both are for it
    const two = [
      { level: 2, text: '（二）改进措施' },
      { level: 0, text: '' },
      { level: 0, text: '' },
    ];
    expect(paragraphHint('2021', '五', two, 2)).toBe(
      FORMATS['2021'].outline['五']!.headings[1]!.hint,
    );
  });

  it('an empty section’s hint comes from the format: 2021’s 六 asks for the 信息处理费', () => {
    expect(sectionHint('2021', '六')).toContain('信息处理费');
    expect(sectionHint('2019', '六')).not.toContain('信息处理费');
    expect(sectionHint('2021', '三')).toBe('（可不填）表格前的说明文字…');
    expect(sectionHint('2021', '导语')).toContain('导语');
  });
});
