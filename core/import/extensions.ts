/**
 * The file extensions a folder import looks at: what can be imported, and the old formats
 * (.doc, .wps, .pdf) so that the import can say how to convert them. Shared by the main
 * process's folder scan and the window's folder picker.
 */
export const REPORT_EXTENSIONS = [
  '.nianbao.json',
  '.json',
  '.txt',
  '.md',
  '.markdown',
  '.html',
  '.htm',
  '.mht',
  '.mhtml',
  '.docx',
  '.doc',
  '.wps',
  '.pdf',
] as const;

/** Whether a file name has one of those extensions (case-insensitive). */
export function isReportFileName(name: string): boolean {
  const lower = name.toLowerCase();
  return REPORT_EXTENSIONS.some((ext) => lower.endsWith(ext));
}
