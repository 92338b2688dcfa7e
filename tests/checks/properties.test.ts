// Property tests: the engine never throws on anything the model accepts, and a report built to
// balance never has an arithmetic finding, however its numbers are written.
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { CODES, runChecks, type CheckOptions, type Finding } from '../../core/checks';
import { FORMATS, SECTION_IDS, cellsOf, type CellDef } from '../../core/formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import { LocationSchema, UNIT_KINDS, type Report } from '../../core/model';
import { balancedReport, priorOf, resultRows, setCell } from '../helpers/reports';

/** Cell text of every kind: junk, unicode, huge and odd numbers, the marks of checks.md. */
const cellText = fc.oneof(
  fc.string(),
  fc.string({ unit: 'binary' }),
  fc.string({ unit: 'grapheme' }),
  fc.constantFrom(
    '',
    ' ',
    '　',
    '/',
    '／',
    '-',
    '—',
    '——',
    '———',
    '－',
    '不适用',
    '空',
    '无',
    '没有',
    '增 5',
    '减3',
    '增加',
    '+0',
    '-0',
    '１２',
    '11,983',
    '1,2,3',
    '1e309',
    '9'.repeat(400),
    '9007199254740993',
    'NaN',
    'Infinity',
    '0x10',
    '1.5',
    '.5',
    '5.',
    '251000元',
    '4068.208万元',
    '5人次',
    '万元',
    '件',
    '\u0000',
    '\ud800',
    '\u200b12',
    '1\u00a0000',
    '二十',
    '〇',
  ),
  fc.bigInt().map(String),
  fc.double().map(String),
  fc.integer().map(String),
  fc.integer().map((n) => `${n}件`),
);

/** Some text for narrative, title and 落款: junk or plausible fragments. */
const prose = fc.oneof(
  fc.string(),
  fc.string({ unit: 'grapheme', maxLength: 200 }),
  fc.constantFrom(
    '2020年，本机关收到政府信息公开申请5件。',
    '截至2019年底，办结3件，结转下年度2件。',
    '因政府信息公开被申请行政复议一件、行政诉讼十件，相关案件99件。',
    '二〇二二年二月三十日',
    '2022年1月',
    '国办发〔2021〕30号',
    '无',
  ),
);

function applyCells(report: Report, edits: readonly (readonly [number, string])[]): void {
  const cells: CellDef[] = [...cellsOf(FORMATS[report.format])];
  for (const [i, raw] of edits) {
    const { table, block, row, column } = cells[i % cells.length]!;
    setCell(report, table.id, block.id, row.id, column.id, raw);
  }
}

/** Structural damage of the kinds import can produce. */
function damage(report: Report, cuts: readonly number[]): void {
  for (const cut of cuts) {
    const section = SECTION_IDS[cut % 6]!;
    const s = report.sections[section];
    if (!s) continue;
    switch (Math.floor(cut / 6) % 5) {
      case 0:
        delete report.sections[section];
        break;
      case 1:
        if (s.table) delete s.table;
        break;
      case 2: {
        const block =
          s.table &&
          Object.values(s.table.blocks)[cut % Math.max(1, Object.keys(s.table.blocks).length)];
        const rowId =
          block && Object.keys(block.rows)[cut % Math.max(1, Object.keys(block.rows).length)];
        if (block && rowId) delete block.rows[rowId];
        break;
      }
      case 3: {
        const block = s.table && Object.values(s.table.blocks)[0];
        if (block) block.columns = block.columns.slice(1);
        break;
      }
      case 4:
        s.heading = '';
        s.paragraphs = [];
        break;
    }
  }
}

function wellFormed(findings: readonly Finding[]): void {
  for (const f of findings) {
    const info = CODES[f.code as keyof typeof CODES];
    expect(info, f.code).toBeDefined();
    expect(f.severity).toBe(info.severity);
    expect(LocationSchema.safeParse(f.location).success, JSON.stringify(f.location)).toBe(true);
    expect(typeof f.message).toBe('string');
    expect(f.message.length).toBeGreaterThan(0);
    expect(f.fingerprint).toMatch(/^[0-9a-f]{16}$/u);
  }
}

