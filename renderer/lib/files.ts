/**
 * Files the window hands to the person: a download of bytes or text (the browser's download, or
 * Electron's save dialog) under a name Windows accepts.
 */

/** Offers bytes or text as a file download. */
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
