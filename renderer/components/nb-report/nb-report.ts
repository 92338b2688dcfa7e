/**
 * One report: opens it, owns its ReportEditor, and shows the three tabs — 编辑 (section
 * navigator, header fields, narrative and table editors, live checks), 历史 and 打印与定稿.
 * Ctrl+S saves, Ctrl+Z / Ctrl+Y (or Ctrl+Shift+Z) undo and redo every edit; leaving the report
 * saves a revision first (reason "close").
 *
 * This element is the one owner of those shortcuts (models/keys.ts), from a window listener in
 * the capture phase: a text field marked `data-own-undo` (the table's cell editor) keeps
 * Ctrl+Z / Ctrl+Y for its own text.
 */
import { LitElement, css, html, nothing, type PropertyValues } from 'lit';
import type { OpenedReport } from '../../../core/api';
import { SECTION_IDS, sectionDef, type SectionId } from '../../../core/formats';
import type { Location } from '../../../core/model';
import { api, errorMessage } from '../../api';
import {
  KEY_HELP,
  OWN_UNDO_ATTRIBUTE,
  keyPress,
  nextRegion,
  reportShortcut,
  type Region,
} from '../../models/keys';
import { ReportEditor, priorOf } from '../../state/editor';
import { EditorEvents } from '../../state/editor-events';
import { findText } from '../../models/places';
import { chipClass, editorStatus, readOnlyBanner } from '../../models/published';
import { author, navigate, type Tab } from '../../state/router';
import { theme } from '../../styles/theme';
import '../nb-checks-panel/nb-checks-panel';
import '../nb-conflict/nb-conflict';
import { showMessage } from '../nb-dialog/nb-dialog';
import '../nb-header-fields/nb-header-fields';
import '../nb-history/nb-history';
import '../nb-narrative-editor/nb-narrative-editor';
import '../nb-print/nb-print';
import '../nb-section-compare/nb-section-compare';
import '../nb-table-editor/nb-table-editor';
import { LazyParts } from './lazy-parts';

/** The parts drawn as a report opens: 标题与落款, 导语 and 一 (what a window shows first). */
const FIRST_PARTS = 3;

const SAVE_TEXT = {
  saved: '已保存',
  editing: '正在编辑…',
  journaled: '修改已暂存（尚未生成修订）',
  saving: '正在保存…',
  error: '保存失败',
  conflict: '未保存：另一个窗口已保存新版本',
} as const;

export class NbReport extends LitElement {
  static override properties = {
    unitId: {},
    year: { type: Number },
    tab: {},
    find: {},
    author: {},
    opened: { state: true },
    editor: { state: true },
    problem: { state: true },
    tick: { state: true },
    notice: { state: true },
  };
  declare unitId: string;
  declare year: number;
  declare tab: Tab;
  /** A searched text to show, marked, as the report opens. */
  declare find: string;
  declare author: string;
  declare opened: OpenedReport | null;
  declare editor: ReportEditor | null;
  declare problem: string;
  /** Bumped at every editor event so the toolbar re-renders. */
  declare tick: number;
  /**
   * A one-shot message of the tab that changed the archive ("已取消已发布标记…"), shown over
   * the reopened report: that tab is drawn anew, its own message would be lost. Cleared by the
   * next reload, another report or tab, or its 知道了 button.
   */
  declare notice: string;
  private loadedKey = '';
  /** The parts (标题与落款, 导语, 一…六) drawn so far: the first screen at once, the rest after it. */
  private readonly parts = new LazyParts(
    this,
    2 + SECTION_IDS.length,
    FIRST_PARTS,
    () => this.editor !== null && this.tab === 'edit',
  );

  constructor() {
    super();
    this.opened = null;
    this.editor = null;
    this.problem = '';
    this.tick = 0;
    this.notice = '';
    new EditorEvents(this, {
      change: this.onEditor,
      saved: this.onEditor,
      focus: this.onFocusRequest,
    });
  }

  private readonly onEditor = () => {
    this.tick++;
  };

