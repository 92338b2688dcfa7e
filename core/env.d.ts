/**
 * core/ runs in Node and in the renderer and may use neither's platform API. The one
 * exception is the WHATWG Encoding API, which both provide: it is declared here so that core's
 * own type check (lib ES2023, no DOM, no @types/node) allows exactly that and nothing more.
 */
declare class TextDecoder {
  constructor(label?: string, options?: { fatal?: boolean; ignoreBOM?: boolean });
  readonly encoding: string;
  decode(input?: Uint8Array): string;
}
