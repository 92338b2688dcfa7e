/**
 * The exchange file between offline offices (issue 15 item 1) over real archives: a round trip
 * (the same report back, the 定稿 PDF byte for byte), tampering refused with the right message,
 * a renamed unit matched by its id, newer / identical / older revisions, a finalised report not
 * replaced, a unit chosen by the clerk, and the whole county exported and imported.
 */
import fs from 'node:fs';
import path from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { describe, expect, it } from 'vitest';
import { DATA_ENTRY, MANIFEST_ENTRY, PDF_ENTRY, sealOf } from '../../core/exchange';
import type { Report } from '../../core/model';
import { sha256 } from '../../db/hash';
import { tempArchive, tempDir } from '../helpers/archive';
import { COUNTY, MISSING, YEAR, fillCounty } from '../helpers/county';
import {
  alterEntry,
  alterManifest,
  direct,
  exportFile,
  pdfBytes,
  receive,
  receiveBytes,
  rezip,
  writeExport,
} from './helpers';

const DEPT = '清河县财政局';

/** The county in an archive; only its first member finalised unless `finaliseEvery` says. */
async function sender(finaliseEvery = 1000) {
  const t = await tempArchive();
  const county = fillCounty(t.archive, { finaliseEvery });
  return { a: t.archive, county, unit: county.byName.get(DEPT)! };
}

async function receiver() {
  return (await tempArchive()).archive;
}

/** The report as stored: without what only says where it is kept. */
const content = (r: Report) => ({ ...r, finalised: null });

function edited(report: Report, value: string): Report {
  const copy = structuredClone(report);
  copy.title = `${copy.title}（${value}）`;
  return copy;
}

describe('export', () => {
  it('writes one zip: a sealed manifest, the data file and the archived 定稿 PDF', async () => {
    const { a, unit } = await sender();
    const pdf = pdfBytes(DEPT);
    a.storeFinalisation({ unitId: unit.id, year: YEAR, by: '张三', pdf });
    const file = exportFile(a, unit.id, YEAR);
    expect(file.fileName).toBe(`${DEPT}-${YEAR}.nianbao`);
    expect(file.withPdf).toBe(true);

    const entries = unzipSync(file.data);
    expect(Object.keys(entries).sort()).toEqual([PDF_ENTRY, MANIFEST_ENTRY, DATA_ENTRY].sort());
    expect(entries[PDF_ENTRY]).toEqual(pdf);
    const manifest = JSON.parse(strFromU8(entries[MANIFEST_ENTRY]!));
    expect(manifest).toMatchObject({
      kind: 'nianbao-exchange',
      format: 1,
      app: {
        name: 'nianbao',
        version: JSON.parse(fs.readFileSync('package.json', 'utf8')).version,
      },
      unit: { id: unit.id, name: DEPT, kind: '部门' },
      year: YEAR,
      revision: a.history({ unitId: unit.id, year: YEAR })[0]!.revision,
      status: '已定稿',
      finalisation: { by: '张三', sha256: sha256(pdf) },
    });
    expect(manifest.entries[DATA_ENTRY].sha256).toBe(sha256(entries[DATA_ENTRY]!));
    expect(manifest.entries[PDF_ENTRY].sha256).toBe(sha256(pdf));
    expect(manifest.seal).toBe(sealOf(manifest, sha256));
    // the data file is what `nianbao archive export` writes
    expect(strFromU8(entries[DATA_ENTRY]!)).toBe(
      a.exportReport({ unitId: unit.id, year: YEAR, format: 'json' }).text,
    );
  });

  it('holds the newest revision, and says when there are unsaved edits besides', async () => {
    const { a, unit } = await sender();
    const before = exportFile(a, unit.id, YEAR);
    expect(before.unsaved).toBe(false);
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.writeJournal({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '9'),
      author: '李四',
    });
    const after = exportFile(a, unit.id, YEAR);
    expect(after.unsaved).toBe(true);
    expect(after.revision).toBe(before.revision);
    expect(unzipSync(after.data)[DATA_ENTRY]).toEqual(unzipSync(before.data)[DATA_ENTRY]);
  });

  it('leaves the PDF out of a draft', async () => {
    const { a, county } = await sender();
    const draft = county.byName.get('清河县民政局')!;
    const file = exportFile(a, draft.id, YEAR);
    expect(Object.keys(unzipSync(file.data)).sort()).toEqual([DATA_ENTRY, MANIFEST_ENTRY].sort());
    expect(JSON.parse(strFromU8(unzipSync(file.data)[MANIFEST_ENTRY]!)).status).toBe('草稿');
  });
});

