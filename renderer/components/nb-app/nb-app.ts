/** The window: a title bar and either the home screen or a report. */
import { LitElement, css, html, nothing } from 'lit';
import { theme } from '../../styles/theme';
import type { MenuAction } from '../../api';
import {
  AUTHOR_EVENT,
  author,
  navigate,
  parseRoute,
  setAuthor,
  type Route,
} from '../../state/router';
import '../nb-dialog/nb-dialog';
import '../nb-home/nb-home';
import '../nb-report/nb-report';
import '../nb-compare/nb-compare';
import '../nb-trends/nb-trends';
import '../nb-aggregate/nb-aggregate';
import '../nb-settings/nb-settings';
import '../nb-office/nb-office';
import '../nb-exchange/nb-exchange';

export class NbApp extends LitElement {
  static override properties = { route: { state: true }, who: { state: true } };
  declare route: Route;
  declare who: string;

  constructor() {
    super();
    this.route = parseRoute(location.hash);
    this.who = author();
  }

  private readonly onHash = () => {
    this.route = parseRoute(location.hash);
  };

  private readonly onAuthor = () => {
    this.who = author();
  };

  private offMenu: (() => void) | undefined;

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('hashchange', this.onHash);
    window.addEventListener(AUTHOR_EVENT, this.onAuthor);
    // another tab changed the name (it signs this tab's next change too): show it
    window.addEventListener('storage', this.onAuthor);
    // the desktop app's menu (文件 → 新建 / 导入 / 保存 / 打印)
    this.offMenu = window.nianbaoShell?.onMenu((action) => void this.onMenu(action));
  }
  override disconnectedCallback(): void {
    window.removeEventListener('hashchange', this.onHash);
    window.removeEventListener(AUTHOR_EVENT, this.onAuthor);
    window.removeEventListener('storage', this.onAuthor);
    this.offMenu?.();
    super.disconnectedCallback();
  }

  /** A menu command: acts on what is shown, going where it makes sense first. */
  private async onMenu(action: MenuAction): Promise<void> {
    const r = this.route;
    if (action === 'save') {
      const report = this.renderRoot.querySelector('nb-report') as
        (HTMLElement & { editor: { save(reason: 'save'): Promise<unknown> } | null }) | null;
      await report?.editor?.save('save').catch(() => undefined);
    } else if (action === 'print') {
      if (r.name === 'report') navigate({ ...r, tab: 'print' });
    } else {
      if (r.name !== 'home') navigate({ name: 'home' });
      await this.updateComplete;
      const home = this.renderRoot.querySelector('nb-home') as LitElement | null;
      await home?.updateComplete;
      const target =
        action === 'new-report'
          ? home?.renderRoot.querySelector<HTMLElement>('[data-role="new-report-year"]')
          : (
              home?.renderRoot.querySelector('nb-import') as LitElement | null
            )?.renderRoot.querySelector<HTMLElement>('[data-action="import-files"]');
      if (action === 'new-report') target?.focus();
      else target?.click();
    }
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        height: 100vh;
        background: var(--nb-bg);
      }
      header {
        display: flex;
        align-items: center;
        gap: 16px;
        padding: 6px 16px;
        background: #12355b;
        color: #fff;
        flex: none;
      }
      header a {
        color: #fff;
        text-decoration: none;
        font-weight: 600;
        font-size: 16px;
      }
      header a.settings {
        font-weight: 400;
        font-size: 13px;
        border: 1px solid rgba(255, 255, 255, 0.5);
        border-radius: var(--nb-radius);
        padding: 1px 8px;
      }
      header a.settings[aria-current='page'] {
        background: rgba(255, 255, 255, 0.18);
      }
      header .sub {
        opacity: 0.8;
        font-size: 13px;
      }
      header label {
        margin-left: auto;
        font-size: 13px;
        display: flex;
        align-items: center;
        gap: 6px;
      }
      header input {
        width: 9em;
        padding: 2px 6px;
        color: var(--nb-text);
      }
      main {
        flex: 1;
        min-height: 0;
        display: flex;
        flex-direction: column;
      }
    `,
  ];

  override render() {
    const r = this.route;
    return html`<header>
        <a href="#/" title="返回首页">年报</a>
        <span class="sub">政府信息公开工作年度报告</span>
        <a
          href="#/settings"
          class="settings"
          data-action="open-settings"
          aria-current=${r.name === 'settings' ? 'page' : nothing}
          title="数据文件夹、报告期限、备份与恢复"
          >设置与备份</a
        >
        <label
          >操作人
          <input
            .value=${this.who}
            placeholder="填写姓名"
            aria-label="操作人姓名（记入修订记录）"
            data-role="operator"
            @input=${(e: Event) => setAuthor((e.target as HTMLInputElement).value)}
            @change=${(e: Event) => setAuthor((e.target as HTMLInputElement).value)}
        /></label>
      </header>
      <main>
        ${
          r.name === 'home'
            ? html`<nb-home .author=${this.who}></nb-home>`
            : r.name === 'compare'
              ? html`<nb-compare .a=${r.a} .b=${r.b}></nb-compare>`
              : r.name === 'trends'
                ? html`<nb-trends .unitId=${r.unitId}></nb-trends>`
                : r.name === 'settings'
                  ? html`<nb-settings></nb-settings>`
                  : r.name === 'exchange'
                    ? html`<nb-exchange .office=${r.office} .author=${this.who}></nb-exchange>`
                    : r.name === 'office'
                      ? html`<nb-office .unitId=${r.unitId} .year=${r.year}></nb-office>`
                      : r.name === 'aggregate'
                        ? html`<nb-aggregate
                            .unitId=${r.unitId}
                            .year=${r.year}
                            .author=${this.who}
                          ></nb-aggregate>`
                        : html`<nb-report
                            .unitId=${r.unitId}
                            .year=${r.year}
                            .tab=${r.tab}
                            .find=${r.find ?? ''}
                            .author=${this.who}
                          ></nb-report>`
        }
      </main>`;
  }
}
customElements.define('nb-app', NbApp);
