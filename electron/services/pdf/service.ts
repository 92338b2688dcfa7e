/**
 * The PDF half of the typed API: renderPdf, finaliseReport and fonts, composed from the
 * archive (its internal `printable` and `storeFinalisation`: the archive owns the rules of
 * finalisation and runs the checks) and a PDF renderer (a worker thread in the app, in-process
 * in the CLI). Payloads arrive validated by the transport edge.
 */
import {
  ApiError,
  validatedApi,
  type ApiService,
  type ComparisonPdf,
  type ExportedDocument,
  type FinalisedPdf,
  type FontsInfo,
  type NianbaoApi,
  type PageNumberMode,
  type RenderedPdf,
  type ReviewPdf,
} from '../../../core/api';
import { resolveFindings, runChecks } from '../../../core/checks';
import { compareReports, type ReportComparison } from '../../../core/compare';
import type { Report } from '../../../core/model';
import { sha256 } from '../../../db/hash';
import type { ArchiveConnection } from '../archive/client';
import {
  ARCHIVE_METHODS,
  PDF_METHODS,
  type ArchiveService,
  type PdfMethod,
} from '../archive/methods';
import { comparisonTitle, renderComparison } from './compare';
import { reviewFileName, type ReviewSheet } from '../../../core/office';
import { renderReview } from './review';
import { exportDocument, type DocumentRequest } from '../export-docx';
import { parseReportFile } from '../../../core/file';
import { describeFonts, loadFontSet } from './fonts';
import { renderPdf, type RenderOutput } from './render';

/** One render: the report, whether it is a draft, and the date the PDF states. */
export interface RenderRequest {
  readonly report: Report;
  readonly draft: boolean;
  /** A report marked 已发布（存档）: each page noted "存档副本（已发布）" (no watermark). */
  readonly published?: boolean;
  /** ISO time: the revision's, so that rendering one revision twice gives the same bytes. */
  readonly creationDate: string;
  readonly pageNumbers: PageNumberMode;
}

/** One 年度对比表: the comparison and the date the PDF states. */
export interface ComparisonRequest {
  readonly comparison: ReportComparison;
  readonly creationDate: string;
}

/** The 审核意见 of one report or of every member of `parent`, and the date the PDF states. */
export interface ReviewRequest {
  readonly sheets: readonly ReviewSheet[];
  readonly parent?: string;
  readonly creationDate: string;
}

/** Typesets PDFs: in a worker thread (the app) or in this process (the CLI, tests). */
export interface PdfRenderer {
  render(request: RenderRequest): Promise<RenderOutput>;
  /** The 年度对比表 of two reports (compare.ts). */
  renderComparison(request: ComparisonRequest): Promise<RenderOutput>;
  /** The 审核意见 (review.ts). */
  renderReview(request: ReviewRequest): Promise<RenderOutput>;
  /** The report as a Word document or a web page. */
  document(request: DocumentRequest): Promise<ExportedDocument>;
  fonts(): Promise<FontsInfo>;
  close(): Promise<void>;
}

export interface PdfRendererOptions {
  /** Folders searched for the official fonts; [] = bundled fonts only; default: the system's. */
  readonly fontDirs?: readonly string[];
}

