// The codes are a public contract. The project documents every one in docs/checks.md (its
// severity and Chinese name as the app shows them); the code table (core/checks) must say the
// same. Where the project's reference contract ../shared/domain/checks.md is beside the checkout,
// every code of it is registered with its severity too (skipped where it is absent: a clone
// stands alone). And every code the engine implements can actually be produced.
import { yearMentions } from '../../core/carry';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { CODES, runChecks, type CheckOptions } from '../../core/checks';
import { T3_BLOCK_ID, T4_ROW_ID } from '../../core/formats/common';
import { LocationSchema, type Report } from '../../core/model';
import { ROOT, SHARED } from '../helpers/paths';
import { balancedReport, priorOf, setCell } from '../helpers/reports';

/** Rows "| `CODE` | severity | …" of the tables of a Markdown file: code → [severity, 3rd cell]. */
function codeTable(file: string): Map<string, { severity: string; name: string }> {
  const out = new Map<string, { severity: string; name: string }>();
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    const m = /^\|\s*`([A-Z][A-Z0-9_]*)`\s*\|\s*(error|warning)\s*\|([^|]*)\|/u.exec(line);
    if (m) out.set(m[1]!, { severity: m[2]!, name: m[3]!.trim() });
  }
  return out;
}

const DOCUMENTED = path.join(ROOT, 'docs', 'checks.md');
const CONTRACT = path.join(SHARED, 'domain', 'checks.md');

/** Codes of checks.md that come with later work (aggregation). */
const LATER = ['AGGREGATE_MISMATCH', 'MEMBER_MISSING'];
/** Codes this product adds (README). */
const ADDED = ['LABEL_UNCLEAR', 'ROW_UNRECOGNISED', 'HEADING_MISSING'];

describe('the codes of docs/checks.md (the project’s own list of rules)', () => {
  const documented = codeTable(DOCUMENTED);

  it('are every code of the code table, none more', () => {
    expect([...documented.keys()].sort()).toEqual(Object.keys(CODES).sort());
  });

  it('each with the severity and the Chinese name the code table gives it', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect(documented.get(code), code).toEqual({ severity: info.severity, name: info.title });
    }
  });

  it('say which codes the app does not report yet', () => {
    const text = readFileSync(DOCUMENTED, 'utf8');
    const later = text.slice(text.indexOf('## 汇总 / Aggregation'));
    for (const code of LATER) expect(later).toContain(`\`${code}\``);
  });
});

describe.skipIf(!existsSync(CONTRACT))('the codes of ../shared/domain/checks.md', () => {
  // read only where it is: the callback runs (collecting the tests) even when they are skipped
  const contract = new Map(
    existsSync(CONTRACT) ? [...codeTable(CONTRACT)].map(([code, r]) => [code, r.severity]) : [],
  );

  it('are read from the shared contract', () => {
    expect(contract.size).toBeGreaterThanOrEqual(28);
    expect(contract.get('T3_BALANCE')).toBe('error');
    expect(contract.get('TEXT_COPIED')).toBe('warning');
  });

  it('all appear in CODES with the same severity', () => {
    for (const [code, severity] of contract) {
      expect(CODES, code).toHaveProperty(code);
      expect(CODES[code as keyof typeof CODES].severity, code).toBe(severity);
    }
  });

  it('CODES adds only the three product codes', () => {
    expect(
      Object.keys(CODES)
        .filter((c) => !contract.has(c))
        .sort(),
    ).toEqual([...ADDED].sort());
  });
});

describe('the code table', () => {
  it('gives every code a Chinese title; codes are written A_B', () => {
    for (const [code, info] of Object.entries(CODES)) {
      expect(info.title, code).toMatch(/\p{Script=Han}/u);
      expect(code).toMatch(/^[A-Z][A-Z0-9_]*$/u);
    }
  });
});

/** The year of the balanced report a producer mutates: 2021 unless the rule needs another. */
const BASE_YEAR: Record<string, number> = { ITEM_COUNT_DRIFT: 2020 };

