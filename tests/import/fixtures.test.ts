// Every fixture report (tests/fixtures/reports, made by tests/fixtures/generate.ts) imported from
// every input kind — Word "save as text", Markdown, a government web page, Word and WPS .docx —
// and compared with what the fixture says: unit, year, format, title, 导语, section headings and
// paragraph levels, 落款, every table cell, the rows kept as unrecognised, and the exact findings
// at their exact places. Every cell of a fixture holds a different number, so a value read from a
// neighbouring row or column cannot pass.
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { runChecks } from '../../core/checks';
import { importReport } from '../../core/import';
import type { Location, Report, TableData } from '../../core/model';
import type { Expected, ExpectedTable } from '../fixtures/gen/cases';
import { KINDS, type Kind } from '../fixtures/generate';
import { FIXTURES } from '../helpers/paths';

type TableId = '二' | '三' | '四';

const SOURCE_TYPE: Record<Kind, string> = {
  txt: 'text',
  md: 'markdown',
  html: 'html',
  word: 'docx',
  wps: 'docx',
};

const T3 = { section: '三', table: '三' } as const;

/** The findings each case must produce (the same whatever the input kind), in order. */
const FINDINGS: Record<string, { code: string; location: Location }[]> = {
  'ok-2021': [],
  'ok-2019': [],
  'missing-section': [{ code: 'SECTION_MISSING', location: { section: '五' } }],
  'missing-rows': [
    {
      code: 'TABLE_INCOMPLETE',
      location: {
        ...T3,
        block: '三、本年度办理结果',
        row: '（二）部分公开（区分处理的，只计这一情形，不计其他情形）',
      },
    },
    {
      code: 'TABLE_INCOMPLETE',
      location: { ...T3, block: '（四）无法提供', row: '2.没有现成信息需要另行制作' },
    },
    {
      code: 'TABLE_INCOMPLETE',
      location: { ...T3, block: '（五）不予处理', row: '4.无正当理由大量反复申请' },
    },
    {
      code: 'TABLE_INCOMPLETE',
      location: { ...T3, block: '三、本年度办理结果', row: '（六）其他处理' },
    },
  ],
  shifted: [],
  garbled: [
    {
      code: 'CELL_NA',
      location: {
        section: '二',
        table: '二',
        block: '第二十条第（一）项',
        row: '规章',
        column: '本年废止件数',
      },
    },
    {
      code: 'VALUE_INVALID',
      location: {
        ...T3,
        block: '（三）不予公开',
        row: '2.其他法律行政法规禁止公开',
        column: '科研机构',
      },
    },
    {
      code: 'CELL_BLANK',
      location: {
        ...T3,
        block: '（四）无法提供',
        row: '1.本机关不掌握相关政府信息',
        column: '法律服务机构',
      },
    },
    {
      code: 'CELL_BLANK',
      location: { section: '四', table: '四', block: '复议后起诉', column: '尚未审结' },
    },
  ],
  blank: [
    {
      code: 'CELL_BLANK',
      location: {
        section: '二',
        table: '二',
        block: '第二十条第（六）项',
        row: '行政强制',
        column: '本年处理决定数量',
      },
    },
    {
      code: 'CELL_BLANK',
      location: {
        ...T3,
        block: '（五）不予处理',
        row: '3.要求提供公开出版物',
        column: '法律服务机构',
      },
    },
    {
      code: 'CELL_BLANK',
      location: { section: '四', table: '四', block: '行政复议', column: '结果纠正' },
    },
  ],
  'unknown-row': [
    {
      code: 'ROW_UNRECOGNISED',
      location: { section: '二', table: '二', block: '第二十条第（六）项' },
    },
    { code: 'ROW_UNRECOGNISED', location: { ...T3 } },
  ],
  'truncated-label': [
    {
      code: 'LABEL_UNCLEAR',
      location: { section: '二', table: '二', block: '第二十条第（一）项', row: '行政规范性文件' },
    },
    {
      code: 'LABEL_UNCLEAR',
      location: { ...T3, block: '（三）不予公开', row: '4.保护第三方合法权益' },
    },
  ],
  reordered: [],
  columns: [],
  split: [],
  'layout-2019-in-2021': [{ code: 'FORMAT_MISMATCH', location: { section: '全文' } }],
};

/** Parts of the findings' messages: the numbers and labels a clerk needs, in the clerk's words. */
const MESSAGES: Record<string, string[]> = {
  'missing-section': ['报告缺少“五、存在的主要问题及改进情况”部分。'],
  'missing-rows': [
    '表三“三、本年度办理结果”中缺少“（二）部分公开（区分处理的，只计这一情形，不计其他情形）”行。',
  ],
  garbled: ['“——”（不适用）', '不是数字', '填的是“——”，视为未填', '填的是“—”，视为未填'],
  blank: ['表四“行政复议”“结果纠正”列未填写；没有发生请填 0。'],
  'unknown-row': [
    '（行名无法识别）：“行政征收 | 9907”',
    '“（八）转交其他机关处理 | 9901 | 9902 | 9903 | 9904 | 9905 | 9906 | 59421”',
  ],
  'truncated-label': [
    '表三中行名“4.保护第三方合”不完整，已按“4.保护第三方合法权益”读取',
    '表二中行名“行政规范性文',
  ],
  'layout-2019-in-2021': [
    '2021年度报告应使用2021年版格式（国办公开办函〔2021〕30号），本报告的表格是2019年版格式。',
  ],
};

const CASES = Object.keys(FINDINGS);

