/** The table editor's styles: the grid, its frozen header rows and label columns, marks, the cell editor. */
import { css } from 'lit';
import { theme } from '../../styles/theme';

export const tableEditorStyles = [
  theme,
  css`
    :host {
      display: block;
      margin: 8px 0 4px;
    }
    .tools {
      display: flex;
      flex-wrap: wrap;
      align-items: center;
      gap: 8px;
      margin-bottom: 6px;
      font-size: 13px;
    }
    .tools .hint {
      color: var(--nb-muted);
    }
    .message {
      margin: 0 0 6px;
      font-size: 13px;
      white-space: pre-line;
    }
    .message:empty {
      display: none;
    }
    .message.error {
      color: var(--nb-error);
      background: var(--nb-error-bg);
      border-left: 3px solid var(--nb-error);
      padding: 4px 8px;
    }
    .message.info {
      color: var(--nb-muted);
    }
    .scroll {
      overflow-x: auto;
      max-width: 100%;
      border: 1px solid var(--nb-line);
    }
    /* T3 and T4 scroll in their own box no taller than the window: the header rows and the
         label columns stay in view (sticky) and the horizontal scroll bar is always visible */
    .scroll.frozen {
      overflow: auto;
      max-height: max(220px, calc(100vh - 190px));
    }
    .scroll.frozen thead {
      position: sticky;
      top: 0;
      z-index: 3;
    }
    table {
      border-collapse: separate;
      border-spacing: 0;
      table-layout: fixed;
      width: 100%;
      font-size: 13px;
      line-height: 1.35;
      background: var(--nb-bg);
    }
    th,
    td {
      border-right: 1px solid var(--nb-line);
      border-bottom: 1px solid var(--nb-line);
      padding: 3px 5px;
      vertical-align: middle;
    }
    th {
      font-weight: normal;
      background: var(--nb-panel);
      text-align: center;
    }
    th.caption {
      font-weight: 600;
      background: #eef2f6;
    }
    th.note {
      font-size: 12px;
      color: var(--nb-muted);
      text-align: left;
    }
    th.label {
      text-align: left;
    }
    th.group {
      padding: 3px 2px;
    }
    th.group .ord {
      display: block;
    }
    th.vertical {
      writing-mode: vertical-rl;
      letter-spacing: 2px;
    }
    table.t4 thead th {
      font-size: 12px;
      padding: 3px 2px;
    }
    th.sticky {
      position: sticky;
      z-index: 1;
    }
    td {
      text-align: right;
      font-variant-numeric: tabular-nums;
      white-space: nowrap;
      overflow: hidden;
      text-overflow: ellipsis;
      cursor: cell;
      user-select: none;
      height: 28px;
      position: relative;
    }
    td:focus {
      outline: 2px solid var(--nb-accent);
      outline-offset: -2px;
    }
    td.sel {
      background: var(--nb-accent-bg);
    }
    td.computed {
      background: #f1f3f5;
      color: #3d4650;
      cursor: default;
    }
    td.computed.sel {
      background: #dde8f4;
    }
    td.absent {
      background: repeating-linear-gradient(-45deg, #fff, #fff 4px, #f3f4f6 4px, #f3f4f6 8px);
    }
    td.error {
      box-shadow: inset 0 0 0 2px var(--nb-error);
    }
    td.warning {
      box-shadow: inset 0 0 0 2px #d4a017;
    }
    td.error:focus,
    td.warning:focus {
      outline-offset: -4px;
    }
    th.error {
      box-shadow: inset 0 -3px 0 var(--nb-error);
    }
    th.warning {
      box-shadow: inset 0 -3px 0 #d4a017;
    }
    td.differs {
      white-space: normal;
      line-height: 1.15;
      padding-top: 1px;
      padding-bottom: 1px;
    }
    s.stated {
      display: block;
      font-size: 11px;
      color: var(--nb-error);
    }
    .prior {
      display: block;
      font-size: 10px;
      line-height: 1.1;
      color: var(--nb-muted);
      font-style: normal;
    }
    .prior.appeared,
    .prior.vanished,
    .prior.jump,
    .prior.blank {
      color: var(--nb-warning);
    }
    .prior b {
      font-size: 8px;
      margin-right: 2px;
    }
    .pending {
      color: var(--nb-muted);
      font-style: italic;
    }
    td.editing {
      padding: 0;
      overflow: visible;
    }
    input.nb-cell-input {
      width: 100%;
      min-width: 4em;
      height: 27px;
      border: 2px solid var(--nb-accent);
      border-radius: 0;
      padding: 1px 4px;
      text-align: right;
      font-size: 13px;
      font-variant-numeric: tabular-nums;
    }
    input.nb-cell-input.invalid {
      border-color: var(--nb-error);
      background: var(--nb-error-bg);
    }
  `,
];
