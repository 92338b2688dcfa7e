/** Notices of the print tab and of 核对打印件: a tinted box (draft: red, info: blue), a SHA-256, a quiet explanation. */
import { css } from 'lit';

export const noticeStyles = css`
  .sha {
    font-family: ui-monospace, 'Cascadia Mono', Consolas, 'DejaVu Sans Mono', monospace;
    font-size: 12px;
    user-select: all;
    overflow-wrap: anywhere;
    word-break: break-all;
    background: var(--nb-bg);
    border: 1px solid var(--nb-line);
    border-radius: var(--nb-radius);
    padding: 2px 4px;
    display: block;
  }
  .notice {
    border-radius: var(--nb-radius);
    padding: 6px 10px;
    margin: 8px 0;
    font-size: 13px;
  }
  .notice.draft {
    background: var(--nb-error-bg);
    color: var(--nb-error);
  }
  .notice.info {
    background: var(--nb-accent-bg);
  }
  .why {
    font-size: 12px;
    color: var(--nb-muted);
  }
`;
