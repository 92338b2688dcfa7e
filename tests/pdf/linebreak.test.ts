import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { loadFontSet } from '../../electron/services/pdf/fonts';
import { createTypesetter } from '../../electron/services/pdf/linebreak';
import { GRID, PAGE, type Line, type TextStyle } from '../../electron/services/pdf/types';

const fonts = loadFontSet({ dirs: [] });
const ts = createTypesetter(fonts);
const BODY: TextStyle = { role: 'fangsong', size: 16 };
const WIDTH = PAGE.blockWidth;
const INDENT = 2 * GRID.pitch;

const NO_START = Array.from('。，、；：？！”’）〕】》〉」』');
const NO_END = Array.from('“‘（〔【《〈「『');

const textOf = (line: Line) => line.segments.map((u) => u.text).join('');
const body = (text: string) =>
  ts.lines(text, BODY, WIDTH, { firstIndent: INDENT, pitch: GRID.pitch });

/** Where a line ends: its natural width plus the gaps between its units. */
const extent = (line: Line) =>
  line.segments.reduce((s, u) => s + u.width, 0) + line.gap * Math.max(0, line.segments.length - 1);

describe('line breaking on the body grid', () => {
  it('sets 28 characters a line (26 after the indent), justified to both edges of the text block', () => {
    const text = '政'.repeat(26 + 28 * 3 + 5);
    const lines = body(text);
    expect(lines.map((l) => l.segments.length)).toEqual([26, 28, 28, 28, 5]);
    expect(extent(lines[0]!)).toBeCloseTo(WIDTH - INDENT, 2);
    for (const line of lines.slice(1, -1)) expect(extent(line)).toBeCloseTo(WIDTH, 2);
    // the last line keeps the grid's pitch: 5 characters take 5 pitches less the last gap
    const last = lines.at(-1)!;
    expect(last.gap).toBeCloseTo(GRID.pitch - BODY.size, 3);
  });

  it('keeps closing punctuation off the start of a line: pushed in, or the line gives up a character', () => {
    // 26 characters fill the first line exactly; the full stop would start the second.
    const pushedIn = body(`${'政'.repeat(26)}。${'务'.repeat(10)}`);
    expect(textOf(pushedIn[0]!)).toBe(`${'政'.repeat(26)}。`);
    expect(extent(pushedIn[0]!)).toBeCloseTo(WIDTH - INDENT, 2);
    // three marks cannot all be pushed in: the line ends earlier and the last character goes along
    const pushedOut = body(`${'政'.repeat(26)}。”）${'务'.repeat(10)}`);
    expect(NO_START).not.toContain(Array.from(textOf(pushedOut[1]!))[0]);
    expect(textOf(pushedOut[1]!).startsWith('政。”）')).toBe(true);
    expect(extent(pushedOut[0]!)).toBeCloseTo(WIDTH - INDENT, 2);
  });

  it('moves an opening mark that would end a line to the next one', () => {
    const lines = body(`${'政'.repeat(25)}《条例》${'务'.repeat(10)}`);
    expect(textOf(lines[0]!).endsWith('《')).toBe(false);
    expect(textOf(lines[1]!).startsWith('《条例》')).toBe(true);
  });

  it('never splits a number, a year, 12.5%, 1,234, —— or ……', () => {
    const words = ['2023年', '1,234', '12.5%', '4068.208', '——', '……', '0533-1234567'];
    for (let shift = 0; shift < 12; shift++) {
      const text = `${'政'.repeat(20 + shift)}${words.join('政务')}${'公开'.repeat(20)}`;
      const joined = body(text).map(textOf).join('|');
      for (const w of words) expect(joined, `${w} at shift ${shift}`).toContain(w);
    }
  });

  it('breaks a URL longer than a dozen characters anywhere rather than leave a gaping line', () => {
    const lines = body(
      `${'政'.repeat(20)}网址http://www.qinghe.gov.cn/xxgk/index.html，欢迎访问。`,
    );
    // the first line is full: the URL began on it
    expect(textOf(lines[0]!)).toContain('http');
    expect(lines[0]!.gap).toBeLessThan(1);
    // …after a separator, not in the middle of a name
    expect(textOf(lines[0]!)).toMatch(/[/.]$/u);
    // a short e-mail address near a line's end moves to the next line whole
    const mail = body(`${'政'.repeat(21)}邮箱：yyxzwb@zb.shandong.cn。`);
    expect(textOf(mail[1]!).startsWith('yyxzwb@')).toBe(true);
  });

  it('falls back glyph by glyph to a face that has the character', () => {
    // U+30EDD 𰻝 is in Noto Sans SC but not in Noto Serif SC
    const cp = 0x30edd;
    const serif = fonts.roles.fangsong.face;
    expect(serif.font.hasGlyphForCodePoint(cp)).toBe(false);
    const units = ts.segments(`面${String.fromCodePoint(cp)}面`, BODY);
    expect(units.map((u) => u.runs.map((r) => r.face.postscriptName).join())).toEqual([
      serif.postscriptName,
      'NotoSansSC-Regular',
      serif.postscriptName,
    ]);
  });

  it('keeps every character, in order, within the width, with 避头尾 respected (property)', () => {
    const alphabet = fc.constantFrom(
      ...Array.from('政府信息公开工作年度报告本机关坚持以为常态不例外'),
      ...NO_START,
      ...NO_END,
      '2023',
      '1,234',
      '——',
      '……',
      ' ',
    );
    fc.assert(
      fc.property(
        fc.array(alphabet, { minLength: 1, maxLength: 300 }),
        fc.integer({ min: 60, max: 442 }),
        (parts, width) => {
          const text = parts.join('');
          const lines = ts.lines(text, BODY, width, { pitch: GRID.pitch });
          const all = lines.map(textOf).join('');
          expect(all.replace(/ /gu, '')).toBe(text.replace(/ /gu, ''));
          lines.forEach((line, i) => {
            const chars = Array.from(textOf(line));
            // a line of nothing but marks has nowhere else to go
            const onlyMarks = chars.every((c) => NO_START.includes(c) || NO_END.includes(c));
            if (line.segments.length > 1) expect(extent(line)).toBeLessThanOrEqual(width + 0.01);
            if (onlyMarks) return;
            if (i > 0)
              expect(NO_START, `line ${i} of ${JSON.stringify(lines.map(textOf))}`).not.toContain(
                chars[0],
              );
            if (i < lines.length - 1) expect(NO_END).not.toContain(chars.at(-1));
          });
        },
      ),
      { numRuns: 300, seed: 20261128 },
    );
  });

  it('honours hard line breaks and keeps an empty line', () => {
    const lines = ts.lines('第一行\n\n第三行', BODY, WIDTH, { pitch: GRID.pitch });
    expect(lines.map(textOf)).toEqual(['第一行', '', '第三行']);
  });

  it('breaks a 10,000-character paragraph quickly into full lines', () => {
    const text = '本机关认真贯彻落实条例，坚持以公开为常态、不公开为例外。'.repeat(360);
    const start = performance.now();
    const lines = body(text);
    expect(performance.now() - start).toBeLessThan(5000);
    expect(lines.length).toBeGreaterThan(300);
    for (const line of lines.slice(1, -1)) expect(extent(line)).toBeCloseTo(WIDTH, 1);
  });
});
