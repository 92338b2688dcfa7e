/**
 * Reading PDF and old Word files in this thread, without the worker's time and memory bounds:
 * for benchmarks and tests of the reading itself. The app, the CLI and the archive use the
 * worker (index.ts).
 */
import { extractDocText } from './doc';
import type { Extractors } from './source';
import { extractPdf } from './pdf';

export const inProcessExtractors: Extractors = {
  pdf: (bytes, maxPages) => extractPdf(bytes, { maxPages }),
  doc: async (bytes, unreadable) => ({ text: await extractDocText(bytes, unreadable) }),
};
