/**
 * A file read for the archive: as a current-format report (2019 on), or else as a pre-2019 text
 * document. Runs in the import worker (worker.ts), so that however long a hostile file takes,
 * the thread holding the database keeps answering; see index.ts's `parseForArchive`.
 */
import { FIRST_STRUCTURED_YEAR } from '../../../core/formats';
import { ReportFileError, type Report } from '../../../core/model';
import type { LegacyBody } from '../../../db/text';
import type { ImportSource } from './source';

export interface Parsed {
  readonly year: number;
  readonly unitName: string;
  /** The archive id an exported .nianbao.json carries. */
  readonly unitId: string | null;
  readonly content: Report | LegacyBody;
}

/** What a file read once (see readSource) holds for the archive. */
export function parseSource(
  source: ImportSource,
  fileName: string,
  year: number | undefined,
): Parsed {
  let structuredError: ReportFileError | null = null;
  try {
    const { report } = source.report({ fileName, ...(year ? { year } : {}) });
    if (report.year >= FIRST_STRUCTURED_YEAR) {
      return {
        year: report.year,
        unitName: report.unit.name,
        unitId: report.unit.id || null,
        content: report,
      };
    }
  } catch (error) {
    if (!(error instanceof ReportFileError)) throw error;
    structuredError = error;
  }
  // a year before 2019, or no recognisable current-format structure: a text-only document?
  let legacy;
  try {
    legacy = source.legacy({ fileName, ...(year ? { year } : {}) });
  } catch (error) {
    if (error instanceof ReportFileError) throw structuredError ?? error;
    throw error;
  }
  if (legacy.year !== null && legacy.year < FIRST_STRUCTURED_YEAR && legacy.year >= 2008) {
    return {
      year: legacy.year,
      unitName: legacy.unitName,
      unitId: null,
      content: { legacy: true, title: legacy.title, text: legacy.text },
    };
  }
  if (structuredError) throw structuredError;
  throw new ReportFileError(
    legacy.year === null
      ? '无法确定这份报告的年度，请指定年度后再导入。'
      : `${legacy.year}年以前的报告才能作为旧格式文本保存。`,
  );
}
