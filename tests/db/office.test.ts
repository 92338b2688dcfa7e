/**
 * The county office's submissions dashboard and 审核意见 (issue 15, items 2 and 3) over a real
 * archive holding the county fixture: every member's state, MEMBER_MISSING, the review sheets
 * grouped by section with their overrides and 已核实, and their CSV.
 */
import { describe, expect, it } from 'vitest';
import { parsePayload } from '../../core/api';
import { decide, type Finding } from '../../core/checks';
import { reviewCsv } from '../../core/office';
import type { Report } from '../../core/model';
import type { Archive } from '../../db/archive';
import { Clock, tempArchive } from '../helpers/archive';
import {
  COUNTY,
  DRAFT_WITH_ERRORS,
  MISSING,
  OLD_FORMAT,
  YEAR,
  fillCounty,
  type County,
} from '../helpers/county';

async function county(): Promise<{ a: Archive; c: County; clock: Clock }> {
  const clock = new Clock('2026-01-20T10:00:00');
  const { archive: a } = await tempArchive({ clock });
  return { a, c: fillCounty(a), clock };
}

const has = (list: readonly string[], name: string) => list.includes(name);

describe('submissions dashboard', () => {
  it('lists every member of the county, recursively, with its state', async () => {
    const { a, c } = await county();
    const s = a.submissions({ unitId: c.county.id, year: YEAR });
    expect(s.unit.name).toBe(COUNTY);
    expect(s.format).toBe('2021');
    expect(s.members).toHaveLength(51);
    expect(new Set(s.members.map((m) => m.unitId))).toEqual(new Set(c.members.map((m) => m.id)));

    for (const m of s.members) {
      const unit = c.byName.get(m.name)!;
      expect(m.parentId, m.name).toBe(unit.parentId);
      if (has(MISSING, m.name)) {
        expect(m.state, m.name).toBe('未收到');
        expect(m.receivedAt).toBeNull();
        expect(m.errors + m.warnings).toBe(0);
      } else if (has(DRAFT_WITH_ERRORS, m.name)) {
        expect(m.state, m.name).toBe('草稿');
        expect(m.errors, m.name).toBeGreaterThan(0);
      } else if (has(OLD_FORMAT, m.name)) {
        expect(m.state, m.name).toBe('草稿');
        expect(m.format).toBe('2019');
        expect(m.formatMismatch).toBe(true);
        expect(m.errors).toBeGreaterThan(0);
      } else {
        // the stored summary agrees with a fresh check of the report
        const checked = a.checkReport({ unitId: m.unitId, year: YEAR });
        expect(m.state, m.name).toBe(checked.status);
        expect(m.errors).toBe(0);
        expect(m.warnings).toBe(checked.warnings);
        expect(m.formatMismatch).toBe(false);
      }
      if (m.state !== '未收到') {
        expect(m.receivedAt, m.name).toBe(new Date('2026-01-20T10:00:00').toISOString());
        expect(m.revision).toBeGreaterThan(0);
      }
      expect(m.hasPrior, m.name).toBe(true);
    }
    const finalised = s.members.filter((m) => m.state === '已定稿');
    expect(finalised.length).toBeGreaterThan(10);
    for (const m of finalised) expect(m.finalisedAt).not.toBeNull();
    expect(s.counts).toEqual({
      未收到: 3,
      草稿: 4,
      待定稿: 51 - 3 - 4 - finalised.length,
      已定稿: finalised.length,
      旧格式: 0,
      '已发布（存档）': 0,
    });
  });

  it('gives third-level members their depth and path, after their parent', async () => {
    const { a, c } = await county();
    const s = a.submissions({ unitId: c.county.id, year: YEAR });
    const police = s.members.findIndex((m) => m.name === '清河县公安局');
    const sub = s.members.find((m) => m.name === '公安局交通管理大队')!;
    expect(sub.depth).toBe(2);
    expect(sub.path).toEqual(['清河县公安局']);
    expect(s.members.indexOf(sub)).toBeGreaterThan(police);
    expect(s.members.find((m) => m.name === '城关镇')!.depth).toBe(1);
    // a department's own dashboard: its two sub-units only
    const health = a.submissions({ unitId: c.byName.get('清河县卫生健康委员会')!.id, year: YEAR });
    expect(health.members.map((m) => m.name).sort()).toEqual(['人民医院', '疾病预防控制中心']);
    expect(health.members.find((m) => m.name === '人民医院')!.state).toBe('未收到');
  });

  it('reports MEMBER_MISSING for each member without a report, and none when all filed', async () => {
    const { a, c } = await county();
    const failing = a.submissions({ unitId: c.county.id, year: YEAR });
    expect(failing.findings.map((f) => f.code)).toEqual([
      'MEMBER_MISSING',
      'MEMBER_MISSING',
      'MEMBER_MISSING',
    ]);
    expect(failing.findings.every((f) => f.severity === 'warning')).toBe(true);
    for (const name of MISSING) {
      expect(failing.findings.some((f) => f.message.includes(`“${name}”`))).toBe(true);
    }
    // passing: the three file a report (a nil return is still a report)
    for (const name of MISSING) {
      a.createReport({ unitId: c.byName.get(name)!.id, year: YEAR, author: '李四' });
    }
    const passing = a.submissions({ unitId: c.county.id, year: YEAR });
    expect(passing.findings).toEqual([]);
    expect(passing.counts.未收到).toBe(0);
    // a sub-unit's department passes and fails on its own members only
    const nature = c.byName.get('清河县自然资源局')!.id;
    expect(a.submissions({ unitId: nature, year: YEAR }).findings).toEqual([]);
    expect(a.submissions({ unitId: nature, year: YEAR + 1 }).findings).toHaveLength(2);
  });

  it('follows renames and merges: current names, a merged member gone with its report moved', async () => {
    const { a, c } = await county();
    const town = c.byName.get('桃园乡')!.id;
    a.renameUnit({ unitId: town, name: '桃园镇', date: '2026-01-01' });
    a.mergeUnits({ from: c.byName.get('杏花乡')!.id, into: town });
    const s = a.submissions({ unitId: c.county.id, year: YEAR });
    expect(s.members).toHaveLength(50);
    expect(s.members.map((m) => m.name)).toContain('桃园镇');
    expect(s.members.map((m) => m.name)).not.toContain('杏花乡');
  });

  it('validates its payloads at the edge with Chinese messages and defaults', () => {
    expect(parsePayload('reviewSheets', { unitId: 'u', year: 2025 })).toEqual({
      unitId: 'u',
      year: 2025,
      members: false,
      reviewer: '',
    });
    expect(() => parsePayload('submissions', { unitId: 'u', year: 1990 })).toThrow(/年度/u);
    expect(() => parsePayload('renderReviewPdf', { unitId: '', year: 2025 })).toThrow(
      /请求的数据无效（unitId）/u,
    );
  });

  it('refuses an unknown unit and a year out of range with a Chinese message', async () => {
    const { a, c } = await county();
    expect(() => a.submissions({ unitId: 'nope', year: YEAR })).toThrow(/找不到这个单位/u);
    expect(() => a.submissions({ unitId: c.county.id, year: 1999 })).toThrow(/年度/u);
  });
});

