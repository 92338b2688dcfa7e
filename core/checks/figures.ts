/**
 * TEXT_TABLE_MISMATCH as data: phrases that state a figure, and the table quantities each can
 * mean. Only sentences about 政府信息公开 applications (or 复议/诉讼 about 信息公开) count; clauses
 * with 建议, 提案, 审批, 其中 or 本级 are ignored.
 */
import type { FormatVersion, TableId } from '../formats';
import { T3_BLOCK_ID, T4_ROW_ID } from '../formats/common';

export interface Quantity {
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly col: string;
}

export interface Meaning {
  readonly sum: readonly Quantity[];
  /** How the message names it: 表三“本年新收”总计. */
  readonly text: string;
}

export type Topic = 'application' | 'litigation' | 'normative';

export interface FigurePhrase {
  readonly id: string;
  readonly topic: Topic;
  /** Matches inside one clause; group `n` is the figure (absent: `value`). */
  readonly patterns: readonly RegExp[];
  readonly value?: number;
  /** A clause matching this speaks of a part (one kind of applicant), not the whole. */
  readonly unless?: RegExp;
  readonly means: readonly Meaning[];
  readonly formats?: readonly FormatVersion[];
}

const N = '(?<n>\\d+|[零一二两三四五六七八九十]{1,3})';
const UNIT = '\\s*(?:件|个|条|份|宗|起)';
const GAP = '[^，。；,;\\d]';
/** "及", "和", "与", "、", "以及" joining two result rows named together. */
const PAIR = '(?:及|和|与|、|以及)';
/** A gap inside an application phrase: a 复议/诉讼 application is not a 公开申请 (T4, not T3). */
const APP_GAP = '(?:(?!复议|诉讼)[^，。；,;\\d])';

const t3 = (row: string): Quantity => ({ table: '三', block: T3_BLOCK_ID, row, col: 'total' });
const t4 = (block: string): Quantity => ({ table: '四', block, row: T4_ROW_ID, col: 'total' });

const RECEIVED: readonly Meaning[] = [
  { sum: [t3('new')], text: '表三“本年新收政府信息公开申请数量”总计' },
  { sum: [t3('new'), t3('carried')], text: '表三本年新收与上年结转之和' },
];

export const TOPIC_WORDS: Readonly<Record<Topic, RegExp>> = {
  application: /政府信息公开|依申请|公开申请|申请公开/u,
  litigation: /信息公开/u,
  normative: /规范性文件/u,
};
export const LITIGATION_WORDS = /复议|诉讼/u;
/** Every phrase below starts with one of these words: a clause without them states no figure. */
export const TRIGGER =
  /收到|受理|新收|接收|接到|结转|办结|答复|办理完毕|已办理|予以公开|复议|诉讼|相关案件|制发|制定|出台|印发|现行有效/u;
export const IGNORED_CLAUSE = /建议|提案|审批|其中|本级/u;
/**
 * Unit names that contain an ignored word: "行政审批服务局共收到政府信息公开申请5件" speaks of the
 * unit, not of 审批 figures. They are taken out of a clause before IGNORED_CLAUSE is tested.
 */
export const UNIT_NAME_WORDS = /(?:行政)?审批(?:服务)?(?:管理)?(?:局|中心|办)/gu;
/**
 * A sentence about plans states no figure of this year's tables ("下一步，计划制定规范性文件3件");
 * a sentence that names a year after the report year is skipped the same way.
 */
export const PLAN_SENTENCE = /下一步|计划|明年|今后/u;

