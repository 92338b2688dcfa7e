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

/**
 * Prints a PDF: the desktop shell prints the bytes itself (a hidden window). In the browser mode
 * the PDF opens in a new tab, whose PDF viewer prints it (Ctrl+P): calling print() on Chromium's
 * PDF viewer inside a hidden iframe crashed the whole page in headless Chromium (the viewer
 * loads, the page dies at print()), so that path is not used. Says what happened, in Chinese.
 */
export async function printPdf(
  pdf: Uint8Array,
): Promise<{ readonly note: string } | { readonly problem: string }> {
  const shell = window.nianbaoShell as
    { printPdf?: (pdf: Uint8Array) => Promise<void> } | undefined;
  if (shell?.printPdf) {
    await shell.printPdf(pdf);
    return { note: '' };
  }
  const url = URL.createObjectURL(
    new Blob([pdf as Uint8Array<ArrayBuffer>], { type: 'application/pdf' }),
  );
  const opened = window.open(url, '_blank');
  // the tab keeps its own copy once loaded
  setTimeout(() => URL.revokeObjectURL(url), 120_000);
  return opened
    ? {
        note: '打印用的 PDF 已在新标签页中打开：请在其中按 Ctrl+P 或点打印按钮（缩放选“实际大小”）。',
      }
    : {
        problem:
          '浏览器阻止了新标签页：请用“保存 PDF…”保存后，用 PDF 阅读器打印（选择“实际大小”）。',
      };
}
