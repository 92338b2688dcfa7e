/** How a text diff is coloured wherever one is shown: deletions red struck, insertions green. */
import { css } from 'lit';

export const diffStyles = css`
  del.d,
  ins.i {
    text-decoration: none;
    border-radius: 2px;
    padding: 0 1px;
  }
  del.d {
    background: #ffe2e0;
    color: #8c1d18;
    text-decoration: line-through;
    text-decoration-color: #c0392b;
  }
  ins.i {
    background: #dcf5e3;
    color: #0f5c2b;
    text-decoration: underline;
    text-decoration-color: #2e9e57;
  }
  .diff-text {
    white-space: pre-wrap;
    font-family: var(--nb-serif);
    line-height: 1.8;
  }
  @media print {
    del.d,
    ins.i {
      -webkit-print-color-adjust: exact;
      print-color-adjust: exact;
    }
  }
`;
