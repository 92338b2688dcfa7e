// importUpload (files the window sends as bytes) and exportReport (the data file), through the
// same handlers the database worker runs.
import fs from 'node:fs';
import path from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { parseReportFile, serialiseReport } from '../../core/file';
import { CSV_HEADER_ZH } from '../../core/export';
import { openArchiveWorker } from '../../electron/services/archive/client';
import { openArchiveInProcess } from '../../electron/services/archive/in-process';
import { apiErrorAsync, tempDir } from '../helpers/archive';
import { SAMPLE } from '../helpers/paths';
import { balancedReport } from '../helpers/reports';

const open: { close(): Promise<void> }[] = [];
afterEach(async () => {
  for (const c of open.splice(0)) await c.close();
});

async function connect(kind: 'worker' | 'in-process') {
  const file = path.join(tempDir(), 'archive.sqlite');
  const c = await (kind === 'worker' ? openArchiveWorker(file) : openArchiveInProcess(file));
  open.push(c);
  return c.api;
}

describe('importUpload', () => {
  for (const kind of ['worker', 'in-process'] as const) {
    it(`imports files sent as bytes, named by their relative path (${kind})`, async () => {
      const api = await connect(kind);
      const report = balancedReport(2022);
      const progress: { done: number; total: number; file: string }[] = [];
      const summary = await api.importUpload(
        {
          files: [
            { name: 'reports/sample.txt', data: new Uint8Array(fs.readFileSync(SAMPLE)) },
            {
              name: 'reports/2022.nianbao.json',
              data: new TextEncoder().encode(serialiseReport(report)),
            },
            { name: 'reports/notes.txt', data: new TextEncoder().encode('这不是一份年度报告。') },
          ],
          author: '张三',
        },
        (p) => progress.push(p),
      );
      expect(summary).toMatchObject({ imported: 2, failed: 1 });
      expect(summary.results.map((r) => r.file)).toEqual([
        'reports/sample.txt',
        'reports/2022.nianbao.json',
        'reports/notes.txt',
      ]);
      expect(summary.results[2]!.message).toMatch(/[\u4e00-\u9fff]/u);
      expect(progress.map((p) => p.file)).toEqual([
        'reports/sample.txt',
        'reports/2022.nianbao.json',
        'reports/notes.txt',
        '',
      ]);
      const units = await api.listUnits();
      expect(units.map((u) => u.name).sort()).toEqual(
        [report.unit.name, '沂源县行政审批服务局'].sort(),
      );
      const history = await api.history({
        unitId: units.find((u) => u.name === report.unit.name)!.id,
        year: 2022,
      });
      expect(history[0]).toMatchObject({ reason: 'import', author: '张三' });
      expect(history[0]!.note).toContain('2022.nianbao.json');
    });
  }

  it('refuses an empty list and a file without bytes with a Chinese message', async () => {
    const api = await connect('in-process');
    const empty = await apiErrorAsync(() => api.importUpload({ files: [] }), 'INVALID');
    expect(empty.message).toContain('请选择要导入的文件');
    await apiErrorAsync(
      () => api.importUpload({ files: [{ name: 'a.txt', data: 'text' as never }] }),
      'INVALID',
    );
  });
});

describe('exportReport', () => {
  it('gives the data file (which reads back to the same report) and the CSV of every cell', async () => {
    const api = await connect('worker');
    const unit = await api.createUnit({ name: '清河县市场监督管理局' });
    const opened = await api.createReport({ unitId: unit.id, year: 2023 });
    if (opened.legacy) throw new Error('expected a structured report');
    const report = { ...balancedReport(2023), unit: opened.report.unit };
    await api.saveReport({ unitId: unit.id, year: 2023, report });

    const json = await api.exportReport({ unitId: unit.id, year: 2023, format: 'json' });
    expect(json.fileName).toBe('清河县市场监督管理局2023年政府信息公开工作年度报告.nianbao.json');
    expect(json.mime).toBe('application/json');
    expect(parseReportFile(json.text)).toEqual(report);

    const csv = await api.exportReport({ unitId: unit.id, year: 2023, format: 'csv' });
    expect(csv.fileName.endsWith('.csv')).toBe(true);
    const lines = csv.text.trim().split(/\r?\n/u);
    expect(lines[0]).toContain(CSV_HEADER_ZH.unit);
    expect(lines.length).toBeGreaterThan(100);
  });

  it('refuses a legacy text report and a missing one', async () => {
    const api = await connect('in-process');
    const unit = await api.createUnit({ name: '某县档案馆' });
    await apiErrorAsync(
      () => api.exportReport({ unitId: unit.id, year: 2023, format: 'json' }),
      'NOT_FOUND',
    );
    await api.importUpload({
      files: [
        {
          name: '2015.txt',
          data: new TextEncoder().encode(
            '某县档案馆2015年政府信息公开工作年度报告\n\n一、概述\n本年度……',
          ),
        },
      ],
      unit: '某县档案馆',
    });
    const legacy = await apiErrorAsync(
      () => api.exportReport({ unitId: unit.id, year: 2015, format: 'csv' }),
      'INVALID',
    );
    expect(legacy.message).toContain('旧格式');
  });
});