/** The PDF renderer in this process: fonts are loaded once, on first use, and kept. */
export function createPdfRenderer(options: PdfRendererOptions = {}): PdfRenderer {
  const fonts = () => loadFontSet(options.fontDirs ? { dirs: options.fontDirs } : {});
  return {
    async render(request) {
      return renderPdf(request.report, {
        fonts: fonts(),
        draft: request.draft,
        archiveCopy: request.published ?? false,
        creationDate: new Date(request.creationDate),
        pageNumbers: request.pageNumbers,
      });
    },
    async renderComparison(request) {
      return renderComparison(request.comparison, {
        fonts: fonts(),
        creationDate: new Date(request.creationDate),
      });
    },
    async renderReview(request) {
      return renderReview(request.sheets, {
        fonts: fonts(),
        creationDate: new Date(request.creationDate),
        ...(request.parent ? { parent: request.parent } : {}),
      });
    },
    async document(request) {
      return exportDocument(request);
    },
    async fonts() {
      return describeFonts(fonts());
    },
    async close() {},
  };
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

/** At most this many open errors go with a draft, for the preview. */
const MAX_LISTED = 20;

/**
 * renderPdf, finaliseReport and fonts, trusting their payloads. Without an archive only
 * renderPdf of a given report and fonts work (the CLI's `render <file>`).
 */
export function createPdfService(
  archive: ArchiveService | null,
  renderer: PdfRenderer,
): Pick<ApiService, PdfMethod> {
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

  /**
   * A fresh render: a draft while errors are open — unless the report is marked 已发布（存档）:
   * then the document as it was published, its pages noted as an archive copy.
   */
  async function freshRender(
    report: Report,
    errors: readonly { code: string; message: string }[],
    creationDate: string,
    revision: number | null,
    pageNumbers: PageNumberMode,
    published = false,
  ): Promise<RenderedPdf> {
    const info = await fonts();
    const draft = errors.length > 0 && !published;
    const out = await renderer.render({ report, draft, published, creationDate, pageNumbers });
    return {
      ...out,
      draft,
      published,
      openErrors: draft ? errors.slice(0, MAX_LISTED) : [],
      sha256: sha256(out.pdf),
      finalised: false,
      revision,
      standIns: standIns(info),
    };
  }

  return {
    async renderPdf(p) {
      if ('report' in p.source) {
        const report = p.source.report as Report;
        const errors = resolveFindings(runChecks(report), report.decisions)
          .filter((f) => f.severity === 'error' && !f.resolved)
          .map((f) => ({ code: f.code, message: f.message }));
        return freshRender(report, errors, documentDate(report), null, p.pageNumbers);
      }
      const got = await needArchive().printable(p.source);
      // A finalised report prints as archived: the stored bytes are the signed copy.
      if (got.kind === 'archived') {
        return {
          pdf: got.pdf,
          pages: countPages(got.pdf),
          draft: false,
          openErrors: [],
          sha256: got.sha256,
          finalised: true,
          revision: got.revision,
          standIns: [],
          published: false,
        };
      }
      return freshRender(
        got.report,
        got.openErrors,
        got.at,
        got.revision,
        p.pageNumbers,
        got.published,
      );
    },

    async finaliseReport(p) {
      const service = needArchive();
      const { unitId, year } = p;
      // refused (with the reason and the open errors) unless the newest revision may be finalised
      const got = await service.printable({ unitId, year, finalise: true });
      if (got.kind !== 'render') throw new ApiError('FAILED', '定稿时没有得到要排版的报告。');
      const out = await renderer.render({
        report: got.report,
        draft: false,
        creationDate: got.at,
        pageNumbers: p.pageNumbers,
      });
      const stored = await service.storeFinalisation({
        unitId,
        year,
        by: p.author,
        pdf: out.pdf,
        revision: got.revision,
      });
      return {
        ...out,
        revision: stored.revision,
        at: stored.at,
        by: stored.by,
        sha256: stored.sha256 ?? '',
      } satisfies FinalisedPdf;
    },

    async exportDocument(p) {
      let report: Report;
      let created: string;
      if ('report' in p.source) {
        report = p.source.report as Report;
        created = documentDate(report);
      } else {
        const file = await needArchive().exportReport({ ...p.source, format: 'json' });
        report = parseReportFile(file.text);
        created = documentDate(report);
      }
      return renderer.document({
        report,
        to: p.to,
        fragment: p.fragment,
        pageNumbers: p.pageNumbers,
        created,
      });
    },

    async fonts() {
      return fonts();
    },

    async renderComparisonPdf(p) {
      // two reports given whole need no archive; one in the archive is read there
      const comparison =
        'report' in p.a && 'report' in p.b
          ? compareReports(p.a.report as Report, p.b.report as Report)
          : await needArchive().compareReports(p);
      const creationDate = new Date(
        Date.UTC(Math.max(comparison.a.year, comparison.b.year) + 1, 0, 1),
      ).toISOString();
      const out = await renderer.renderComparison({ comparison, creationDate });
      return { ...out, fileName: `${comparisonTitle(comparison)}.pdf` } satisfies ComparisonPdf;
    },

    // County office: the 审核意见 (issue 15, item 3)
    async renderReviewPdf(p) {
      const service = needArchive();
      const sheets = await service.reviewSheets(p);
      const parent = p.members
        ? (await service.submissions({ unitId: p.unitId, year: p.year })).unit.name
        : undefined;
      // The day of the review (the sheets' date): the same sheets give the same bytes that day.
      const creationDate = new Date(`${sheets[0]?.date ?? '2000-01-01'}T00:00:00Z`).toISOString();
      const out = await renderer.renderReview({
        sheets,
        creationDate,
        ...(parent ? { parent } : {}),
      });
      const name = parent ?? sheets[0]?.unit ?? '';
      return {
        ...out,
        fileName: reviewFileName(name, p.year, p.members, 'pdf'),
        sheets: sheets.length,
      } satisfies ReviewPdf;
    },
  };
}

/** The number of pages of a PDF this program wrote (its page tree's /Count). */
function countPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength).toString('latin1');
  const m = /\/Type \/Pages\s*\/Count (\d+)/u.exec(text);
  return m ? Number(m[1]) : 0;
}

/** The PDF methods validating each payload: for callers that are an edge themselves (the CLI). */
export function createPdfApi(
  archive: Pick<ArchiveConnection, 'service'> | null,
  renderer: PdfRenderer,
): Pick<NianbaoApi, PdfMethod> {
  return validatedApi(createPdfService(archive?.service ?? null, renderer), PDF_METHODS);
}

/** The whole API as the transports call it (IPC, HTTP: they validate each payload first). */
export function composeService(archive: ArchiveConnection, renderer: PdfRenderer): ApiService {
  const own = Object.fromEntries(ARCHIVE_METHODS.map((m) => [m, archive.service[m]]));
  return { ...own, ...createPdfService(archive.service, renderer) } as ApiService;
}