function expectedOf(id: string): Expected & { about: string } {
  return JSON.parse(
    readFileSync(path.join(FIXTURES, 'reports', `${id}.expected.json`), 'utf8'),
  ) as Expected & { about: string };
}

function importFixture(id: string, kind: Kind): Report {
  const file = `${id}${KINDS[kind].suffix}`;
  const bytes = new Uint8Array(readFileSync(path.join(FIXTURES, 'reports', file)));
  return importReport(bytes, { fileName: file }).report;
}

const NUMBER = /^[\d.,]+$/u;

/** An unrecognised row as the fixtures describe it: its label, the numbers in it, why, where. */
function unrecognisedOf(data: TableData, labels: readonly string[]): ExpectedTable['unrecognised'] {
  return data.unrecognised.map((u) => ({
    label: u.cells.find((c) => labels.includes(c)) ?? `(无标签) ${u.cells.join('|')}`,
    values: u.cells.filter((c) => NUMBER.test(c)),
    reason: u.reason,
    ...(u.block ? { block: u.block } : {}),
  }));
}

describe.each(CASES)('fixture %s', (id) => {
  const expected = expectedOf(id);

  describe.each(Object.keys(KINDS) as Kind[])('from %s', (kind) => {
    const report = importFixture(id, kind);

    it('reads unit, year, format, title, 导语 and 落款', () => {
      expect(report.unit.name).toBe(expected.unit);
      expect(report.unit.kind).toBeNull();
      expect(report.year).toBe(expected.year);
      expect(report.format).toBe(expected.format);
      expect(report.title).toBe(expected.title);
      expect(report.opening).toEqual(expected.opening);
      expect(report.signature).toEqual(expected.signature);
      expect(report.source).toEqual({
        file: `${id}${KINDS[kind].suffix}`,
        type: SOURCE_TYPE[kind],
      });
    });

    it('reads the sections: headings, paragraphs and their levels', () => {
      expect(Object.keys(report.sections)).toEqual(Object.keys(expected.sections));
      for (const [sid, section] of Object.entries(expected.sections)) {
        const got = report.sections[sid as keyof typeof report.sections]!;
        expect(got.heading, `heading of ${sid}`).toBe(section.heading);
        expect(got.paragraphs, `paragraphs of ${sid}`).toEqual(section.paragraphs);
      }
    });

    it('reads every table cell where the fixture wrote it, and invents none', () => {
      for (const [tid, table] of Object.entries(expected.tables) as [TableId, ExpectedTable][]) {
        const data = report.sections[tid]!.table!;
        // blocks, their columns, every row and every cell, with nothing more
        expect(data.blocks, `table ${tid}`).toEqual(table.blocks);
        expect(
          unrecognisedOf(
            data,
            table.unrecognised.map((u) => u.label),
          ),
          `unrecognised rows of table ${tid}`,
        ).toEqual(table.unrecognised);
      }
      for (const tid of ['二', '三', '四'] as const) {
        if (!expected.tables[tid]) expect(report.sections[tid]).toBeUndefined();
      }
    });

    it('finds exactly the problems the fixture has, at their places', () => {
      const findings = runChecks(report);
      expect(findings.map((f) => ({ code: f.code, location: f.location }))).toEqual(FINDINGS[id]);
      const text = findings.map((f) => f.message).join('\n');
      for (const part of MESSAGES[id] ?? []) expect(text).toContain(part);
    });
  });

  it('imports alike from every input kind', () => {
    const reports = (Object.keys(KINDS) as Kind[]).map((kind) => {
      const { source: _source, ...rest } = importFixture(id, kind);
      // an unplaced row keeps its cells as the input has them: Markdown writes an empty cell
      // where a merged one was, the other kinds do not
      for (const s of Object.values(rest.sections)) {
        for (const u of s.table?.unrecognised ?? []) u.cells = u.cells.filter((c) => c !== '');
      }
      return rest;
    });
    for (const r of reports.slice(1)) expect(r).toEqual(reports[0]);
  });
});

describe('the fixtures themselves', () => {
  it('balance where they are correct, and every cell holds a different number', () => {
    for (const id of ['ok-2021', 'ok-2019']) {
      const { tables } = expectedOf(id);
      const numbers: string[] = [];
      for (const table of Object.values(tables)) {
        for (const block of Object.values(table.blocks)) {
          for (const row of Object.values(block.rows)) {
            for (const raw of Object.values(row.cells))
              numbers.push(raw.replace(/^(?:增 |减 |\+|-)/u, '').replace(/元$/u, ''));
          }
        }
      }
      expect(new Set(numbers).size, id).toBe(numbers.length);
      const t3 = tables['三']!.blocks['t3']!.rows;
      const n = (row: string, col: string) => Number(t3[row]!.cells[col]);
      const applicants = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];
      const results = Object.keys(t3).filter(
        (r) => !['new', 'carried', 'total', 'carryNext'].includes(r),
      );
      for (const row of Object.keys(t3))
        expect(n(row, 'total')).toBe(applicants.reduce((a, c) => a + n(row, c), 0));
      for (const col of [...applicants, 'total']) {
        expect(n('total', col)).toBe(results.reduce((a, r) => a + n(r, col), 0));
        expect(n('new', col) + n('carried', col)).toBe(n('total', col) + n('carryNext', col));
      }
      for (const block of Object.values(tables['四']!.blocks)) {
        const c = block.rows['case']!.cells;
        expect(Number(c.total)).toBe(
          Number(c.upheld) + Number(c.corrected) + Number(c.other) + Number(c.pending),
        );
      }
    }
  });
});
