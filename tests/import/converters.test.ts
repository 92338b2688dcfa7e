// The corpus's web pages and complete reports as independent programs rewrite them (issue 11's
// quality bar): LibreOffice (text, .doc, .docx, PDF), poppler's pdftotext with and without
// -layout, turndown + GFM (Markdown) and html-to-text. Each conversion is made at test time in
// a cache folder (one soffice run per target format for all files; reused while the inputs and
// program versions are the same), imported as the application imports it, and held to the
// source's hand-read truth: no number in a wrong cell. The right counts are printed.
// A Debian program that is missing skips its part with a message (tests/run.mjs names the
// package to install).
import { createHash } from 'node:crypto';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readFileSync, renameSync, rmSync, writeFileSync } from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { convert as htmlToText } from 'html-to-text';
import TurndownService from 'turndown';
import { gfm } from 'turndown-plugin-gfm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CORPUS_DIR,
  importFixture,
  loadCorpus,
  scoreCells,
  type CellScore,
} from '../helpers/corpus';

const corpus = new Map(loadCorpus().map((f) => [f.name, f]));

const HTML_PAGES = ['shanghai-bgt-2019.html', 'pingtan-2023.html'];
const DOCS = ['pingtan-2023.doc'];
const PDFS = ['pingtan-2023.pdf', 'huaian-2024.pdf'];

function which(command: string): string | null {
  const r = spawnSync('sh', ['-c', `command -v ${command}`], { encoding: 'utf8' });
  return r.status === 0 ? r.stdout.trim() : null;
}
const SOFFICE = which('soffice');
const PDFTOTEXT = which('pdftotext');
const MISSING = {
  soffice:
    'LibreOffice (soffice) is not installed: sudo apt-get install -y libreoffice-writer-nogui',
  pdftotext: 'poppler (pdftotext) is not installed: sudo apt-get install -y poppler-utils',
};

/** The version line of a program, part of the cache key (a new version converts again). */
function version(command: string | null, flag: string): string {
  if (!command) return 'missing';
  const r = spawnSync(command, [flag], { encoding: 'utf8', timeout: 60_000 });
  return `${r.stdout}${r.stderr}`.split('\n')[0] ?? '';
}

const CACHE = path.join(os.tmpdir(), 'nianbao-corpus-conversions');

/** The Debian programs a conversion needs that are not installed. */
function missing(c: Conversion): string[] {
  const needs: ('soffice' | 'pdftotext')[] = [];
  if (c.program === 'soffice' || c.name.includes('LibreOffice')) needs.push('soffice');
  if (c.program === 'pdftotext') needs.push('pdftotext');
  return needs.filter((n) => !(n === 'soffice' ? SOFFICE : PDFTOTEXT)).map((n) => MISSING[n]);
}

interface Conversion {
  /** e.g. "pingtan-2023.html → LibreOffice .docx" */
  readonly name: string;
  /** The corpus file whose truth applies. */
  readonly source: string;
  readonly program: 'soffice' | 'pdftotext' | 'turndown' | 'html-to-text';
  /** The converted file, once made. */
  file?: string;
}

const LO_TARGETS = [
  { ext: 'txt', filter: 'txt:Text (encoded):UTF8', label: 'LibreOffice text' },
  { ext: 'doc', filter: 'doc', label: 'LibreOffice .doc' },
  { ext: 'docx', filter: 'docx', label: 'LibreOffice .docx' },
  { ext: 'pdf', filter: 'pdf', label: 'LibreOffice PDF' },
] as const;

const conversions: Conversion[] = [
  ...HTML_PAGES.flatMap((source) => [
    { name: `${source} → turndown + GFM`, source, program: 'turndown' as const },
    { name: `${source} → html-to-text`, source, program: 'html-to-text' as const },
    ...LO_TARGETS.map((t) => ({
      name: `${source} → ${t.label}`,
      source,
      program: 'soffice' as const,
    })),
    { name: `${source} → LibreOffice PDF → pdftotext`, source, program: 'pdftotext' as const },
    {
      name: `${source} → LibreOffice PDF → pdftotext -layout`,
      source,
      program: 'pdftotext' as const,
    },
  ]),
  ...DOCS.map((source) => ({
    name: `${source} → LibreOffice text`,
    source,
    program: 'soffice' as const,
  })),
  ...PDFS.flatMap((source) => [
    { name: `${source} → pdftotext`, source, program: 'pdftotext' as const },
    { name: `${source} → pdftotext -layout`, source, program: 'pdftotext' as const },
  ]),
];

/** Runs soffice once for many inputs into one format; returns outdir. */
function soffice(inputs: readonly string[], filter: string, outdir: string, html: boolean): void {
  mkdirSync(outdir, { recursive: true });
  const profile = pathToFileURL(path.join(CACHE, 'lo-profile')).href;
  const r = spawnSync(
    SOFFICE!,
    [
      `-env:UserInstallation=${profile}`,
      '--headless',
      // web pages open in Writer (not Writer/Web), so that every target filter applies
      ...(html ? ['--infilter=HTML (StarWriter)'] : []),
      '--convert-to',
      filter,
      '--outdir',
      outdir,
      ...inputs,
    ],
    { encoding: 'utf8', timeout: 240_000 },
  );
  if (r.status !== 0) throw new Error(`soffice failed (${r.status}): ${r.stderr}`);
}