/** One mutation of a balanced report per code, producing that code. */
const PRODUCERS: Record<string, (r: Report) => CheckOptions | void> = {
  SECTION_MISSING: (r) => void delete r.sections['五'],
  SECTION_EMPTY: (r) => void (r.sections['一']!.paragraphs = [{ level: 0, text: '暂无。' }]),
  TABLE_INCOMPLETE: (r) =>
    void delete r.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['partial'],
  CELL_BLANK: (r) => setCell(r, '三', T3_BLOCK_ID, 'partial', 'legal', '—'),
  CELL_NA: (r) => setCell(r, '二', 'art20_1', 'rules', 'issued', '不适用'),
  VALUE_INVALID: (r) => setCell(r, '二', 'art20_8', 'fees', 'fees', '约四千万'),
  FORMAT_MISMATCH: (r) => void (r.format = '2019'),
  UNIT_MISSING: (r) => {
    r.title = '2021年政府信息公开工作年度报告';
    r.signature.unit = '';
    r.opening = [];
  },
  TITLE_MISMATCH: (r) => void (r.title = r.title.replace('2021', '2020')),
  BASIS_CITATION: (r) =>
    void (r.opening[0]!.text = r.opening[0]!.text.replace(
      '国办公开办函〔2021〕30号',
      '国办发〔2021〕30号',
    )),
  GOV_ASSESSMENT_MISSING: (r) => {
    r.sections['一']!.paragraphs.pop();
    return { kind: '政府' };
  },
  T3_BALANCE: (r) => {
    setCell(r, '三', T3_BLOCK_ID, 'carried', 'natural', '53');
    setCell(r, '三', T3_BLOCK_ID, 'carried', 'business', '53');
  },
  T3_RESULT_TOTAL: (r) => {
    setCell(r, '三', T3_BLOCK_ID, 'partial', 'natural', '108');
    setCell(r, '三', T3_BLOCK_ID, 'partial', 'business', '108');
  },
  T3_ROW_TOTAL: (r) => setCell(r, '三', T3_BLOCK_ID, 'partial', 'total', '1'),
  T4_TOTAL: (r) => setCell(r, '四', 'suitAfter', T4_ROW_ID, 'total', '52'),
  CARRY_OVER_MISMATCH: (r) => {
    const prior = priorOf(r);
    setCell(prior, '三', T3_BLOCK_ID, 'carryNext', 'legal', '0');
    return { prior };
  },
  STOCK_DRIFT: (r) => {
    r.year = 2022;
    r.title = r.title.replace('2021', '2022');
    r.signature.date = '2023年1月20日';
    const prior = priorOf(balancedReport(2022));
    setCell(prior, '二', 'art20_1', 'normative', 'effective', '1');
    return { prior };
  },
  // on the 2020 report (see BASE_YEAR)
  ITEM_COUNT_DRIFT: (r) => {
    const prior = priorOf(r);
    setCell(prior, '二', 'art20_8', 'fees', 'delta', '+1');
    return { prior };
  },
  TEXT_COPIED: (r) => {
    const prior = priorOf(r);
    prior.sections['一'] = structuredClone(r.sections['一']);
    return { prior };
  },
  TEXT_TABLE_MISMATCH: (r) =>
    void r.sections['一']!.paragraphs.push({ level: 0, text: '全年共收到政府信息公开申请3件。' }),
  STALE_YEAR: (r) =>
    void r.sections['五']!.paragraphs.push({ level: 0, text: '2020年，本机关完成了平台迁移。' }),
  YEAR_REVIEW: (r) => {
    r.carried = { from: 2020, years: r.opening.flatMap((p) => yearMentions('导语', p.text)) };
    expect(r.carried.years.length).toBeGreaterThan(0);
  },
  FEE_NOT_REPORTED: (r) => void (r.sections['六']!.paragraphs = [{ level: 0, text: '无。' }]),
  DATE_MISSING: (r) => void (r.signature.date = '2022年1月'),
  DATE_OUT_OF_RANGE: (r) => void (r.signature.date = '2021年12月30日'),
  DATE_LATE: (r) => {
    r.signature.date = '2022年2月8日';
    return { kind: '部门' };
  },
  LABEL_UNCLEAR: (r) =>
    void (r.sections['三']!.table!.blocks[T3_BLOCK_ID]!.rows['unavailable1']!.label =
      '1.本机关不掌握相关'),
  ROW_UNRECOGNISED: (r) =>
    void r.sections['四']!.table!.unrecognised.push({
      cells: ['合计', '89'],
      reason: '表四没有此行',
    }),
  HEADING_MISSING: (r) => void (r.sections['六']!.heading = ''),
};

describe('every implemented code can be produced', () => {
  it('covers every code except the later ones', () => {
    expect(Object.keys(PRODUCERS).sort()).toEqual(
      Object.keys(CODES)
        .filter((c) => !LATER.includes(c))
        .sort(),
    );
  });

  for (const code of Object.keys(PRODUCERS)) {
    it(code, () => {
      const report = balancedReport(BASE_YEAR[code] ?? 2021);
      expect(runChecks(report)).toEqual([]);
      const options = PRODUCERS[code]!(report) ?? {};
      const findings = runChecks(report, options);
      const produced = findings.filter((f) => f.code === code);
      expect(produced.length, JSON.stringify(findings.map((f) => f.code))).toBeGreaterThan(0);
      for (const f of produced) {
        expect(f.severity).toBe(CODES[code as keyof typeof CODES].severity);
        expect(LocationSchema.safeParse(f.location).success).toBe(true);
        expect(f.message).toMatch(/\p{Script=Han}/u);
      }
    });
  }
});