describe('round trip', () => {
  it('brings the same report back, and the 定稿 PDF byte for byte', async () => {
    const { a, unit } = await sender();
    const pdf = pdfBytes(DEPT);
    a.storeFinalisation({ unitId: unit.id, year: YEAR, by: '张三', pdf });
    const b = await receiver();
    const file = exportFile(a, unit.id, YEAR);
    const summary = await receiveBytes(b, file.fileName, file.data);
    expect(summary).toMatchObject({ added: 1, identical: 0, refused: 0, needsUnit: 0 });
    const r = summary.results[0]!;
    expect(r).toMatchObject({
      status: 'added',
      unitName: DEPT,
      year: YEAR,
      newUnit: true,
      finalised: true,
      pdf: true,
    });
    // the exporter's unit id was free: kept
    expect(r.unitId).toBe(unit.id);

    const mine = a.openReport({ unitId: unit.id, year: YEAR });
    const theirs = b.openReport({ unitId: unit.id, year: YEAR });
    expect(theirs.legacy || mine.legacy).toBe(false);
    if (theirs.legacy || mine.legacy) return;
    expect(content(theirs.report)).toEqual(content(mine.report));
    expect(theirs.locked).toBe(true);
    const [fin] = b.listFinalisations({ unitId: unit.id, year: YEAR });
    expect(fin!.by).toBe('张三');
    const back = b.finalisedPdf({ unitId: unit.id, year: YEAR, id: fin!.id });
    expect(Buffer.from(back.pdf).equals(Buffer.from(pdf))).toBe(true);
    expect(back.sha256).toBe(sha256(pdf));
    // the revision says where it came from
    const [rev] = b.history({ unitId: unit.id, year: YEAR });
    expect(rev).toMatchObject({ reason: 'exchange', author: '县政务公开办' });
    expect(rev!.note).toBe(`来源第 ${r.sourceRevision} 版 · ${file.fileName}`);
  });
});

