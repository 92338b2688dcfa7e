// The typed API's payload validation: what every transport edge (IPC, the HTTP bridge, the CLI
// and other callers in the process) runs once before a request reaches the implementation.
import { describe, expect, it } from 'vitest';
import { API_PAYLOADS, ApiError, parsePayload } from '../../core/api';
import { blankReport } from '../../core/model';

function refused(method: Parameters<typeof parsePayload>[0], payload: unknown): ApiError {
  try {
    parsePayload(method, payload);
  } catch (error) {
    expect(error).toBeInstanceOf(ApiError);
    expect((error as ApiError).code).toBe('INVALID');
    expect((error as ApiError).message).toMatch(/\p{Script=Han}/u);
    return error as ApiError;
  }
  throw new Error(`${method} accepted ${JSON.stringify(payload)}`);
}

describe('API payloads', () => {
  it('fills in defaults', () => {
    expect(parsePayload('createUnit', { name: '某县财政局' })).toEqual({
      name: '某县财政局',
      kind: null,
      parentId: null,
      author: '',
    });
    expect(parsePayload('search', { query: '公开' })).toEqual({ query: '公开', limit: 50 });
    expect(parsePayload('createReport', { unitId: 'u-1', year: 2024 }).author).toBe('');
    expect(parsePayload('listUnits', undefined)).toEqual({});
  });

  it('refuses years outside 2008–2100 and non-integers, naming the field', () => {
    for (const year of [2007, 2101, 2024.5, '2024', null]) {
      const e = refused('openReport', { unitId: 'u-1', year });
      expect(e.message).toContain('year');
    }
    expect(refused('openReport', { unitId: 'u-1', year: 2007 }).message).toContain('2008–2100');
  });

  it('refuses empty and over-long unit names, keeps any other text exactly', () => {
    refused('createUnit', { name: '   ' });
    refused('createUnit', { name: '局'.repeat(501) });
    for (const name of [
      `某县"财政"局'`,
      '🏛️ 某县人民政府',
      "'); DROP TABLE units; --",
      '局'.repeat(500),
    ]) {
      expect(parsePayload('createUnit', { name }).name).toBe(name);
    }
  });

  it('validates a whole report inside saveReport', () => {
    const report = blankReport({ id: 'u-1', name: '某县财政局', kind: '部门' }, 2024);
    expect(parsePayload('saveReport', { unitId: 'u-1', year: 2024, report }).reason).toBe('save');
    refused('saveReport', { unitId: 'u-1', year: 2024, report: { ...report, year: 1990 } });
    refused('saveReport', { unitId: 'u-1', year: 2024, report: { ...report, sections: 5 } });
    refused('saveReport', { unitId: 'u-1', year: 2024, report, reason: 'restore' });
  });

  it('requires a written reason to reopen a finalised report', () => {
    expect(refused('reopenReport', { unitId: 'u-1', year: 2024, reason: '  ' }).message).toContain(
      '理由',
    );
  });

  it('refuses unknown shapes instead of guessing', () => {
    refused('importFiles', { paths: [] });
    refused('importFiles', { paths: 'a.docx' });
    refused('openRevision', { unitId: 'u-1', year: 2024, revision: 0 });
    refused('search', { query: 'x'.repeat(201) });
  });

  it('has a schema for every method', () => {
    expect(Object.keys(API_PAYLOADS).length).toBeGreaterThanOrEqual(23);
  });
});

describe('text size limits (issue 17, item 9)', () => {
  const unit = { id: 'u1', name: '某县财政局', kind: '部门' as const };
  const save = (report: unknown) =>
    parsePayload('saveReport', { unitId: 'u1', year: 2021, report, reason: 'save', author: 'x' });
  const refused = (report: unknown, what: string) => {
    let thrown: unknown;
    try {
      save(report);
    } catch (error) {
      thrown = error;
    }
    expect(thrown).toBeInstanceOf(ApiError);
    expect((thrown as ApiError).code).toBe('INVALID');
    expect((thrown as ApiError).message).toContain(what);
    expect((thrown as ApiError).message).toContain('太长');
  };

  it('refuses an oversized title, paragraph, cell and signature with a Chinese message, quickly', () => {
    const base = blankReport(unit, 2021);
    const started = Date.now();
    refused({ ...base, title: '标'.repeat((150 * 1024 * 1024) / 3) }, '报告标题');
    expect(Date.now() - started).toBeLessThan(5000);
    refused({ ...base, opening: [{ level: 0, text: '字'.repeat(100_001) }] }, '段落');
    refused({ ...base, signature: { unit: '单'.repeat(1001), date: '' } }, '落款单位');
    const [id, section] = Object.entries(base.sections).find(([, x]) => x?.table)!;
    const table = section!.table!;
    const block = Object.keys(table.blocks)[0]!;
    refused(
      {
        ...base,
        sections: {
          ...base.sections,
          [id]: {
            ...section,
            table: {
              ...table,
              blocks: {
                ...table.blocks,
                [block]: {
                  ...table.blocks[block]!,
                  rows: { x: { cells: { a: '1'.repeat(1001) } } },
                },
              },
            },
          },
        },
      },
      '表格单元格',
    );
    // a report at real sizes passes
    expect(() => save({ ...base, title: '标'.repeat(200) })).not.toThrow();
  });
});
