/** Shared look: calm colours, readable sizes at 1366×768 and 150 % zoom, visible focus. */
import { css } from 'lit';

export const theme = css`
  :host {
    --nb-font:
      'Noto Sans CJK SC', 'Source Han Sans SC', 'Microsoft YaHei', 'PingFang SC', sans-serif;
    --nb-serif: 'Noto Serif CJK SC', 'Source Han Serif SC', SimSun, serif;
    --nb-text: #1f2328;
    --nb-muted: #59636e;
    --nb-line: #d0d7de;
    --nb-bg: #ffffff;
    --nb-panel: #f6f8fa;
    --nb-accent: #0b5cad;
    --nb-accent-bg: #e8f1fb;
    --nb-error: #b42318;
    --nb-error-bg: #fdecea;
    --nb-warning: #8a5a00;
    --nb-warning-bg: #fff4d6;
    --nb-ok: #1a7f37;
    --nb-radius: 4px;
    font-family: var(--nb-font);
    color: var(--nb-text);
    font-size: 14px;
    line-height: 1.5;
    box-sizing: border-box;
  }
  *,
  *::before,
  *::after {
    box-sizing: inherit;
  }
  :focus-visible {
    outline: 2px solid var(--nb-accent);
    outline-offset: 1px;
  }
  button {
    font: inherit;
    padding: 4px 12px;
    border: 1px solid var(--nb-line);
    border-radius: var(--nb-radius);
    background: var(--nb-bg);
    color: var(--nb-text);
    cursor: pointer;
    min-height: 30px;
  }
  button:hover:not(:disabled) {
    background: var(--nb-panel);
  }
  button.primary {
    background: var(--nb-accent);
    border-color: var(--nb-accent);
    color: #fff;
  }
  button.primary:hover:not(:disabled) {
    background: #094c8f;
  }
  button:disabled {
    opacity: 0.5;
    cursor: default;
  }
  input,
  select,
  textarea {
    font: inherit;
    color: inherit;
    padding: 4px 6px;
    border: 1px solid var(--nb-line);
    border-radius: var(--nb-radius);
    background: var(--nb-bg);
  }
  /* for screen readers only; fixed (not absolute) so that a hidden label deep in a long
     scrolled list never makes the page itself taller */
  .visually-hidden {
    position: fixed;
    top: 0;
    left: 0;
    width: 1px;
    height: 1px;
    overflow: hidden;
    clip: rect(0 0 0 0);
    white-space: nowrap;
  }
  .muted {
    color: var(--nb-muted);
  }
  .error-text {
    color: var(--nb-error);
  }
`;