  /**
   * A finding was clicked: the component holding its place focuses it; when none does (a
   * missing section, another tab shown), show the part of the report it is about.
   */
  private readonly onFocusRequest = (e: Event) => {
    const loc = (e as CustomEvent<Location>).detail;
    if (!this.parts.shown(partIndex(loc.section))) {
      // the part is not drawn yet: draw every part, then ask again
      const ed = this.editor;
      void this.parts.all().then(() => ed?.focus(loc));
      return;
    }
    if (this.tab !== 'edit') {
      navigate({ name: 'report', unitId: this.unitId, year: this.year, tab: 'edit' });
    }
    const part = ['标题', '落款', '全文'].includes(loc.section)
      ? 'part-header'
      : `part-${loc.section}`;
    requestAnimationFrame(() => {
      const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(part)}`);
      if (!target) return;
      let active = document.activeElement;
      while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
      const inside = active && (target.contains(active) || target.contains(hostOf(active)));
      if (!inside) target.scrollIntoView({ block: 'start' });
    });
  };

  private readonly onKey = (e: KeyboardEvent) => {
    const shortcut = reportShortcut(keyPress(e));
    const ed = this.editor;
    if (shortcut === 'help') {
      e.preventDefault();
      void this.showKeys();
      return;
    }
    if (shortcut === 'next-region' || shortcut === 'prev-region') {
      if (this.tab !== 'edit' || !ed) return;
      e.preventDefault();
      this.focusRegion(nextRegion(this.regionOfFocus(), shortcut === 'prev-region'));
      return;
    }
    if (shortcut === 'save') {
      e.preventDefault();
      void ed?.save('save').catch(() => undefined);
    } else if (shortcut && ed && this.tab === 'edit') {
      const origin = e.composedPath()[0];
      if (origin instanceof HTMLElement && origin.hasAttribute(OWN_UNDO_ATTRIBUTE)) return;
      e.preventDefault();
      if (shortcut === 'redo') ed.redo();
      else ed.undo();
    }
  };

  private readonly onUnload = (e: BeforeUnloadEvent) => {
    if (this.editor?.dirty) {
      void this.editor.save('close').catch(() => undefined);
      e.preventDefault();
    }
  };

  override connectedCallback(): void {
    super.connectedCallback();
    window.addEventListener('keydown', this.onKey, true);
    window.addEventListener('beforeunload', this.onUnload);
  }

  override disconnectedCallback(): void {
    window.removeEventListener('keydown', this.onKey, true);
    window.removeEventListener('beforeunload', this.onUnload);
    this.close();
    super.disconnectedCallback();
  }

  override willUpdate(changed: PropertyValues<this>): void {
    const key = `${this.unitId}|${this.year}`;
    if (changed.has('tab') && changed.get('tab') !== undefined) this.notice = '';
    if (key !== this.loadedKey) {
      this.loadedKey = key;
      this.notice = '';
      this.close();
      this.lastInDoc = null;
      this.parts.reset();
      void this.load(true);
    }
  }

  /** The region (navigator, editor, checks panel) that holds the focus, if any. */
  private regionOfFocus(): Region | null {
    let active = document.activeElement;
    while (active?.shadowRoot?.activeElement) active = active.shadowRoot.activeElement;
    if (!active) return null;
    const host = hostOfIn(active, this.renderRoot);
    if (!host) return null;
    if (host.closest('nav')) return 'nav';
    if (host.closest('nb-checks-panel')) return 'checks';
    if (host.closest('.doc')) return 'doc';
    return null;
  }

  /** The element of the editor region that last had the focus (F6 returns there). */
  private lastInDoc: HTMLElement | null = null;

  private readonly onDocFocus = (e: FocusEvent) => {
    const origin = e.composedPath()[0];
    if (origin instanceof HTMLElement) this.lastInDoc = origin;
  };

  private focusRegion(region: Region): void {
    const root = this.renderRoot;
    if (region === 'nav') {
      root.querySelector<HTMLElement>('nav a')?.focus();
    } else if (region === 'checks') {
      root
        .querySelector<HTMLElement & { focusFindings?: () => void }>('nb-checks-panel')
        ?.focusFindings?.();
    } else if (this.lastInDoc?.isConnected) {
      this.lastInDoc.focus();
    } else {
      this.focusFirstField();
    }
  }

  /** The first field of the report (the 标题), as the editor opens. */
  private focusFirstField(): void {
    const header = this.renderRoot.querySelector('nb-header-fields');
    const first = header?.shadowRoot?.querySelector<HTMLElement>('input, textarea, button');
    first?.focus({ preventScroll: true });
  }

  private async showKeys(): Promise<void> {
    await showMessage('键盘操作', KEY_HELP.map(([k, what]) => `${k}：${what}`).join('\n'));
  }

  private close(): void {
    const ed = this.editor;
    if (!ed) return;
    void ed.save('close').catch(() => undefined);
    ed.dispose();
    this.editor = null;
  }

  /** (Re)opens the report from the archive, e.g. after a restore, finalise or reopen. */
  async load(first = false): Promise<void> {
    this.problem = '';
    try {
      // last year's report is read beside this one: the report opens checked (and drawn) once
      const prior = api()
        .findReport({ unitId: this.unitId, year: this.year - 1 })
        .catch(() => null);
      const opened = await api().openReport({ unitId: this.unitId, year: this.year });
      const found = opened.legacy ? null : priorOf(await prior);
      this.opened = opened;
      if (!opened.legacy) {
        // the operator's name as it is at each save and decision, not as it was at opening
        const ed = new ReportEditor(api(), opened, () => author(), found);
        this.editor = ed;
        void ed.loadAggregate();
        // a report just opened: the keyboard starts in its first field, not on the page
        if (first && this.tab === 'edit') {
          await this.updateComplete;
          const hit = this.find ? findText(ed.report, this.find) : null;
          if (hit) ed.focus({ ...hit.location, select: [hit.start, hit.end] } as Location);
          else this.focusFirstField();
        }
      }
    } catch (error) {
      this.problem = errorMessage(error);
    }
  }

  /**
   * Called by the history and print tabs after they changed the archive; `e` may carry a
   * message (`detail.notice`) to show over the reopened report.
   */
  async reload(e?: Event): Promise<void> {
    this.notice = (e as CustomEvent<{ notice?: string }> | undefined)?.detail?.notice ?? '';
    const ed = this.editor;
    if (ed) {
      ed.dispose();
      this.editor = null;
    }
    await this.load();
  }

  static override styles = [
    theme,
    css`
      :host {
        display: flex;
        flex-direction: column;
        flex: 1;
        min-height: 0;
      }
      .missing-part {
        display: flex;
        align-items: center;
        gap: 12px;
        flex-wrap: wrap;
        padding: 8px 12px;
        border: 1px dashed var(--nb-error, #b42318);
        border-radius: 4px;
      }
      .missing-part p {
        margin: 0;
      }
      .bar {
        display: flex;
        align-items: center;
        gap: 8px;
        padding: 6px 12px;
        border-bottom: 1px solid var(--nb-line);
        background: var(--nb-panel);
        flex-wrap: wrap;
      }
      .bar h1 {
        font-size: 15px;
        margin: 0 8px 0 0;
        max-width: 40vw;
        overflow: hidden;
        text-overflow: ellipsis;
        white-space: nowrap;
      }
      .chip {
        border-radius: 10px;
        padding: 0 8px;
        font-size: 12px;
        border: 1px solid currentColor;
        white-space: nowrap;
      }
      .chip.草稿 {
        color: var(--nb-error);
      }
      .chip.待定稿 {
        color: var(--nb-ok);
      }
      .chip.已定稿 {
        color: var(--nb-accent);
      }
      .chip.published {
        color: var(--nb-muted);
        background: var(--nb-panel);
      }
      .save {
        font-size: 12px;
        color: var(--nb-muted);
        min-width: 9em;
      }
      .save.error {
        color: var(--nb-error);
      }
      [role='tablist'] {
        display: flex;
        gap: 2px;
        margin-left: auto;
      }
      [role='tab'][aria-selected='true'],
      [role='tab'][aria-selected='true']:hover:not(:disabled) {
        background: var(--nb-accent);
        border-color: var(--nb-accent);
        color: #fff;
      }
      .body {
        flex: 1;
        min-height: 0;
        display: grid;
        grid-template-columns: 150px minmax(0, 1fr) 320px;
        /* one row exactly as tall as the space left: each column scrolls on its own */
        grid-template-rows: minmax(0, 1fr);
        overflow: hidden;
      }
      /* 150 % zoom on a 1366-pixel screen leaves ~910 CSS pixels: give the text the room */
      @media (max-width: 1100px) {
        .body {
          grid-template-columns: 116px minmax(0, 1fr) 260px;
        }
        nav a {
          padding: 4px 8px;
        }
      }
      nav {
        border-right: 1px solid var(--nb-line);
        overflow: auto;
        padding: 8px 0;
      }
      nav a {
        display: block;
        padding: 4px 12px;
        color: var(--nb-text);
        text-decoration: none;
        font-size: 13px;
      }
      nav a:hover,
      nav a:focus-visible {
        background: var(--nb-accent-bg);
      }
      .count {
        color: var(--nb-error);
        font-size: 11px;
        margin-left: 4px;
      }
      .count.reference {
        color: var(--nb-muted);
      }
      .doc {
        overflow: auto;
        padding: 12px 20px 80px;
      }
      .doc section {
        margin-bottom: 24px;
      }
      /* a part not drawn yet (it follows the first screen within moments) */
      .doc section[data-pending] {
        min-height: 600px;
      }
      /*
       * The parts below the first screen are laid out and painted only when they come near the
       * window (issue 13: drawing them after the first screen does not hold up typing); each keeps
       * its last drawn height, so the scroll bar does not jump back.
       */
      .doc section.below {
        content-visibility: auto;
        contain-intrinsic-size: auto 900px;
      }
      .doc h2 {
        font-size: 16px;
        margin: 8px 0;
        font-family: var(--nb-font);
      }
      nb-checks-panel {
        border-left: 1px solid var(--nb-line);
        min-height: 0;
      }
      .locked {
        background: var(--nb-accent-bg);
        padding: 6px 12px;
        font-size: 13px;
      }
      .report-notice {
        display: flex;
        align-items: center;
        gap: 12px;
        padding: 4px 12px;
        font-size: 13px;
        background: #f3fbf5;
        color: var(--nb-ok);
        border-bottom: 1px solid var(--nb-line);
      }
      .report-notice button {
        min-height: 24px;
        font-size: 12px;
      }
      .problem {
        padding: 24px;
        color: var(--nb-error);
      }
      .legacy {
        white-space: pre-wrap;
        font-family: var(--nb-serif);
        padding: 16px 24px;
        overflow: auto;
        max-width: 60em;
      }
      .single {
        flex: 1;
        min-height: 0;
        overflow: auto;
      }
    `,
  ];

  override render() {
    if (this.problem) {
      return html`<div class="problem" role="alert">
        无法打开报告：${this.problem}
        <p><button @click=${() => navigate({ name: 'home' })}>返回首页</button></p>
      </div>`;
    }
    const o = this.opened;
    if (!o) return html`<div class="problem muted" aria-busy="true">正在打开…</div>`;
    if (o.legacy) {
      return html`${this.toolbar(o.unit.name, null)}
        <div class="legacy" aria-label="旧格式报告全文">
          <h2>${o.title}</h2>
          ${o.text}
        </div>`;
    }
    const ed = this.editor;
    if (!ed) return html`<div class="problem muted" aria-busy="true">正在打开…</div>`;
    return html`${this.toolbar(o.unit.name, ed)}
    ${
      ed.conflict
        ? html`<nb-conflict
            .editor=${ed}
            .message=${ed.conflict}
            @conflict-view=${() =>
              navigate({ name: 'report', unitId: this.unitId, year: this.year, tab: 'history' })}
            @conflict-reload=${() => void this.reload()}
          ></nb-conflict>`
        : nothing
    }
    ${
      ed.locked
        ? html`<div class="locked" role="status" data-role="read-only-banner">
            ${readOnlyBanner(ed.published)}
          </div>`
        : nothing
    }
    ${
      this.notice
        ? html`<div class="report-notice" role="status" data-role="report-notice">
            <span>${this.notice}</span>
            <button data-action="dismiss-notice" @click=${() => (this.notice = '')}>知道了</button>
          </div>`
        : nothing
    }
    ${
      this.tab === 'edit'
        ? this.editTab(ed)
        : this.tab === 'history'
          ? html`<div class="single">
              <nb-history
                .editor=${ed}
                @archive-changed=${(e: Event) => void this.reload(e)}
              ></nb-history>
            </div>`
          : html`<div class="single">
              <nb-print
                .editor=${ed}
                @archive-changed=${(e: Event) => void this.reload(e)}
              ></nb-print>
            </div>`
    }`;
  }

  private toolbar(unitName: string, ed: ReportEditor | null) {
    const tabs: [Tab, string][] = [
      ['edit', '编辑'],
      ['history', '历史'],
      ['print', '打印与定稿'],
    ];
    const open = ed?.open;
    const status = ed ? editorStatus(ed.locked, ed.published, open!.errors) : '旧格式';
    return html`<div class="bar">
      <button @click=${() => navigate({ name: 'home' })} title="返回首页">← 首页</button>
      <h1 title=${`${unitName} ${this.year}年`}>${unitName} · ${this.year}年</h1>
      <span class="chip ${chipClass(status)}" data-role="report-status">${status}</span>
      ${
        ed
          ? html`<span class="muted" style="font-size:12px"
                >错误 ${open!.errors} · 提示 ${open!.warnings}</span
              >
              <span
                class="save ${ed.saveState === 'error' || ed.saveState === 'conflict' ? 'error' : ''}"
                role="status"
                aria-live="polite"
                >${SAVE_TEXT[ed.saveState]}${ed.saveState === 'error' ? `：${ed.saveError}` : ''}</span
              >
              <button
                ?disabled=${!ed.canUndo || ed.locked}
                title="撤销 ${ed.undoLabel}（Ctrl+Z）"
                @click=${() => ed.undo()}
              >
                撤销
              </button>
              <button
                ?disabled=${!ed.canRedo || ed.locked}
                title="重做 ${ed.redoLabel}（Ctrl+Y）"
                @click=${() => ed.redo()}
              >
                重做
              </button>
              <button
                class="primary"
                ?disabled=${ed.locked}
                title="保存为一个修订（Ctrl+S）"
                @click=${() => void ed.save('save').catch(() => undefined)}
              >
                保存
              </button>`
          : nothing
      }
      ${ed ? compareTools(ed, this.unitId, this.year) : nothing}
      <button
        data-action="help"
        title="键盘操作（F1）"
        aria-label="帮助：键盘操作（F1）"
        @click=${() => void this.showKeys()}
      >
        帮助
      </button>
      <div role="tablist" aria-label="报告视图">
        ${tabs.map(
          ([id, label]) =>
            html`<button
              role="tab"
              aria-selected=${this.tab === id ? 'true' : 'false'}
              ?disabled=${!ed && id !== 'edit'}
              @click=${() => navigate({ name: 'report', unitId: this.unitId, year: this.year, tab: id })}
            >
              ${label}
            </button>`,
        )}
      </div>
    </div>`;
  }

  private editTab(ed: ReportEditor) {
    const r = ed.report;
    const counts = new Map<string, number>();
    for (const f of ed.findings) {
      if (f.resolved) continue;
      counts.set(f.location.section, (counts.get(f.location.section) ?? 0) + 1);
    }
    // a published report's findings are for reference, not a to-do: its counts are grey
    const kind = ed.published ? 'count reference' : 'count';
    const count = (k: string) =>
      counts.get(k) ? html`<span class=${kind}>${counts.get(k)}</span>` : nothing;
    return html`<div class="body">
      <nav aria-label="章节">
        <a href="#" @click=${(e: Event) => void this.jump(e, 'part-header')}
          >标题与落款${count('标题')}${count('落款')}</a
        >
        <a href="#" @click=${(e: Event) => void this.jump(e, 'part-导语')}>导语${count('导语')}</a>
        ${SECTION_IDS.map(
          (id) =>
            html`<a href="#" @click=${(e: Event) => void this.jump(e, `part-${id}`)}
              >${id}、${shortHeading(id)}${count(id)}</a
            >`,
        )}
      </nav>
      <div class="doc" @focusin=${this.onDocFocus}>
        <section id="part-header" aria-label="标题与落款">
          <nb-header-fields .editor=${ed}></nb-header-fields>
        </section>
        ${
          this.parts.shown(1)
            ? html`<section id="part-导语" aria-labelledby="h-导语">
                <h2 id="h-导语">导语</h2>
                <nb-section-compare .editor=${ed} place="导语"></nb-section-compare>
                <nb-narrative-editor .editor=${ed} place="导语"></nb-narrative-editor>
              </section>`
            : pendingPart('导语', '导语')
        }
        ${SECTION_IDS.map((id, i) => {
          const def = sectionDef(id);
          const section = r.sections[id];
          if (!this.parts.shown(i + 2)) return pendingPart(id, section?.heading || def.heading);
          if (!section) return missingSection(ed, id, () => this.addSection(ed, id));
          return html`<section
            id="part-${id}"
            class=${i + 2 < FIRST_PARTS ? '' : 'below'}
            aria-labelledby="h-${id}"
          >
            <h2 id="h-${id}">${section.heading || def.heading}</h2>
            <nb-section-compare .editor=${ed} place=${id}></nb-section-compare>
            <nb-narrative-editor .editor=${ed} place=${id}></nb-narrative-editor>
            ${def.table ? html`<nb-table-editor .editor=${ed} table=${def.table}></nb-table-editor>` : nothing}
          </section>`;
        })}
      </div>
      <nb-checks-panel .editor=${ed}></nb-checks-panel>
    </div>`;
  }

  /** 补上这一部分, then the keyboard goes to the new part's first field. */
  private addSection(ed: ReportEditor, id: SectionId): void {
    if (!ed.addSection(id)) return;
    void this.updateComplete.then(() =>
      requestAnimationFrame(() => {
        const part = this.renderRoot.querySelector<HTMLElement>(`#part-${CSS.escape(id)}`);
        part?.scrollIntoView({ block: 'start' });
        part?.querySelector<HTMLElement>('nb-narrative-editor, nb-table-editor')?.focus();
      }),
    );
  }

  private async jump(e: Event, id: string): Promise<void> {
    e.preventDefault();
    await this.parts.all();
    const target = this.renderRoot.querySelector<HTMLElement>(`#${CSS.escape(id)}`);
    target?.scrollIntoView({ block: 'start' });
    const focusable = target?.querySelector<HTMLElement>(
      'nb-header-fields, nb-narrative-editor, nb-table-editor',
    );
    focusable?.focus();
  }
}
customElements.define('nb-report', NbReport);