const kind = fc.constantFrom(null, ...UNIT_KINDS);
const edits = fc.array(fc.tuple(fc.nat(), cellText), { maxLength: 40 });

describe('the engine never throws', () => {
  for (const year of [2020, 2021]) {
    it(`${year} format: arbitrary text in any cell, with and without a prior report`, () => {
      fc.assert(
        fc.property(edits, edits, kind, fc.boolean(), (mine, theirs, k, withPrior) => {
          const report = balancedReport(year);
          applyCells(report, mine);
          const options: CheckOptions = { kind: k };
          let findings = runChecks(report, options);
          wellFormed(findings);
          if (withPrior) {
            const prior = priorOf(balancedReport(year));
            applyCells(prior, theirs);
            findings = runChecks(report, { ...options, prior });
            wellFormed(findings);
          }
        }),
        { numRuns: 150 },
      );
    });
  }

  it('every cell of both formats filled with junk at once', () => {
    fc.assert(
      fc.property(
        fc.array(cellText, { minLength: 200, maxLength: 200 }),
        fc.constantFrom(2020, 2021, 2022),
        (texts, year) => {
          const report = balancedReport(year);
          applyCells(
            report,
            texts.map((t, i) => [i, t] as const),
          );
          const prior = priorOf(balancedReport(year));
          applyCells(
            prior,
            texts.map((t, i) => [i + 7, t] as const),
          );
          wellFormed(runChecks(report));
          wellFormed(runChecks(report, { prior, kind: '政府', deadline: '02-29' }));
        },
      ),
      { numRuns: 60 },
    );
  });

  it('junk narrative, title, 落款 and structural damage; layouts that do not match the year', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2019, 2020, 2021, 2022),
        fc.constantFrom('2019' as const, '2021' as const),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(prose, { maxLength: 6 }),
        prose,
        prose,
        edits,
        kind,
        fc.option(fc.string({ maxLength: 6 })),
        (year, layout, cuts, priorCuts, paragraphs, title, date, cells, k, deadline) => {
          const report = balancedReport(year, { layout });
          applyCells(report, cells);
          report.title = title;
          report.signature.date = date;
          report.opening.push(...paragraphs.map((text) => ({ level: 0, text })));
          paragraphs.forEach((text, i) =>
            report.sections[SECTION_IDS[i % 6]!]?.paragraphs.push({ level: i % 5, text }),
          );
          damage(report, cuts);
          const prior = balancedReport(year - 1 >= 2019 ? year - 1 : 2019, {
            layout: layout === '2019' ? '2021' : '2019',
          });
          damage(prior, priorCuts);
          wellFormed(runChecks(report, { kind: k, ...(deadline === null ? {} : { deadline }) }));
          wellFormed(runChecks(report, { kind: k, prior }));
        },
      ),
      { numRuns: 150 },
    );
  });
});

/** A number written in one of the notations checks.md accepts. */
function write(n: number, style: number): string {
  switch (style % 6) {
    case 0:
      return String(n);
    case 1:
      return String(n).replace(/\d/gu, (d) => String.fromCharCode(0xff10 + Number(d)));
    case 2:
      return n.toLocaleString('en-US');
    case 3:
      return `${n}件`;
    case 4:
      return ` ${n} `;
    default:
      return n === 0 ? '无' : String(n);
  }
}

