/** The look of the components' own native <dialog> forms (unit, import): the same as nb-dialog's. */
import { css } from 'lit';

export const dialogStyles = css`
  dialog {
    border: 1px solid var(--nb-line);
    border-radius: 6px;
    padding: 20px 24px;
    width: min(560px, 94vw);
    max-height: 90vh;
    overflow: auto;
    box-shadow: 0 8px 30px rgb(0 0 0 / 0.2);
    color: var(--nb-text);
  }
  dialog::backdrop {
    background: rgb(0 0 0 / 0.3);
  }
  dialog h2 {
    font-size: 17px;
    margin: 0 0 12px;
  }
  .field {
    display: grid;
    grid-template-columns: 7em minmax(0, 1fr);
    align-items: center;
    gap: 4px 10px;
    margin-bottom: 10px;
  }
  .field .hint {
    grid-column: 2;
    font-size: 12px;
    color: var(--nb-muted);
  }
  .field input,
  .field select {
    width: 100%;
  }
  .buttons {
    display: flex;
    justify-content: flex-end;
    gap: 8px;
    margin-top: 16px;
  }
  .link {
    border: 0;
    background: none;
    color: var(--nb-accent);
    padding: 0 2px;
    min-height: 0;
    text-decoration: underline;
    font-size: 12px;
  }
`;