describe('tampering', () => {
  async function prepared() {
    const { a, unit } = await sender();
    a.storeFinalisation({ unitId: unit.id, year: YEAR, by: '张三', pdf: pdfBytes(DEPT) });
    return { file: exportFile(a, unit.id, YEAR), b: await receiver() };
  }

  async function refused(data: Uint8Array, b: Awaited<ReturnType<typeof receiver>>) {
    const summary = await receiveBytes(b, '财政局-2025.nianbao', data);
    expect(summary.refused).toBe(1);
    expect(b.listUnits()).toEqual([]); // nothing received
    return summary.results[0]!;
  }

  it('refuses one byte changed in the data', async () => {
    const { file, b } = await prepared();
    const r = await refused(alterEntry(file.data, DATA_ENTRY), b);
    expect(r.reason).toBe('data');
    expect(r.message).toBe(
      `交换文件中的报告数据（${DATA_ENTRY}）在导出后被改动过：SHA-256 与清单不符，未导入。请让报送单位重新导出交换文件。`,
    );
    expect(r).toMatchObject({ unitName: DEPT, year: YEAR });
  });

  it('refuses one byte changed in the PDF, rezipped or flipped in place', async () => {
    const { file, b } = await prepared();
    const r = await refused(alterEntry(file.data, PDF_ENTRY, 1000), b);
    expect(r.reason).toBe('pdf');
    expect(r.message).toContain(`定稿 PDF（${PDF_ENTRY}）在导出后被改动过：SHA-256 与清单不符`);

    // the PDF is stored uncompressed: a byte flipped in the file itself fails the zip's CRC-32
    const raw = new Uint8Array(file.data);
    const at = Buffer.from(raw).indexOf('xxxxxxxxxx');
    expect(at).toBeGreaterThan(0);
    raw[at + 5] = 'y'.charCodeAt(0);
    const flipped = await refused(raw, b);
    expect(flipped.reason).toBe('pdf');
    expect(flipped.message).toContain(`定稿 PDF（${PDF_ENTRY}）已损坏或在导出后被改动过`);
  });

  it('refuses one byte changed in the manifest', async () => {
    const { file, b } = await prepared();
    const r = await refused(
      alterManifest(file.data, (m) => (m.revision = Number(m.revision) + 10)),
      b,
    );
    expect(r.reason).toBe('manifest');
    expect(r.message).toContain('清单（manifest.json）在导出后被改动过');
    // a hash in the manifest changed to match an altered data file: the seal still tells
    const both = rezip(file.data, (entries) => {
      const data = new Uint8Array(entries[DATA_ENTRY]!);
      data[300] = data[300]! ^ 1;
      entries[DATA_ENTRY] = data;
      const m = JSON.parse(strFromU8(entries[MANIFEST_ENTRY]!));
      m.entries[DATA_ENTRY].sha256 = sha256(data);
      entries[MANIFEST_ENTRY] = new TextEncoder().encode(JSON.stringify(m));
    });
    expect((await refused(both, b)).reason).toBe('manifest');
  });

  it('refuses a zip bomb without inflating it', async () => {
    const { file, b } = await prepared();
    // 40 MB of zeros deflate to a few KB: past the data file's cap, stopped while inflating
    const bomb = rezip(file.data, (e) => (e[DATA_ENTRY] = new Uint8Array(40 * 1024 * 1024)));
    expect(bomb.length).toBeLessThan(1024 * 1024);
    const t0 = performance.now();
    const r = await refused(bomb, b);
    expect(r.reason).toBe('data');
    expect(r.message).toContain(`报告数据（${DATA_ENTRY}）解压后太大`);
    expect(performance.now() - t0).toBeLessThan(5000);
  });

  it('refuses a missing entry, an added one, a file that is no zip and a zip of another kind', async () => {
    const { file, b } = await prepared();
    const missing = await refused(
      rezip(file.data, (e) => delete e[PDF_ENTRY]),
      b,
    );
    expect(missing).toMatchObject({ reason: 'missing' });
    expect(missing.message).toContain(`缺少清单中列出的定稿 PDF（${PDF_ENTRY}）`);

    const extra = await refused(
      rezip(file.data, (e) => (e['附件.txt'] = new Uint8Array([1]))),
      b,
    );
    expect(extra.reason).toBe('missing');
    expect(extra.message).toContain('清单没有列出的“附件.txt”');

    const text = await refused(new TextEncoder().encode('这不是压缩包'), b);
    expect(text.reason).toBe('not-zip');
    expect(text.message).toContain('不是 zip 压缩包');

    const docx = await refused(
      rezip(file.data, (e) => delete e[MANIFEST_ENTRY]),
      b,
    );
    expect(docx.reason).toBe('wrong-kind');
    expect(docx.message).toContain('没有 manifest.json');

    const other = await refused(
      alterManifest(file.data, (m) => (m.kind = 'other')),
      b,
    );
    expect(other.reason).toBe('wrong-kind');
    expect(other.message).toContain('类型标识是“other”');

    const newer = await refused(
      alterManifest(file.data, (m) => (m.format = 2)),
      b,
    );
    expect(newer.reason).toBe('version');
    expect(newer.message).toContain('交换格式版本 2');
  });
});