export const FIGURE_PHRASES: readonly FigurePhrase[] = [
  {
    id: 'received',
    topic: 'application',
    patterns: [
      new RegExp(`(?:收到|受理|新收|接收|接到)${APP_GAP}{0,20}?申请${GAP}{0,8}?${N}${UNIT}`, 'u'),
      new RegExp(`(?:收到|受理|新收|接收|接到)${GAP}{0,4}?${N}${UNIT}${APP_GAP}{0,16}?申请`, 'u'),
    ],
    unless: /自然人|法人|其他组织|企业|个人/u,
    means: RECEIVED,
  },
  {
    id: 'receivedNone',
    topic: 'application',
    patterns: [new RegExp(`(?:没有|未|无)(?:收到|受理|接到)${APP_GAP}{0,20}?申请`, 'u')],
    value: 0,
    unless: /自然人|法人|其他组织|企业|个人/u,
    means: RECEIVED,
  },
  {
    id: 'carried',
    topic: 'application',
    patterns: [new RegExp(`上年结转${GAP}{0,12}?${N}${UNIT}`, 'u')],
    means: [{ sum: [t3('carried')], text: '表三“上年结转政府信息公开申请数量”总计' }],
  },
  {
    id: 'carryNext',
    topic: 'application',
    patterns: [
      new RegExp(`结转(?:至|到)?(?:下一年|下年度|下年|次年|\\d{4}年)${GAP}{0,10}?${N}${UNIT}`, 'u'),
    ],
    means: [{ sum: [t3('carryNext')], text: '表三“结转下年度继续办理”总计' }],
  },
  {
    id: 'handled',
    topic: 'application',
    patterns: [new RegExp(`(?:办结|答复|办理完毕|已办理)${GAP}{0,8}?${N}${UNIT}`, 'u')],
    means: [{ sum: [t3('total')], text: '表三“（七）总计”行总计' }],
  },
  {
    // "予以公开及部分公开30件": the two result rows together
    id: 'grantedAndPartial',
    topic: 'application',
    patterns: [new RegExp(`予以公开${PAIR}部分公开${GAP}{0,6}?${N}${UNIT}`, 'u')],
    means: [
      {
        sum: [t3('granted'), t3('partial')],
        text: '表三“（一）予以公开”与“（二）部分公开”总计之和',
      },
    ],
  },
  {
    id: 'granted',
    topic: 'application',
    patterns: [new RegExp(`予以公开(?!${PAIR}部分公开)${GAP}{0,6}?${N}${UNIT}`, 'u')],
    means: [{ sum: [t3('granted')], text: '表三“（一）予以公开”总计' }],
  },
  {
    id: 'cases',
    topic: 'litigation',
    patterns: [
      new RegExp(
        `(?:复议和诉讼|复议、诉讼|复议及诉讼|复议或诉讼|行政复议和行政诉讼|行政复议、行政诉讼|相关案件)${GAP}{0,10}?${N}${UNIT}`,
        'u',
      ),
    ],
    means: [
      {
        sum: [t4('review'), t4('suitDirect'), t4('suitAfter')],
        text: '表四行政复议与两类行政诉讼总计之和',
      },
    ],
  },
  {
    id: 'review',
    topic: 'litigation',
    patterns: [new RegExp(`行政复议${GAP}{0,10}?${N}${UNIT}`, 'u')],
    means: [{ sum: [t4('review')], text: '表四“行政复议”总计' }],
  },
  {
    id: 'lawsuit',
    topic: 'litigation',
    patterns: [new RegExp(`行政诉讼${GAP}{0,10}?${N}${UNIT}`, 'u')],
    means: [
      {
        sum: [t4('suitDirect'), t4('suitAfter')],
        text: '表四“未经复议直接起诉”与“复议后起诉”总计之和',
      },
    ],
  },
  {
    // "现行有效行政规范性文件393件": the stock, not this year's
    id: 'normativeEffective',
    topic: 'normative',
    formats: ['2021'],
    patterns: [new RegExp(`现行有效${GAP}{0,4}?规范性文件${GAP}{0,4}?${N}${UNIT}`, 'u')],
    means: [
      {
        sum: [{ table: '二', block: 'art20_1', row: 'normative', col: 'effective' }],
        text: '表二“行政规范性文件”现行有效件数',
      },
    ],
  },
  {
    id: 'normative',
    topic: 'normative',
    formats: ['2021'],
    patterns: [
      new RegExp(`(?:制发|制定|出台|印发)${GAP}{0,10}?规范性文件${GAP}{0,4}?${N}${UNIT}`, 'u'),
      new RegExp(`(?:制发|制定|出台|印发)${GAP}{0,2}?${N}${UNIT}${GAP}{0,6}?规范性文件`, 'u'),
    ],
    means: [
      {
        sum: [{ table: '二', block: 'art20_1', row: 'normative', col: 'issued' }],
        text: '表二“行政规范性文件”本年制发件数',
      },
    ],
  },
];
