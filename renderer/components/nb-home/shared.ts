/**
 * Small pieces shared by the home screen, the history tab and the print tab: time and format
 * labels, downloads, and the look of their own form dialogs.
 */
import { css } from 'lit';

/** "2025-01-20 14:05" in local time from an ISO time (the text as given when it is not one). */
export function formatTime(iso: string | null | undefined): string {
  if (!iso) return '';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return iso;
  const p = (n: number) => String(n).padStart(2, '0');
  return `${d.getFullYear()}-${p(d.getMonth() + 1)}-${p(d.getDate())} ${p(d.getHours())}:${p(d.getMinutes())}`;
}

/** The format label of a year's report: 2019年版, 2021年版, or 旧格式文本 (before 2019). */
export function formatLabel(format: '2019' | '2021' | null): string {
  return format ? `${format}年版` : '旧格式文本';
}

/** The report year being written now: the report on year N is written early in N+1. */
export function currentReportYear(now = new Date()): number {
  return now.getFullYear() - 1;
}

/** Today as YYYY-MM-DD (local time). */
export function today(now = new Date()): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${now.getFullYear()}-${p(now.getMonth() + 1)}-${p(now.getDate())}`;
}

/** Offers bytes or text as a file download (the browser's download, or Electron's save dialog). */
export function download(data: BlobPart, fileName: string, mime: string): void {
  const url = URL.createObjectURL(new Blob([data], { type: mime }));
  const a = document.createElement('a');
  a.href = url;
  a.download = fileName;
  a.style.display = 'none';
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 60_000);
}

/** A file name without the characters Windows refuses. */
export function safeFileName(name: string): string {
  return [...name].map((c) => (/[\\/:*?"<>|]/u.test(c) || c.charCodeAt(0) < 32 ? '_' : c)).join('');
}

/** Native <dialog> forms of these components: same look as nb-dialog. */
export const dialogStyles = css`
  dialog {
    border: 1px solid var(--nb-line);
    border-radius: 6px;
    padding: 20px 24px;
    width: min(560px, 94vw);
    max-height: 90vh;
    overflow: auto;
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.2);
    color: var(--nb-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }
  dialog h2 {
    font-size: 17px;
    margin: 0 0 12px;
  }
  .field {
    display: grid;
    grid-template-columns: 7em minmax(0, 1fr);
    align-items: center;
    gap: 4px 10px;
    margin-bottom: 10px;
  }
  .field .hint {
    grid-column: 2;
    font-size: 12px;
    color: var(--nb-muted);
  }
  .field input,
  .field select {
    width: 100%;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 16px;
  }
  .link {
    border: 0;
    background: none;
    color: var(--nb-accent);
    padding: 0 2px;
    min-height: 0;
    text-decoration: underline;
    font-size: 12px;
  }
`;