/** Overrides the first open error and marks the first open warning 已核实, then saves. */
function decideSome(a: Archive, unitId: string): { error: Finding; warning: Finding } {
  const opened = a.openReport({ unitId, year: YEAR });
  if (opened.legacy) throw new Error('legacy');
  const checked = a.checkReport({ unitId, year: YEAR });
  const error = checked.findings.find((f) => f.severity === 'error' && !f.resolved)!;
  const warning = checked.findings.find((f) => f.severity === 'warning' && !f.resolved)!;
  let report: Report = decide(opened.report, error, 'override', '表三总计按上级口径填写', {
    by: '王五',
    at: '2026-01-18T09:00:00.000Z',
  });
  report = decide(report, warning, 'verified', '已与原始台账核对', { by: '王五' });
  a.saveReport({ unitId, year: YEAR, report, reason: 'save', author: '王五' });
  return { error, warning };
}

describe('审核意见', () => {
  it('groups a report’s findings by section, with overrides, 已核实 and their reasons', async () => {
    const { a, c } = await county();
    const unitId = c.byName.get('柳林镇')!.id;
    const before = a.reviewSheets({ unitId, year: YEAR, members: false, reviewer: '张三' });
    expect(before).toHaveLength(1);
    const sheet = before[0]!;
    expect(sheet).toMatchObject({ unit: '柳林镇', year: YEAR, state: '草稿', reviewer: '张三' });
    expect(sheet.date).toBe('2026-01-20');
    const checked = a.checkReport({ unitId, year: YEAR });
    const items = sheet.groups.flatMap((g) => g.items);
    expect(items).toHaveLength(checked.findings.length);
    expect(sheet.errors).toBe(checked.errors);
    // the T3 error is in part 三, under its official heading, named by its place
    const t3 = sheet.groups.find((g) => g.section === '三')!;
    expect(t3.label).toMatch(/^三、收到和处理政府信息公开申请情况/u);
    const broken = t3.items.find((i) => i.code === 'T3_ROW_TOTAL')!;
    expect(broken).toMatchObject({ severity: 'error', state: '待改正', reason: '' });
    expect(broken.place).toMatch(/^表三 .*予以公开.*总计/u);
    // groups follow the report's reading order
    const order = ['全文', '标题', '导语', '一', '二', '三', '四', '五', '六', '落款'];
    const ranks = sheet.groups.map((g) => order.indexOf(g.section));
    expect(ranks).toEqual([...ranks].sort((x, y) => x - y));

    const { error, warning } = decideSome(a, unitId);
    const after = a.reviewSheets({ unitId, year: YEAR, members: false, reviewer: '张三' })[0]!;
    const all = after.groups.flatMap((g) => g.items);
    const overridden = all.find((i) => i.code === error.code && i.message === error.message)!;
    expect(overridden).toMatchObject({
      state: '已说明理由',
      reason: '表三总计按上级口径填写',
      by: '王五',
      at: '2026-01-18T09:00:00.000Z',
    });
    const verified = all.find((i) => i.code === warning.code && i.message === warning.message)!;
    expect(verified).toMatchObject({ state: '已核实', reason: '已与原始台账核对', by: '王五' });
    expect(after.errors).toBe(sheet.errors - 1);
  });

  it('gives every member a sheet, in the dashboard’s order, a missing one saying so', async () => {
    const { a, c } = await county();
    const sheets = a.reviewSheets({ unitId: c.county.id, year: YEAR, members: true, reviewer: '' });
    const s = a.submissions({ unitId: c.county.id, year: YEAR });
    expect(sheets.map((x) => x.unit)).toEqual(s.members.map((m) => m.name));
    for (const name of MISSING) {
      const sheet = sheets.find((x) => x.unit === name)!;
      expect(sheet.state).toBe('未收到');
      expect(sheet.groups).toEqual([]);
    }
    for (const name of [...DRAFT_WITH_ERRORS, ...OLD_FORMAT]) {
      const sheet = sheets.find((x) => x.unit === name)!;
      expect(sheet.errors, name).toBeGreaterThan(0);
    }
    const old = sheets.find((x) => x.unit === OLD_FORMAT[0])!;
    expect(old.groups.flatMap((g) => g.items).map((i) => i.code)).toContain('FORMAT_MISMATCH');
  });

  it('writes the CSV: one line per finding by section, reasons, reviewer and an empty comment', async () => {
    const { a, c } = await county();
    const unitId = c.byName.get('柳林镇')!.id;
    decideSome(a, unitId);
    const sheets = a.reviewSheets({ unitId, year: YEAR, members: false, reviewer: '张三' });
    const csv = reviewCsv(sheets);
    expect(csv.startsWith('\uFEFF')).toBe(true);
    const lines = csv.slice(1).trimEnd().split('\r\n');
    expect(lines[0]).toBe(
      '单位,年度,部分,位置,代码,问题,级别,说明,处理情况,理由,理由填写人,理由填写时间,审核人,审核日期,审核意见',
    );
    const items = sheets[0]!.groups.flatMap((g) => g.items);
    expect(lines).toHaveLength(1 + items.length);
    const override = lines.find((l) => l.includes('已说明理由'))!;
    expect(override).toContain(
      '表三总计按上级口径填写,王五,2026-01-18T09:00:00.000Z,张三,2026-01-20,',
    );
    expect(override.endsWith(',')).toBe(true); // the comment column is left blank
    expect(lines.find((l) => l.includes('已核实'))).toContain('已与原始台账核对');
    // sections appear in reading order, each once, as a block
    const sections = lines.slice(1).map((l) => l.split(',')[2]);
    const blocks = sections.filter((x, i) => x !== sections[i - 1]);
    expect(new Set(blocks).size).toBe(blocks.length);

    const members = reviewCsv(
      a.reviewSheets({ unitId: c.county.id, year: YEAR, members: true, reviewer: '张三' }),
    );
    for (const name of MISSING) {
      expect(members).toContain(
        `${name},2025,全文,,MEMBER_MISSING,下属单位缺报,警告,没有收到2025年度的报告。,未收到`,
      );
    }
  });
});