describe('receiving', () => {
  it('matches a renamed unit by its id and adds the newer revision', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    const first = exportFile(a, unit.id, YEAR);
    await receiveBytes(b, first.fileName, first.data);

    a.renameUnit({ unitId: unit.id, name: '清河县财政局（国资委）', date: '2025-06-01' });
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.saveReport({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '41'),
      reason: 'save',
      author: '李四',
    });
    const second = exportFile(a, unit.id, YEAR);
    expect(second.fileName).toBe(`清河县财政局（国资委）-${YEAR}.nianbao`);
    const s = await receiveBytes(b, second.fileName, second.data);
    expect(s.results[0]).toMatchObject({ status: 'added', unitId: unit.id, revision: 2 });
    expect(b.listUnits()).toHaveLength(1); // not a second unit
    const history = b.history({ unitId: unit.id, year: YEAR });
    expect(history.map((h) => h.reason)).toEqual(['exchange', 'exchange']);
    expect(history[0]!.note).toBe(`来源第 ${second.revision} 版 · ${second.fileName}`);
  });

  it('adds a newer revision, nothing for an identical one, and refuses an older one', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    const v1 = exportFile(a, unit.id, YEAR);
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.saveReport({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '77'),
      reason: 'save',
      author: '李四',
    });
    const v2 = exportFile(a, unit.id, YEAR);
    expect(v2.revision).toBe(v1.revision + 1);

    expect((await receiveBytes(b, 'v1.nianbao', v1.data)).added).toBe(1);
    expect((await receiveBytes(b, 'v2.nianbao', v2.data)).results[0]).toMatchObject({
      status: 'added',
      revision: 2,
      sourceRevision: v2.revision,
    });
    const same = (await receiveBytes(b, 'v2-again.nianbao', v2.data)).results[0]!;
    expect(same).toMatchObject({ status: 'identical', revision: 2, message: '相同，未导入' });
    const old = (await receiveBytes(b, 'v1.nianbao', v1.data)).results[0]!;
    expect(old).toMatchObject({ status: 'refused', reason: 'older' });
    expect(old.message).toBe(
      `本档案库已收到${DEPT}${YEAR}年度报告的来源第 ${v2.revision} 版，此文件是较旧的第 ${v1.revision} 版，未导入。`,
    );
    expect(b.history({ unitId: unit.id, year: YEAR })).toHaveLength(2);
  });

  it('keeps what the office typed: its unsaved edits become a revision before the newer one', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    const v1 = exportFile(a, unit.id, YEAR);
    await receiveBytes(b, 'v1.nianbao', v1.data);
    const here = b.openReport({ unitId: unit.id, year: YEAR });
    if (here.legacy) throw new Error('legacy');
    b.writeJournal({
      unitId: unit.id,
      year: YEAR,
      report: edited(here.report, '5'),
      author: '王五',
    });
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.saveReport({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '88'),
      reason: 'save',
      author: '李四',
    });
    const v2 = exportFile(a, unit.id, YEAR);
    expect((await receiveBytes(b, 'v2.nianbao', v2.data)).added).toBe(1);
    const history = b.history({ unitId: unit.id, year: YEAR });
    expect(history.map((h) => [h.reason, h.author])).toEqual([
      ['exchange', '县政务公开办'],
      ['journal', '王五'],
      ['exchange', '县政务公开办'],
    ]);
  });

  it('never replaces a report finalised in the receiving archive', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    const v1 = exportFile(a, unit.id, YEAR);
    await receiveBytes(b, 'v1.nianbao', v1.data);
    b.storeFinalisation({ unitId: unit.id, year: YEAR, by: '县政务公开办', pdf: pdfBytes('here') });
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.saveReport({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '99'),
      reason: 'save',
      author: '李四',
    });
    const r = (await receiveBytes(b, 'v2.nianbao', exportFile(a, unit.id, YEAR).data)).results[0]!;
    expect(r).toMatchObject({ status: 'refused', reason: 'locked' });
    expect(r.message).toContain('已于');
    expect(r.message).toContain(
      '定稿（第 1 版），不替换。如需接收新版本，请先在本档案库中“重新打开”',
    );
    expect(b.history({ unitId: unit.id, year: YEAR })).toHaveLength(1);
  });

  it('records a finalisation that came after a revision already received', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    await receiveBytes(b, 'draft.nianbao', exportFile(a, unit.id, YEAR).data);
    const pdf = pdfBytes('later');
    a.storeFinalisation({ unitId: unit.id, year: YEAR, by: '张三', pdf });
    const r = (await receiveBytes(b, 'final.nianbao', exportFile(a, unit.id, YEAR).data))
      .results[0]!;
    expect(r).toMatchObject({ status: 'added', finalised: true, pdf: true, revision: 1 });
    const [fin] = b.listFinalisations({ unitId: unit.id, year: YEAR });
    expect(Buffer.from(b.finalisedPdf({ unitId: unit.id, year: YEAR, id: fin!.id }).pdf)).toEqual(
      Buffer.from(pdf),
    );
  });

  it('asks which unit when only a resembling name is there, and takes the clerk’s choice', async () => {
    const { a, unit } = await sender();
    const b = await receiver();
    const mine = b.createUnit({ name: '清河县财政局（国有资产监督管理局）', kind: '部门' });
    const file = exportFile(a, unit.id, YEAR);
    const asked = (await receiveBytes(b, file.fileName, file.data)).results[0]!;
    expect(asked).toMatchObject({
      status: 'needs-unit',
      unitName: DEPT,
      candidates: [{ id: mine.id, name: mine.name }],
    });
    expect(b.listYears({ unitId: mine.id })).toEqual([]);
    const s = await receiveBytes(b, file.fileName, file.data, { [file.fileName]: mine.id });
    expect(s.results[0]).toMatchObject({ status: 'added', unitId: mine.id });
    expect(b.listUnits()).toHaveLength(1);
    expect(b.history({ unitId: mine.id, year: YEAR })[0]!.note).toBe(
      `来源第 ${file.revision} 版 · ${file.fileName} · 单位标识 ${unit.id}`,
    );
    // the choice is remembered: the same file is identical, a newer one goes to the same unit
    expect((await receiveBytes(b, file.fileName, file.data)).results[0]).toMatchObject({
      status: 'identical',
      unitId: mine.id,
    });
    const opened = a.openReport({ unitId: unit.id, year: YEAR });
    if (opened.legacy) throw new Error('legacy');
    a.saveReport({
      unitId: unit.id,
      year: YEAR,
      report: edited(opened.report, '3'),
      reason: 'save',
      author: '李四',
    });
    const newer = exportFile(a, unit.id, YEAR);
    expect((await receiveBytes(b, newer.fileName, newer.data)).results[0]).toMatchObject({
      status: 'added',
      unitId: mine.id,
      revision: 2,
    });
    expect(b.listUnits()).toHaveLength(1);
  });
});

