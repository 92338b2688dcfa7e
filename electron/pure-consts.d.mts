/** Wraps each top-level `const` of a module in a call marked pure (see pure-consts.mjs). */
export declare function pureConsts(code: string): string;