/** The node itself or its shadow host that lies in `root` (null when it is outside). */
function hostOfIn(node: Element, root: Node): Element | null {
  let n: Element | null = node;
  while (n && n.getRootNode() !== root) {
    const r = n.getRootNode();
    n = r instanceof ShadowRoot ? r.host : null;
  }
  return n;
}

/** The element in the light tree that hosts a node of a shadow tree (or the node itself). */
function hostOf(node: Node): Node {
  let n: Node = node;
  while (n.getRootNode() instanceof ShadowRoot) n = (n.getRootNode() as ShadowRoot).host;
  return n;
}

/** 对比上年 (a toggle, with last year's report) and the compare screen with last year. */
function compareTools(ed: ReportEditor, unitId: string, year: number) {
  const prior = ed.prior;
  return html`<button
      data-action="toggle-compare"
      aria-pressed=${ed.compare ? 'true' : 'false'}
      ?disabled=${!prior}
      title=${prior ? `在表格中显示${prior.year}年的数字，并可逐部分对比文字` : '档案库中没有上年的报告'}
      @click=${() => ed.setCompare(!ed.compare)}
    >
      对比上年${ed.compare ? '：开' : ''}
    </button>
    <button
      data-action="open-compare"
      title="打开对比页：与上年的报告逐格、逐段对比，可打印年度对比表"
      @click=${() =>
        navigate({
          name: 'compare',
          a: { unitId, year: prior?.year ?? year - 1 },
          b: { unitId, year },
        })}
    >
      对比页
    </button>`;
}