describe('a whole county', () => {
  it('exports every member and imports the folder into an empty archive', async () => {
    const { a, county } = await sender(3);
    const dir = tempDir('nianbao-exchange-');
    const sent = county.members.filter((m) => !(MISSING as readonly string[]).includes(m.name));
    for (const m of sent) writeExport(a, m.id, YEAR, dir);
    expect(fs.readdirSync(dir)).toHaveLength(sent.length);

    const b = await receiver();
    const progress: number[] = [];
    const { importExchange } = await import('../../electron/services/exchange/importer');
    const { parsePayload } = await import('../../core/api');
    const summary = await importExchange(
      direct(b),
      parsePayload('importExchange', { paths: [dir], author: '县政务公开办' }),
      (p) => progress.push(p.done),
    );
    expect(summary).toMatchObject({ added: sent.length, identical: 0, refused: 0, needsUnit: 0 });
    expect(progress.at(-1)).toBe(sent.length);
    for (const m of sent) {
      const mine = a.openReport({ unitId: m.id, year: YEAR });
      const theirs = b.openReport({ unitId: m.id, year: YEAR });
      if (mine.legacy || theirs.legacy) throw new Error('legacy');
      expect(content(theirs.report)).toEqual(content(mine.report));
      expect(theirs.locked).toBe(mine.locked);
    }
    // sub-units found their departments whatever the order the files were read in
    const units = new Map(b.listUnits().map((u) => [u.name, u]));
    expect(units.get('公安局交通管理大队')!.parentId).toBe(county.byName.get('清河县公安局')!.id);
    expect(units.get('不动产登记中心')!.parentId).toBe(county.byName.get('清河县自然资源局')!.id);
    // again: all identical
    const again = await receive(b, { paths: [dir] });
    expect(again).toMatchObject({ added: 0, identical: sent.length });
  });

  it('fills the office’s dashboard: members received under its own county unit', async () => {
    const { a, county } = await sender(3);
    const dir = tempDir('nianbao-exchange-');
    for (const m of county.members) {
      if (!(MISSING as readonly string[]).includes(m.name)) writeExport(a, m.id, YEAR, dir);
    }
    const b = await receiver();
    const office = b.createUnit({ name: COUNTY, kind: '政府' });
    await receive(b, { paths: [path.join(dir)] });
    const s = b.submissions({ unitId: office.id, year: YEAR });
    // every member that sent its file, under the county (by its name) or its department
    expect(s.members).toHaveLength(county.members.length - MISSING.length);
    expect(s.members.filter((m) => m.state === '未收到')).toEqual([]);
    const states = new Map(s.members.map((m) => [m.name, m.state]));
    expect(states.get('清河县民政局')).toBe('草稿');
    expect(states.get('公安局交通管理大队')).toBeDefined();
    expect(s.members.find((m) => m.name === '公安局交通管理大队')!.path).toEqual(['清河县公安局']);
  });
});
