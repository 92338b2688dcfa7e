// pdf.js's parsing code (its "worker" module) ships without declarations; it is only handed to
// pdf.js itself (globalThis.pdfjsWorker).
declare module 'pdfjs-dist/legacy/build/pdf.worker.mjs' {
  export const WorkerMessageHandler: unknown;
}

// word-extractor's OLE reader (the package's own class, subclassed to see the Word header).
declare module 'word-extractor/lib/word-ole-extractor.js' {
  class WordOleExtractor {
    extract(reader: unknown): Promise<import('word-extractor').Document>;
    documentStream(document: unknown, streamName: string): Promise<unknown>;
    extractWordDocument(document: unknown, buffer: Buffer): Promise<unknown>;
    writeParagraphProperties(buffer: Buffer, tableBuffer: Buffer): void;
    streamBuffer(stream: unknown): Promise<Buffer>;
  }
  export = WordOleExtractor;
}
declare module 'word-extractor/lib/buffer-reader.js' {
  class BufferReader {
    constructor(buffer: Buffer);
    open(): Promise<void>;
    close(): Promise<void>;
  }
  export = BufferReader;
}
