/**
 * The fonts a Word document names, as Word and WPS on a government PC resolve them: the
 * official fonts first (仿宋_GB2312, 方正小标宋简体, 黑体, 楷体_GB2312), each with the font the
 * word processor takes when the first is not installed (w:altName in the font table: 仿宋 /
 * FangSong, 宋体 / SimSun, SimHei, 楷体 / KaiTi — every Chinese Windows has these), all four
 * font slots set so that digits and Latin letters are set in the same face as the Chinese text.
 */
import type { IFontAttributesProperties } from 'docx';

export interface WordFont {
  /** The name written in the runs (w:rFonts). */
  readonly name: string;
  /** The font taken when `name` is missing (font table w:altName). */
  readonly alt: string;
  /** w:panose1 of the face (what Word matches a missing font by). */
  readonly panose: string;
  readonly pitch: 'fixed' | 'variable';
  readonly family: 'modern' | 'roman' | 'swiss' | 'script' | 'auto';
}

export const WORD_FONTS = {
  fangsong: {
    name: '仿宋_GB2312',
    alt: '仿宋',
    panose: '02010609030101010101',
    pitch: 'fixed',
    family: 'modern',
  },
  title: {
    name: '方正小标宋简体',
    alt: '宋体',
    panose: '02000000000000000000',
    pitch: 'variable',
    family: 'script',
  },
  hei: {
    name: '黑体',
    alt: 'SimHei',
    panose: '02010609060101010101',
    pitch: 'fixed',
    family: 'modern',
  },
  kai: {
    name: '楷体_GB2312',
    alt: '楷体',
    panose: '02010609030101010101',
    pitch: 'fixed',
    family: 'modern',
  },
  song: {
    name: '宋体',
    alt: 'SimSun',
    panose: '02010600030101010101',
    pitch: 'variable',
    family: 'auto',
  },
} as const satisfies Record<string, WordFont>;

/** The fallbacks named in the font table too, so that they resolve by their own names. */
const FALLBACKS: readonly WordFont[] = [
  {
    name: '仿宋',
    alt: 'FangSong',
    panose: '02010609060101010101',
    pitch: 'fixed',
    family: 'modern',
  },
  { name: '楷体', alt: 'KaiTi', panose: '02010609060101010101', pitch: 'fixed', family: 'modern' },
];

export type WordFontRole = keyof typeof WORD_FONTS;

/** w:rFonts of a role: every slot (ASCII, high ANSI, East Asian, complex script) the same face. */
export function runFonts(role: WordFontRole): IFontAttributesProperties {
  const name = WORD_FONTS[role].name;
  return { ascii: name, hAnsi: name, eastAsia: name, cs: name, hint: 'eastAsia' };
}

const escape = (s: string) =>
  s.replace(/&/gu, '&amp;').replace(/</gu, '&lt;').replace(/>/gu, '&gt;').replace(/"/gu, '&quot;');

/**
 * word/fontTable.xml naming every font the document uses with its alternative, its GB2312
 * character set (charset 86) and its PANOSE class.
 */
export function fontTableXml(): string {
  const fonts = [...Object.values(WORD_FONTS), ...FALLBACKS] as readonly WordFont[];
  const entries = fonts.map((f) =>
    [
      `<w:font w:name="${escape(f.name)}">`,
      `<w:altName w:val="${escape(f.alt)}"/>`,
      `<w:panose1 w:val="${f.panose}"/>`,
      `<w:charset w:val="86"/>`,
      `<w:family w:val="${f.family}"/>`,
      `<w:pitch w:val="${f.pitch}"/>`,
      `</w:font>`,
    ].join(''),
  );
  return (
    '<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n' +
    '<w:fonts xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">' +
    entries.join('') +
    '<w:font w:name="Times New Roman"><w:panose1 w:val="02020603050405020304"/><w:charset w:val="00"/><w:family w:val="roman"/><w:pitch w:val="variable"/></w:font>' +
    '</w:fonts>'
  );
}
