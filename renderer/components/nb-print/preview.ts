/**
 * Draws the pages of a PDF into canvases with PDF.js, loaded on first use (its own chunk, so
 * the main bundle stays small). The worker is the file Vite copies into the build, loaded
 * from the app's own origin (CSP `worker-src 'self'`); string evaluation is off (`script-src
 * 'self'` has no 'unsafe-eval').
 */
import type { PDFDocumentProxy } from 'pdfjs-dist';

type PdfJs = typeof import('pdfjs-dist');
let loading: Promise<PdfJs> | null = null;

function pdfjs(): Promise<PdfJs> {
  loading ??= import('pdfjs-dist').then((lib) => {
    lib.GlobalWorkerOptions.workerSrc = new URL(
      'pdfjs-dist/build/pdf.worker.min.mjs',
      import.meta.url,
    ).href;
    return lib;
  });
  loading.catch(() => {
    loading = null;
  });
  return loading;
}

/** An opened PDF: its page count, drawing of one page, and closing. */
export interface PreviewDocument {
  readonly pages: number;
  /** Draws page `n` (1-based) into the canvas, `cssWidth` CSS pixels wide. */
  draw(n: number, canvas: HTMLCanvasElement, cssWidth: number): Promise<void>;
  close(): Promise<void>;
}

export async function openPreview(bytes: Uint8Array): Promise<PreviewDocument> {
  const lib = await pdfjs();
  // PDF.js takes the buffer over (transfers it to its worker): give it a copy
  const task = lib.getDocument({
    data: bytes.slice(),
    isEvalSupported: false,
    useSystemFonts: false,
    enableXfa: false,
  });
  const doc: PDFDocumentProxy = await task.promise;
  return {
    pages: doc.numPages,
    async draw(n, canvas, cssWidth) {
      const page = await doc.getPage(n);
      const base = page.getViewport({ scale: 1 });
      const ratio = Math.min(window.devicePixelRatio || 1, 3);
      const scale = (cssWidth * ratio) / base.width;
      const viewport = page.getViewport({ scale });
      canvas.width = Math.round(viewport.width);
      canvas.height = Math.round(viewport.height);
      canvas.style.aspectRatio = `${base.width} / ${base.height}`;
      await page.render({ canvas, viewport }).promise;
      page.cleanup();
    },
    async close() {
      await doc.destroy();
    },
  };
}
