/**
 * The PDF half of the typed API: renderPdf, finaliseReport, verifyPdf and fonts, composed from
 * the archive (its API and internal operations) and a renderer (a worker thread in the app,
 * in-process in the CLI). Payloads are validated here, at the service boundary.
 */
import { createHash } from 'node:crypto';
import {
  ApiError,
  parsePayload,
  type FinalisedPdf,
  type FontsInfo,
  type NianbaoApi,
  type PageNumberMode,
  type PdfMethod,
  type RenderedPdf,
} from '../../../core/api';
import { resolveFindings, runChecks, type ResolvedFinding } from '../../../core/checks';
import type { Report } from '../../../core/model';
import type { ArchiveConnection } from '../archive/client';
import { describeFonts, loadFontSet } from './fonts';
import { renderPdf } from './render';

/** One render: the report, whether it is a draft, and the date the PDF states. */
export interface RenderRequest {
  readonly report: Report;
  readonly draft: boolean;
  /** ISO time: the revision's, so that rendering one revision twice gives the same bytes. */
  readonly creationDate: string;
  readonly pageNumbers: PageNumberMode;
}

export interface RenderedBytes {
  readonly pdf: Uint8Array;
  readonly pages: number;
}

/** Renders PDFs: in a worker thread (the app) or in this process (the CLI, tests). */
export interface Renderer {
  render(request: RenderRequest): Promise<RenderedBytes>;
  fonts(): Promise<FontsInfo>;
  close(): Promise<void>;
}

export interface RendererOptions {
  /** Folders searched for the official fonts; [] = bundled fonts only; default: the system's. */
  readonly fontDirs?: readonly string[];
}

/** The renderer in this process: fonts are loaded once, on first use, and kept. */
export function createInProcessRenderer(options: RendererOptions = {}): Renderer {
  const fonts = () => loadFontSet(options.fontDirs ? { dirs: options.fontDirs } : {});
  return {
    async render(request) {
      return renderPdf(request.report, {
        fonts: fonts(),
        draft: request.draft,
        creationDate: new Date(request.creationDate),
        pageNumbers: request.pageNumbers,
      });
    },
    async fonts() {
      return describeFonts(fonts());
    },
    async close() {},
  };
}

export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** The errors still open (no override): they make the print a draft. */
function openErrors(findings: readonly ResolvedFinding[]): { code: string; message: string }[] {
  return findings
    .filter((f) => f.severity === 'error' && !f.resolved)
    .map((f) => ({ code: f.code, message: f.message }));
}

/**
 * The date a report outside the archive states as its creation date: its 成文日期 when it
 * reads as a date, else 1 January of the next year (fixed, so a file renders the same twice).
 */
export function documentDate(report: Report): string {
  const m = /(\d{4})\s*年\s*(\d{1,2})\s*月\s*(\d{1,2})\s*日/u.exec(report.signature.date);
  if (m) {
    const [y, mo, d] = [Number(m[1]), Number(m[2]), Number(m[3])];
    const date = new Date(Date.UTC(y, mo - 1, d, 0, 0, 0));
    if (date.getUTCMonth() === mo - 1 && date.getUTCDate() === d) return date.toISOString();
  }
  return new Date(Date.UTC(report.year + 1, 0, 1)).toISOString();
}

/** Roles served by a stand-in font, for a notice: "仿宋_GB2312 / 仿宋 → Noto Serif SC". */
function standIns(fonts: FontsInfo): string[] {
  return fonts.roles.filter((r) => r.standIn).map((r) => `${r.wanted} → ${r.family}`);
}

const MAX_LISTED = 20;

/**
 * renderPdf, finaliseReport, verifyPdf and fonts. Without an archive only renderPdf of a
 * given report and fonts work (the CLI's `render <file>`).
 */
