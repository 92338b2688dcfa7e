import { css } from 'lit';

/**
 * A full-window screen (compare, trends, the office's dashboard, 汇总): the host fills the
 * space below the title bar as a column, and `.bar` is its tool bar with the screen's `h1`;
 * `a.button` a link that looks like a button (to another screen).
 * A screen adds its own rules after these (a wider gap, `overflow: hidden`…).
 */
export const screenStyles = css`
  :host {
    display: flex;
    flex-direction: column;
    flex: 1;
    min-height: 0;
  }
  .bar {
    display: flex;
    flex-wrap: wrap;
    align-items: center;
    gap: 6px 10px;
    padding: 6px 12px;
    border-bottom: 1px solid var(--nb-line);
    background: var(--nb-panel);
  }
  .bar h1 {
    font-size: 15px;
    margin: 0;
  }
  a.button {
    display: inline-block;
    padding: 4px 12px;
    border: 1px solid var(--nb-line);
    border-radius: var(--nb-radius);
    color: var(--nb-text);
    text-decoration: none;
    background: var(--nb-bg);
  }
`;