/**
 * A section the report lacks (an imported report), in its place: what is missing and
 * 补上这一部分, which adds the heading, the standard outline and a table section's empty table
 * (one undoable edit; core/model blankSection).
 */
function missingSection(ed: ReportEditor, id: SectionId, add: () => void) {
  const def = sectionDef(id);
  return html`<section id="part-${id}" aria-labelledby="h-${id}" data-role="missing-section">
    <h2 id="h-${id}">${def.heading}</h2>
    <div class="missing-part">
      <p class="error-text">本报告缺少这一部分${def.table ? `（连同表${def.table}）` : ''}。</p>
      <button
        data-action="add-section"
        data-section=${id}
        ?disabled=${ed.locked}
        title=${def.table ? `加上标题和空白的表${def.table}` : '加上标题和标准提纲的小标题'}
        @click=${add}
      >
        补上这一部分
      </button>
    </div>
  </section>`;
}

/** 标题与落款, 导语 and 一…六 in reading order: the index of the part a location is in. */
function partIndex(section: string): number {
  if (section === '导语') return 1;
  const i = SECTION_IDS.indexOf(section as SectionId);
  return i < 0 ? 0 : i + 2;
}

/** A part not drawn yet (it follows within moments of the first screen): its heading. */
function pendingPart(id: string, heading: string) {
  return html`<section id="part-${id}" aria-labelledby="h-${id}" aria-busy="true" data-pending>
    <h2 id="h-${id}">${heading}</h2>
  </section>`;
}

function shortHeading(id: SectionId): string {
  return sectionDef(id).heading.replace(/^[一二三四五六]、/u, '');
}
