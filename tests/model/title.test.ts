import { describe, expect, it } from 'vitest';
import { parseMonthDay, unitFromTitle } from '../../core/text';

describe('unitFromTitle', () => {
  it.each([
    ['沂源县行政审批服务局2020年政府信息公开工作年度报告', '沂源县行政审批服务局'],
    ['沂源县行政审批服务局 2020 年政府信息公开工作年度报告', '沂源县行政审批服务局'],
    ['XX县人民政府政府信息公开工作年度报告', 'XX县人民政府'],
    ['2021年沂源县统计局政府信息公开工作年度报告', '沂源县统计局'],
    ['关于XX局2021年度政府信息公开工作年度报告', 'XX局'],
    ['某镇人民政府二〇二一年政府信息公开工作年度报告', '某镇人民政府'],
    ['政府信息公开工作年度报告（2021年）', ''],
    ['2021年政府信息公开工作年度报告', ''],
    ['', ''],
  ])('%s → %s', (title, unit) => expect(unitFromTitle(title)).toBe(unit));
});

describe('parseMonthDay', () => {
  it.each([
    ['01-31', '01-31'],
    ['1-31', '01-31'],
    [' 3-31 ', '03-31'],
    ['02-29', '02-29'],
    ['02-30', undefined],
    ['13-01', undefined],
    ['0131', undefined],
    [undefined, undefined],
  ])('%s → %s', (text, parsed) => expect(parseMonthDay(text)).toBe(parsed));
});