function pdftotext(pdf: string, out: string, layout: boolean): void {
  const r = spawnSync(PDFTOTEXT!, [...(layout ? ['-layout'] : []), '-enc', 'UTF-8', pdf, out], {
    encoding: 'utf8',
    timeout: 60_000,
  });
  if (r.status !== 0) throw new Error(`pdftotext failed (${r.status}): ${r.stderr}`);
}

/** Makes every conversion whose program is installed, reusing the cache. */
function convertAll(): void {
  const inputs = [...HTML_PAGES, ...DOCS, ...PDFS].map((n) =>
    readFileSync(path.join(CORPUS_DIR, n)),
  );
  const key = createHash('sha256')
    .update(version(SOFFICE, '--version'))
    .update(version(PDFTOTEXT, '-v'))
    .update(JSON.stringify(LO_TARGETS));
  for (const bytes of inputs) key.update(bytes);
  const dir = path.join(CACHE, key.digest('hex').slice(0, 16));
  const done = path.join(dir, '.complete');
  const out = (...p: string[]) => path.join(dir, ...p);
  const src = (n: string) => path.join(CORPUS_DIR, n);
  if (!existsSync(done)) {
    rmSync(dir, { recursive: true, force: true });
    mkdirSync(dir, { recursive: true });
    const td = new TurndownService();
    td.use(gfm);
    mkdirSync(out('turndown'));
    mkdirSync(out('html-to-text'));
    for (const page of HTML_PAGES) {
      const html = readFileSync(src(page), 'utf8');
      writeFileSync(out('turndown', `${page}.md`), td.turndown(html));
      // html-to-text's own defaults but no line wrapping (one paragraph a line, one cell a line)
      writeFileSync(out('html-to-text', `${page}.txt`), htmlToText(html, { wordwrap: false }));
    }
    if (SOFFICE) {
      for (const t of LO_TARGETS)
        soffice(HTML_PAGES.map(src), t.filter, out('lo-html', t.ext), true);
      soffice(DOCS.map(src), 'txt:Text (encoded):UTF8', out('lo-doc', 'txt'), false);
    }
    if (PDFTOTEXT) {
      const pdfs = [
        ...PDFS.map((n) => ({ name: n, pdf: src(n) })),
        ...(SOFFICE
          ? HTML_PAGES.map((n) => ({
              name: `${n}.lo.pdf`,
              pdf: out('lo-html', 'pdf', n.replace(/\.html$/u, '.pdf')),
            }))
          : []),
      ];
      mkdirSync(out('pdftotext'), { recursive: true });
      for (const { name, pdf } of pdfs) {
        pdftotext(pdf, out('pdftotext', `${name}.txt`), false);
        pdftotext(pdf, out('pdftotext', `${name}.layout.txt`), true);
      }
    }
    writeFileSync(`${done}.tmp`, new Date().toISOString());
    renameSync(`${done}.tmp`, done);
  }
  // where each conversion's file is (only those whose program is there)
  const stem = (n: string) => n.replace(/\.[^.]+$/u, '');
  for (const c of conversions) {
    const s = c.source;
    let file: string | undefined;
    if (c.name.endsWith('turndown + GFM')) file = out('turndown', `${s}.md`);
    else if (c.name.endsWith('html-to-text')) file = out('html-to-text', `${s}.txt`);
    else if (c.name.includes('pdftotext')) {
      const base = c.name.includes('LibreOffice PDF') ? `${s}.lo.pdf` : s;
      file = out('pdftotext', `${base}${c.name.endsWith('-layout') ? '.layout' : ''}.txt`);
    } else if (s.endsWith('.doc')) file = out('lo-doc', 'txt', `${stem(s)}.txt`);
    else {
      const t = LO_TARGETS.find((x) => c.name.endsWith(x.label))!;
      file = out('lo-html', t.ext, `${stem(s)}.${t.ext}`);
    }
    if (existsSync(file)) c.file = file;
  }
}

describe('corpus files rewritten by independent programs', () => {
  const scores = new Map<string, CellScore & { refused: string | null }>();

  beforeAll(async () => {
    mkdirSync(CACHE, { recursive: true });
    convertAll();
    for (const c of conversions) {
      if (!c.file) continue;
      const outcome = await importFixture(c.file);
      const truth = corpus.get(c.source)!.truth;
      scores.set(c.name, {
        ...scoreCells(outcome.ok ? outcome.report : null, truth),
        refused: outcome.ok ? null : outcome.message,
      });
    }
  }, 300_000);

  afterAll(() => {
    const width = Math.max(...conversions.map((c) => c.name.length));
    const lines = conversions.map((c) => {
      const s = scores.get(c.name);
      if (!s) return `${c.name.padEnd(width)}  skipped: ${missing(c).join('; ')}`;
      return (
        `${c.name.padEnd(width)}  right ${String(s.right).padStart(3)}/${s.total}` +
        `  blank ${String(s.blankButKnown.length).padStart(3)}  wrong ${s.wrong.length}` +
        (s.refused ? `  refused` : '')
      );
    });
    console.log(`\nCorpus conversions (cache ${CACHE}):\n${lines.join('\n')}`);
  });

  const absent = [...new Set(conversions.flatMap(missing))];
  if (absent.length) console.warn(`Skipping conversions: ${absent.join('; ')}`);

  for (const c of conversions) {
    it.skipIf(missing(c).length > 0)(`${c.name} puts no number in a wrong cell`, () => {
      const s = scores.get(c.name);
      expect(s, `${c.name} was not made`).toBeDefined();
      expect(s!.wrong.map((d) => `${d.cell}: truth ${d.want}, import ${d.got}`)).toEqual([]);
    });
  }
});