describe('a report built to balance has no arithmetic finding', () => {
  const ARITHMETIC = ['T3_BALANCE', 'T3_RESULT_TOTAL', 'T3_ROW_TOTAL', 'T4_TOTAL'];
  const count = fc.oneof(fc.nat({ max: 20 }), fc.nat({ max: 100_000 }));
  const APPLICANTS = ['natural', 'business', 'research', 'nonprofit', 'legal', 'otherOrg'];

  for (const format of ['2019', '2021'] as const) {
    it(`${format} format: random non-negative counts, totals computed from the parts, any notation`, () => {
      const rows = resultRows(format);
      fc.assert(
        fc.property(
          fc.array(fc.array(count, { minLength: 6, maxLength: 6 }), {
            minLength: rows.length,
            maxLength: rows.length,
          }),
          fc.array(count, { minLength: 6, maxLength: 6 }),
          fc.array(fc.nat(), { minLength: 6, maxLength: 6 }),
          fc.array(fc.array(count, { minLength: 4, maxLength: 4 }), { minLength: 3, maxLength: 3 }),
          fc.array(fc.nat(), { minLength: 200, maxLength: 200 }),
          (parts, carryNext, carriedSeed, t4, styles) => {
            const report = balancedReport(format === '2021' ? 2021 : 2020);
            let s = 0;
            const put = (table: '三' | '四', block: string, row: string, col: string, n: number) =>
              setCell(report, table, block, row, col, write(n, styles[s++ % styles.length]!));
            const values: Record<string, number[]> = {};
            rows.forEach((row, r) => (values[row] = parts[r]!));
            const columnTotals = APPLICANTS.map((_, c) =>
              rows.reduce((a, row) => a + values[row]![c]!, 0),
            );
            values['total'] = columnTotals;
            values['carryNext'] = carryNext;
            values['carried'] = APPLICANTS.map(
              (_, c) => carriedSeed[c]! % (columnTotals[c]! + carryNext[c]! + 1),
            );
            values['new'] = APPLICANTS.map(
              (_, c) => columnTotals[c]! + carryNext[c]! - values['carried']![c]!,
            );
            for (const [row, v] of Object.entries(values)) {
              v.forEach((n, c) => put('三', T3_BLOCK_ID, row, APPLICANTS[c]!, n));
              put(
                '三',
                T3_BLOCK_ID,
                row,
                'total',
                v.reduce((a, b) => a + b, 0),
              );
            }
            (['review', 'suitDirect', 'suitAfter'] as const).forEach((block, b) => {
              const p = t4[b]!;
              (['upheld', 'corrected', 'other', 'pending'] as const).forEach((col, i) =>
                put('四', block, T4_ROW_ID, col, p[i]!),
              );
              put(
                '四',
                block,
                T4_ROW_ID,
                'total',
                p.reduce((a, x) => a + x, 0),
              );
            });
            const findings = runChecks(report);
            expect(findings.filter((f) => ARITHMETIC.includes(f.code))).toEqual([]);
            // every notation was read as the number it writes
            expect(
              findings.filter((f) => ['VALUE_INVALID', 'CELL_BLANK', 'CELL_NA'].includes(f.code)),
            ).toEqual([]);
          },
        ),
        { numRuns: 200 },
      );
    });
  }

  it('and the property is not vacuous: one cell off by one breaks it', () => {
    fc.assert(
      fc.property(
        fc.constantFrom(2020, 2021),
        fc.nat(),
        fc.integer({ min: 1, max: 50 }),
        (year, pick, delta) => {
          const report = balancedReport(year);
          const t3 = report.sections['三']!.table!.blocks[T3_BLOCK_ID]!;
          const rowIds = Object.keys(t3.rows);
          const row = rowIds[pick % rowIds.length]!;
          const col = t3.columns[Math.floor(pick / rowIds.length) % t3.columns.length]!;
          setCell(
            report,
            '三',
            T3_BLOCK_ID,
            row,
            col,
            String(Number(t3.rows[row]!.cells[col]) + delta),
          );
          expect(runChecks(report).some((f) => ARITHMETIC.includes(f.code))).toBe(true);
        },
      ),
      { numRuns: 100 },
    );
  });
});
