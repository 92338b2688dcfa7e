/**
 * The 审核意见 (review sheet, issue 15): for one report, its findings grouped by section, each
 * with what became of it (待改正 / 待核实, or an override or 已核实 with its written reason, who
 * and when) and an empty box for the office's comment; the reviewer's name and the date, and
 * lines to sign. For all members of a parent: an overview table, then one section per unit,
 * each starting on a new page. On the report's page (A4, the GB/T 9704 text block, its fonts).
 */
import type { ReviewItem, ReviewSheet } from '../../../core/office';
import { CODES } from '../../../core/checks';
import { TITLE, type RenderOutput } from './render';
import { newPage, openSheet, room, table, text, type Columns, type Row, type Sheet } from './sheet';
import { PAGE, type FontSet, type TextStyle } from './types';

const SUBTITLE: TextStyle = { role: 'kai', size: 16 };
const HEADING: TextStyle = { role: 'hei', size: 14 };
const TEXT: TextStyle = { role: 'fangsong', size: 12 };
const SMALL: TextStyle = { role: 'fangsong', size: 10.5 };
const CELL: TextStyle = { role: 'song', size: 10 };
const CELL_HEAD: TextStyle = { role: 'hei', size: 10 };

/** 序号, 问题与位置, 说明, 处理情况, 审核意见 (a box to write in). */
const FINDINGS: Columns = {
  widths: [26, 104, 150, 82, 80.2],
  numeric: (i) => i === 0,
  body: CELL,
  head: CELL_HEAD,
};
const FINDINGS_HEAD: Row = {
  cells: ['序号', '问题与位置', '说明', '处理情况', '审核意见'],
  flagged: false,
  head: true,
};
/** A finding's row is at least this tall, so that a comment can be written by hand. */
const COMMENT_ROOM = 42;

/** 单位, 状态, 错误, 警告 and the part of the PDF holding its sheet, for the members' overview. */
const OVERVIEW: Columns = {
  widths: [180, 70, 50, 50, 92.2],
  numeric: (i) => i === 2 || i === 3,
  body: CELL,
  head: CELL_HEAD,
};

/** The sheet's title. */
export function reviewTitle(sheets: readonly ReviewSheet[], parent?: string): string {
  const first = sheets[0];
  if (parent) return `${parent}${first?.year ?? ''}年度各下属单位报告审核意见`;
  return `${first?.unit ?? ''}${first?.year ?? ''}年度报告审核意见`;
}

function handled(i: ReviewItem): string {
  if (!i.reason) return i.state;
  const who = [i.by, i.at ? i.at.slice(0, 10) : ''].filter(Boolean).join('，');
  return `${i.state}：${i.reason}${who ? `（${who}）` : ''}`;
}

function statusLine(s: ReviewSheet): string {
  if (s.state === '未收到') return '报告状态：未收到';
  const version = s.revision ? `（第 ${s.revision} 版）` : '';
  if (s.state === '旧格式') return `报告状态：旧格式文本${version}，不做检查`;
  return `报告状态：${s.state}${version}\u3000未解决：错误 ${s.errors} 个，警告 ${s.warnings} 个`;
}

/** The lines at the foot of a sheet: an overall comment, the reviewer and the date. */
function signature(ctx: Sheet, s: ReviewSheet): void {
  room(ctx, 120);
  ctx.y += 6;
  text(ctx, '总体审核意见：', TEXT, { after: 2 });
  const rule = (y: number) =>
    ctx.doc
      .save()
      .lineWidth(0.5)
      .strokeColor('#000000')
      .moveTo(SHEET_LEFT, y)
      .lineTo(SHEET_LEFT + SHEET_WIDTH, y)
      .stroke()
      .restore();
  for (let k = 0; k < 3; k++) {
    ctx.y += 22;
    rule(SHEET_TOP + ctx.y);
  }
  ctx.y += 12;
  text(ctx, `审核人：${s.reviewer}`, TEXT, { after: 6 });
  text(ctx, `审核日期：${s.date}`, TEXT, { after: 6 });
  text(ctx, '报告单位签收人及日期：', TEXT);
}

