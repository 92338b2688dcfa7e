/**
 * A build step of the renderer (renderer/vite.config.ts): core's zod schemas (core/model.ts,
 * core/api/payloads.ts, core/file.ts) are built when their module loads, but the renderer never
 * validates with them — the main process does. Wrapping each top-level `const` of those files in
 * a call marked pure lets the bundler leave out the ones the renderer does not use (building them
 * cost ~60 ms of the report's opening in Chromium, and the bundle is ~100 KB smaller).
 */

/** `const a = <expr>;` → `const a = /* @__PURE__ *\/ (() => (<expr>))();` for top-level consts. */
/**
 * @param {string} code
 * @returns {string}
 */
export function pureConsts(code) {
  const start = /^(?:export )?const \w+(?::[^=]+)? = /gm;
  let out = '';
  let from = 0;
  for (let m = start.exec(code); m; m = start.exec(code)) {
    const exprStart = m.index + m[0].length;
    const end = statementEnd(code, exprStart);
    if (end < 0) break;
    out += `${code.slice(from, exprStart)}/* @__PURE__ */ (() => (${code.slice(exprStart, end)}))()`;
    from = end;
    start.lastIndex = end;
  }
  return out + code.slice(from);
}

/** The index of the `;` ending the statement at depth 0 (strings and comments skipped), or -1. */
/**
 * @param {string} code
 * @param {number} i
 * @returns {number}
 */
function statementEnd(code, i) {
  let depth = 0;
  while (i < code.length) {
    const c = code[i];
    if (c === '/' && code[i + 1] === '/') i = code.indexOf('\n', i);
    else if (c === '/' && code[i + 1] === '*') i = code.indexOf('*/', i) + 1;
    else if (c === "'" || c === '"' || c === '`') {
      for (i++; i < code.length && code[i] !== c; i++) if (code[i] === '\\') i++;
    } else if ('([{'.includes(c)) depth++;
    else if (')]}'.includes(c)) depth--;
    else if (c === ';' && depth === 0) return i;
    if (i < 0) return -1;
    i++;
  }
  return -1;
}