export function createPdfApi(
  archive: Pick<ArchiveConnection, 'api' | 'internal'> | null,
  renderer: Renderer,
): Pick<NianbaoApi, PdfMethod> {
  const needArchive = () => {
    if (!archive) throw new ApiError('INVALID', '没有打开档案库。');
    return archive;
  };
  let fontsInfo: Promise<FontsInfo> | null = null;
  const fonts = () =>
    (fontsInfo ??= renderer.fonts().catch((error: unknown) => {
      fontsInfo = null; // asked again next time
      throw error;
    }));

  /** The newest revision of an archived report (or a given one), its time and its checks. */
  async function fromArchive(unitId: string, year: number, revision?: number) {
    const { api } = needArchive();
    // history() lists the newest revision first
    const history = await api.history({ unitId, year });
    const head = history[0];
    const entry = revision === undefined ? head : history.find((h) => h.revision === revision);
    if (!entry) throw new ApiError('NOT_FOUND', `${year}年度报告没有第 ${revision} 版。`);
    const content = await api.openRevision({ unitId, year, revision: entry.revision });
    if (content.legacy) {
      throw new ApiError('INVALID', `${year}年度报告是旧格式文本，不按现行格式排版打印。`);
    }
    const checked = await api.checkReport({ unitId, year, report: content.report });
    return { report: content.report, revision: entry.revision, at: entry.at, checked };
  }

  /** A fresh render: a draft while errors are open. */
  async function freshRender(
    report: Report,
    errors: readonly { code: string; message: string }[],
    creationDate: string,
    revision: number | null,
    pageNumbers: PageNumberMode,
  ): Promise<RenderedPdf> {
    const info = await fonts();
    const draft = errors.length > 0;
    const out = await renderer.render({ report, draft, creationDate, pageNumbers });
    return {
      ...out,
      draft,
      openErrors: errors.slice(0, MAX_LISTED),
      sha256: sha256(out.pdf),
      finalised: false,
      revision,
      standIns: standIns(info),
    };
  }

  return {
    async renderPdf(payload) {
      const p = parsePayload('renderPdf', payload);
      if ('report' in p.source) {
        const report = p.source.report as Report;
        const errors = openErrors(resolveFindings(runChecks(report), report.decisions));
        return freshRender(report, errors, documentDate(report), null, p.pageNumbers);
      }
      const { unitId, year, revision } = p.source;
      // A finalised report prints as archived: the stored bytes are the signed copy.
      if (revision === undefined) {
        const stored = await needArchive().internal.finalPdf({ unitId, year });
        if (stored) {
          return {
            pdf: stored.pdf,
            pages: countPages(stored.pdf),
            draft: false,
            openErrors: [],
            sha256: stored.sha256,
            finalised: true,
            revision: stored.revision,
            standIns: [],
          };
        }
      }
      const got = await fromArchive(unitId, year, revision);
      const errors = openErrors(got.checked.findings);
      return freshRender(got.report, errors, got.at, got.revision, p.pageNumbers);
    },

    async finaliseReport(payload) {
      const p = parsePayload('finaliseReport', payload);
      const { api, internal } = needArchive();
      const opened = await api.openReport({ unitId: p.unitId, year: p.year });
      if (opened.legacy) throw new ApiError('INVALID', '旧格式文本不能定稿。');
      if (opened.locked) {
        throw new ApiError(
          'LOCKED',
          `${p.year}年度报告已经定稿（第 ${opened.finalisation?.revision} 版）。`,
        );
      }
      if (opened.recovered) {
        throw new ApiError('CONFLICT', '报告还有未保存的修改，请先保存再定稿。');
      }
      const got = await fromArchive(p.unitId, p.year);
      const errors = openErrors(got.checked.findings);
      if (errors.length > 0) {
        const listed = errors.slice(0, MAX_LISTED).map((e) => `  - [${e.code}] ${e.message}`);
        if (errors.length > MAX_LISTED) listed.push(`  …另有 ${errors.length - MAX_LISTED} 个`);
        const list = listed.join('\n');
        throw new ApiError(
          'CONFLICT',
          `还有 ${errors.length} 个错误没有解决，不能定稿。请修改，或写明理由后确认：\n${list}`,
        );
      }
      const out = await renderer.render({
        report: got.report,
        draft: false,
        creationDate: got.at,
        pageNumbers: p.pageNumbers,
      });
      const stored = await internal.storeFinalisation({
        unitId: p.unitId,
        year: p.year,
        by: p.author,
        pdf: out.pdf,
        revision: got.revision,
      });
      return { ...out, ...stored } satisfies FinalisedPdf;
    },

    async verifyPdf(payload) {
      const p = parsePayload('verifyPdf', payload);
      const match = await needArchive().internal.findFinalisation({ pdf: p.pdf });
      return { sha256: sha256(p.pdf), match };
    },

    async fonts(payload) {
      parsePayload('fonts', payload);
      return fonts();
    },
  };
}

/** The number of pages of a PDF this program wrote (its page tree's /Count). */
function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = /\/Type \/Pages\s*\/Count (\d+)/u.exec(text);
  return m ? Number(m[1]) : 0;
}

/** The whole typed API: the archive's methods and the PDF service's. */
export function composeApi(archive: ArchiveConnection, renderer: Renderer): NianbaoApi {
  return { ...archive.api, ...createPdfApi(archive, renderer) };
}