const SHEET_LEFT = PAGE.left;
const SHEET_TOP = PAGE.top;
const SHEET_WIDTH = PAGE.blockWidth;

function drawSheet(ctx: Sheet, s: ReviewSheet, withTitle: boolean): void {
  if (withTitle) text(ctx, '审核意见', TITLE, { centre: true, after: 4 });
  text(ctx, `${s.unit}${s.year}年度政府信息公开工作年度报告`, SUBTITLE, {
    centre: true,
    after: 8,
  });
  text(ctx, statusLine(s), TEXT, { after: 2 });
  text(
    ctx,
    '说明：下列问题由年报软件按检查规则列出；“待改正”的错误须改正后重新报送，“待核实”的警告须核实；已说明理由或已核实的，列出其理由。审核意见栏供审核人填写。',
    SMALL,
    { after: 8 },
  );
  if (s.state === '未收到') {
    text(
      ctx,
      `没有收到${s.year}年度的报告（${CODES.MEMBER_MISSING.title}）。没有业务也应报送数字为 0 的报告。`,
      TEXT,
    );
  } else if (!s.groups.length) {
    text(ctx, s.state === '旧格式' ? '旧格式文本不做检查。' : '检查没有发现问题。', TEXT);
  }
  let n = 0;
  s.groups.forEach((g) => {
    room(ctx, 70);
    text(ctx, `${g.label}（${g.items.length} 项）`, HEADING, { after: 4 });
    table(
      ctx,
      FINDINGS,
      FINDINGS_HEAD,
      g.items.map((i) => ({
        cells: [
          String(++n),
          `${i.severity === 'error' ? '【错误】' : '【警告】'}${i.title}\n${i.place}`,
          i.message,
          handled(i),
          '',
        ],
        flagged: i.state === '待改正',
        minHeight: COMMENT_ROOM,
      })),
    );
  });
  signature(ctx, s);
}

/** Renders the 审核意见 of one report, or of every member (`parent` names the parent). */
export async function renderReview(
  sheets: readonly ReviewSheet[],
  options: { fonts: FontSet; creationDate: Date; parent?: string },
): Promise<RenderOutput> {
  const title = reviewTitle(sheets, options.parent);
  const { sheet: ctx, finish } = openSheet(options.fonts, {
    title,
    author: options.parent ?? sheets[0]?.unit ?? '',
    subject: '审核意见',
    keywords: `政府信息公开;年度报告;审核意见;${sheets[0]?.year ?? ''}`,
    creationDate: options.creationDate,
  });
  if (!options.parent) {
    if (sheets[0]) drawSheet(ctx, sheets[0], true);
    return finish();
  }
  text(ctx, '审核意见', TITLE, { centre: true, after: 4 });
  text(ctx, `${options.parent}${sheets[0]?.year ?? ''}年度各下属单位报告`, SUBTITLE, {
    centre: true,
    after: 8,
  });
  const missing = sheets.filter((s) => s.state === '未收到').length;
  const withErrors = sheets.filter((s) => s.errors > 0).length;
  text(
    ctx,
    `共 ${sheets.length} 个下属单位：未收到 ${missing} 个，有未解决错误的 ${withErrors} 个。各单位的审核意见依次附后，每个单位另起一页。`,
    TEXT,
    { after: 8 },
  );
  table(
    ctx,
    OVERVIEW,
    { cells: ['单位', '状态', '错误', '警告', '审核意见'], flagged: false, head: true },
    sheets.map((s, i) => ({
      cells: [
        s.unit,
        s.state,
        s.state === '未收到' ? '' : String(s.errors),
        s.state === '未收到' ? '' : String(s.warnings),
        `第 ${i + 1} 部分`,
      ],
      flagged: s.state === '未收到' || s.errors > 0,
    })),
  );
  sheets.forEach((s, i) => {
    newPage(ctx);
    text(ctx, `第 ${i + 1} 部分`, SMALL, { after: 2 });
    drawSheet(ctx, s, false);
  });
  return finish();
}
