/**
 * 设置与备份 (#/settings): where the data folder is; the office's report deadlines (kept in the
 * archive, used by the checks' DATE_LATE instead of the statutory ones); a backup into a folder
 * the clerk types (a USB stick) or as a download (the desktop window's save dialog, the
 * browser's download); and restoring a backup — one of the automatic ones or a file on a stick
 * — through the same service as `nianbao archive restore` (checked in full first, refused
 * while another program has the archive open, the current file kept aside).
 *
 *   <nb-settings .author=${name}></nb-settings>
 *
 * DOM contract (tests): `[data-role="data-folder"]`, `input[data-role="deadline"][data-kinds]`
 * (`data-kinds="部门"` for 部门、乡镇街道、其他, `"政府"`), `button[data-action="save-deadlines"]`,
 * `[data-role="deadlines-result"]`; `input[data-role="backup-folder"]`,
 * `button[data-action="backup-to-folder"]`, `button[data-action="download-backup"]`,
 * `[data-role="backup-result"]`; `[data-role="backup-item"][data-path]` with
 * `button[data-action="restore-backup"]`, `input[data-role="restore-path"]`,
 * `button[data-action="restore-from-path"]`, `[data-role="restore-result"][data-ok]`.
 */
import { LitElement, css, html, nothing } from 'lit';
import type { ArchiveInfo, BackupInfo, SettingsInfo } from '../../../core/api';
import { formatTime } from '../../../core/dates';
import type { UnitKind } from '../../../core/model';
import { api, errorMessage } from '../../api';
import { download } from '../../lib/files';
import { author } from '../../state/router';
import { theme } from '../../styles/theme';
import { confirmAction } from '../nb-dialog/nb-dialog';
import '../nb-progress/nb-progress';

const REASONS: Readonly<Record<BackupInfo['reason'], string>> = {
  daily: '每日自动',
  migration: '升级前',
  manual: '手动',
  restore: '恢复前',
};

/** The deadline fields: one for the units that report by 31 January, one for a government. */
const DEADLINE_GROUPS: readonly { kinds: readonly UnitKind[]; label: string }[] = [
  { kinds: ['部门', '乡镇街道', '其他'], label: '各部门、乡镇（街道）和其他单位' },
  { kinds: ['政府'], label: '人民政府（本级报告）' },
];

const mb = (bytes: number) => (bytes / 1024 / 1024).toFixed(bytes < 10 * 1024 * 1024 ? 1 : 0);

type Result = { ok: boolean; text: string } | null;

export class NbSettings extends LitElement {
  static override properties = {
    info: { state: true },
    settings: { state: true },
    backups: { state: true },
    problem: { state: true },
    busy: { state: true },
    deadlinesResult: { state: true },
    backupResult: { state: true },
    restoreResult: { state: true },
  };
  declare info: ArchiveInfo | null;
  declare settings: SettingsInfo | null;
  declare backups: readonly BackupInfo[];
  declare problem: string;
  /** What is running: 'deadlines' | 'backup' | 'download' | 'restore' | ''. */
  declare busy: string;
  declare deadlinesResult: Result;
  declare backupResult: Result;
  declare restoreResult: Result;

  constructor() {
    super();
    this.info = null;
    this.settings = null;
    this.backups = [];
    this.problem = '';
    this.busy = '';
    this.deadlinesResult = null;
    this.backupResult = null;
    this.restoreResult = null;
  }

  override connectedCallback(): void {
    super.connectedCallback();
    void this.load();
  }

  private async load(): Promise<void> {
    try {
      const [info, settings, backups] = await Promise.all([
        api().archiveInfo(),
        api().settings(),
        api().listBackups(),
      ]);
      this.info = info;
      this.settings = settings;
      this.backups = backups;
      this.problem = '';
    } catch (error) {
      this.problem = `无法读取档案库的设置：${errorMessage(error)}`;
    }
  }

  /** Brings a result into view once it is shown (it may be below the window's edge). */
  private reveal(role: string): void {
    void this.updateComplete.then(() =>
      this.renderRoot.querySelector(`[data-role="${role}"]`)?.scrollIntoView({ block: 'nearest' }),
    );
  }

  private field(role: string): HTMLInputElement | null {
    return this.renderRoot.querySelector<HTMLInputElement>(`[data-role="${role}"]`);
  }

  // ---- deadlines ------------------------------------------------------------------------------

  private async saveDeadlines(): Promise<void> {
    const deadlines: Partial<Record<UnitKind, string | null>> = {};
    for (const group of DEADLINE_GROUPS) {
      const input = this.renderRoot.querySelector<HTMLInputElement>(
        `input[data-role="deadline"][data-kinds="${group.kinds[0]}"]`,
      );
      const value = input?.value.trim() ?? '';
      for (const kind of group.kinds) deadlines[kind] = value || null;
    }
    this.busy = 'deadlines';
    this.deadlinesResult = null;
    try {
      this.settings = await api().updateSettings({ deadlines, author: author() });
      this.deadlinesResult = {
        ok: true,
        text: '已保存。各报告的“成文日期晚于期限”检查已按新的期限重新计算。',
      };
    } catch (error) {
      this.deadlinesResult = { ok: false, text: `没有保存：${errorMessage(error)}` };
    } finally {
      this.busy = '';
      this.reveal('deadlines-result');
    }
  }

  // ---- backup ---------------------------------------------------------------------------------

  private async backupToFolder(): Promise<void> {
    const folder = this.field('backup-folder')?.value.trim() ?? '';
    if (!folder) {
      this.backupResult = { ok: false, text: '请先填写要备份到的文件夹，如 U 盘的盘符“E:\\”。' };
      this.field('backup-folder')?.focus();
      return;
    }
    this.busy = 'backup';
    this.backupResult = null;
    try {
      const b = await api().backup({ folder });
      this.backupResult = { ok: true, text: `已备份到：${b.path}（${mb(b.bytes)} MB）` };
    } catch (error) {
      this.backupResult = { ok: false, text: `备份失败：${errorMessage(error)}` };
    } finally {
      this.busy = '';
      this.reveal('backup-result');
    }
  }

  private async downloadBackup(): Promise<void> {
    this.busy = 'download';
    this.backupResult = null;
    try {
      const file = await api().downloadBackup({});
      download(file.data as Uint8Array<ArrayBuffer>, file.fileName, 'application/vnd.sqlite3');
      this.backupResult = {
        ok: true,
        text: `已生成备份文件“${file.fileName}”（${mb(file.data.length)} MB），请保存到 U 盘或其他安全的位置。`,
      };
    } catch (error) {
      this.backupResult = { ok: false, text: `备份失败：${errorMessage(error)}` };
    } finally {
      this.busy = '';
      this.reveal('backup-result');
    }
  }

  // ---- restore --------------------------------------------------------------------------------

  private async restore(file: string): Promise<void> {
    const ok = await confirmAction(
      '从备份恢复',
      `用备份“${file}”替换当前的档案库？\n\n恢复前会完整检查备份文件（结构和每一版修订的校验值），检查不通过就不恢复。当前的档案库文件不会删除，会另存在同一文件夹中。\n恢复后，其他打开着的窗口请重新载入。`,
      '恢复',
      true,
    );
    if (!ok) return;
    this.busy = 'restore';
    this.restoreResult = null;
    try {
      const r = await api().restoreBackup({ path: file });
      this.restoreResult = {
        ok: true,
        text: `已从备份恢复：${r.restoredFrom}。恢复前的档案库已另存为：${r.keptAside}`,
      };
      await this.load();
      this.dispatchEvent(new Event('archive-changed', { bubbles: true, composed: true }));
    } catch (error) {
      this.restoreResult = { ok: false, text: `没有恢复：${errorMessage(error)}` };
    } finally {
      this.busy = '';
      this.reveal('restore-result');
    }
  }

  private restoreFromPath(): void {
    const file = this.field('restore-path')?.value.trim() ?? '';
    if (!file) {
      this.restoreResult = {
        ok: false,
        text: '请先填写备份文件的位置，如“E:\\年报档案库备份-20250105-093000.sqlite”。',
      };
      this.field('restore-path')?.focus();
      return;
    }
    void this.restore(file);
  }

  static override styles = [
    theme,
    css`
      :host {
        display: block;
        overflow: auto;
        flex: 1;
        min-height: 0;
      }
      .page {
        max-width: 980px;
        padding: 12px 20px 40px;
      }
      h1 {
        font-size: 18px;
        margin: 4px 0 12px;
      }
      section {
        border: 1px solid var(--nb-line);
        border-radius: var(--nb-radius);
        padding: 10px 14px 12px;
        margin-bottom: 12px;
      }
      h2 {
        font-size: 15px;
        margin: 0 0 6px;
      }
      .why {
        color: var(--nb-muted);
        font-size: 13px;
        margin: 0 0 8px;
      }
      dl {
        display: grid;
        grid-template-columns: max-content minmax(0, 1fr);
        gap: 4px 12px;
        margin: 0;
        font-size: 14px;
      }
      dt {
        color: var(--nb-muted);
      }
      dd {
        margin: 0;
        overflow-wrap: anywhere;
      }
      .path {
        font-family: var(--nb-mono, monospace);
        font-size: 13px;
        user-select: all;
      }
      .row {
        display: flex;
        flex-wrap: wrap;
        gap: 8px;
        align-items: center;
        margin: 6px 0;
      }
      .row label {
        min-width: 15em;
        font-size: 14px;
      }
      input.md {
        width: 6em;
      }
      input.wide {
        flex: 1 1 22em;
        min-width: 12em;
      }
      .ok {
        color: var(--nb-ok);
        overflow-wrap: anywhere;
      }
      .error-text {
        overflow-wrap: anywhere;
      }
      table {
        border-collapse: collapse;
        width: 100%;
        font-size: 13px;
        margin-top: 4px;
      }
      th,
      td {
        text-align: left;
        padding: 3px 8px;
        border-bottom: 1px solid var(--nb-line);
      }
      td.num {
        text-align: right;
      }
      .scroll {
        max-height: 220px;
        overflow: auto;
      }
    `,
  ];

  override render() {
    if (this.problem) {
      return html`<div class="page"><p class="error-text" role="alert">${this.problem}</p></div>`;
    }
    const s = this.settings;
    const info = this.info;
    if (!s || !info)
      return html`<div class="page"><p class="muted" aria-busy="true">正在读取…</p></div>`;
    return html`<div class="page">
      <h1>设置与备份</h1>
      ${this.renderFolder(s, info)} ${this.renderDeadlines(s)} ${this.renderBackup()}
      ${this.renderRestore()}
    </div>`;
  }

  private renderFolder(s: SettingsInfo, info: ArchiveInfo) {
    return html`<section aria-labelledby="folder-title">
      <h2 id="folder-title">数据文件夹</h2>
      <dl>
        <dt>数据文件夹</dt>
        <dd><span class="path" data-role="data-folder">${s.dataFolder}</span></dd>
        <dt>档案库文件</dt>
        <dd>
          <span class="path" data-role="archive-file">${s.archivePath}</span>（${mb(info.bytes)}
          MB，${info.units} 个单位，${info.reports} 份报告）
        </dd>
        <dt>自动备份</dt>
        <dd><span class="path">${s.backupFolder}</span></dd>
      </dl>
      ${info.warning ? html`<p class="error-text" role="alert">${info.warning}</p>` : nothing}
    </section>`;
  }

  private renderDeadlines(s: SettingsInfo) {
    const result = this.deadlinesResult;
    return html`<section aria-labelledby="deadline-title">
      <h2 id="deadline-title">报告期限</h2>
      <p class="why">
        成文日期晚于期限时，检查会提示“成文日期晚于期限”。法定期限为次年 1 月 31 日（人民政府为 3 月
        31 日）；本机关要求更早时在这里填写，写成“月-日”，如
        01-20；留空即用法定期限。期限保存在档案库中。
      </p>
      ${DEADLINE_GROUPS.map((g) => {
        const id = `deadline-${g.kinds[0]}`;
        return html`<div class="row">
          <label for=${id}>${g.label}</label>
          <input
            id=${id}
            class="md"
            data-role="deadline"
            data-kinds=${g.kinds[0]!}
            inputmode="numeric"
            .value=${s.deadlines[g.kinds[0]!] ?? ''}
            placeholder=${s.defaults[g.kinds[0]!]}
            aria-describedby="deadline-default-${g.kinds[0]}"
          />
          <span class="muted" id="deadline-default-${g.kinds[0]}"
            >法定：次年 ${s.defaults[g.kinds[0]!]}</span
          >
        </div>`;
      })}
      <div class="row">
        <button
          data-action="save-deadlines"
          ?disabled=${this.busy === 'deadlines'}
          @click=${() => void this.saveDeadlines()}
        >
          保存期限
        </button>
        ${s.changed ? html`<span class="muted">上次修改：${formatTime(s.changed.at)}${s.changed.by ? ` · ${s.changed.by}` : ''}</span>` : nothing}
      </div>
      ${
        result
          ? html`<p
              class=${result.ok ? 'ok' : 'error-text'}
              role=${result.ok ? 'status' : 'alert'}
              data-role="deadlines-result"
            >
              ${result.text}
            </p>`
          : nothing
      }
    </section>`;
  }

  private renderBackup() {
    const result = this.backupResult;
    return html`<section aria-labelledby="backup-title">
      <h2 id="backup-title">备份</h2>
      <p class="why">
        把整个档案库（所有单位、所有年度的报告、修订记录和定稿
        PDF）复制成一个文件。备份时可以继续使用。
      </p>
      <div class="row">
        <label for="backup-folder">备份到文件夹（如 U 盘）</label>
        <input
          id="backup-folder"
          class="wide"
          data-role="backup-folder"
          placeholder="如 E:\\ 或 /media/U盘"
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') void this.backupToFolder();
          }}
        />
        <button
          data-action="backup-to-folder"
          ?disabled=${this.busy === 'backup'}
          @click=${() => void this.backupToFolder()}
        >
          备份到此文件夹
        </button>
      </div>
      <div class="row">
        <button
          data-action="download-backup"
          ?disabled=${this.busy === 'download'}
          @click=${() => void this.downloadBackup()}
        >
          下载备份文件…
        </button>
        <span class="muted">生成备份文件，由浏览器（或桌面程序的保存对话框）保存到选定的位置</span>
      </div>
      ${this.busy === 'backup' || this.busy === 'download' ? html`<nb-progress label="正在备份…"></nb-progress>` : nothing}
      ${
        result
          ? html`<p
              class=${result.ok ? 'ok' : 'error-text'}
              role=${result.ok ? 'status' : 'alert'}
              data-role="backup-result"
            >
              ${result.text}
            </p>`
          : nothing
      }
    </section>`;
  }

  private renderRestore() {
    const result = this.restoreResult;
    return html`<section aria-labelledby="restore-title">
      <h2 id="restore-title">从备份恢复</h2>
      <p class="why">
        用备份替换当前的档案库。备份会先完整检查；其他程序（如命令行）正在使用档案库时不能恢复；当前的档案库文件另存在原文件夹中，不会删除。
      </p>
      <div class="row">
        <label for="restore-path">备份文件的位置</label>
        <input
          id="restore-path"
          class="wide"
          data-role="restore-path"
          placeholder="如 E:\\年报档案库备份-20250105-093000.sqlite"
          @keydown=${(e: KeyboardEvent) => {
            if (e.key === 'Enter') this.restoreFromPath();
          }}
        />
        <button
          data-action="restore-from-path"
          ?disabled=${this.busy === 'restore'}
          @click=${() => this.restoreFromPath()}
        >
          恢复…
        </button>
      </div>
      ${this.busy === 'restore' ? html`<nb-progress label="正在检查并恢复…"></nb-progress>` : nothing}
      ${
        result
          ? html`<p
              class=${result.ok ? 'ok' : 'error-text'}
              role=${result.ok ? 'status' : 'alert'}
              data-role="restore-result"
              data-ok=${result.ok ? 'true' : 'false'}
            >
              ${result.text}
            </p>`
          : nothing
      }
      ${
        this.backups.length
          ? html`<div class="scroll">
              <table>
                <caption class="visually-hidden">
                  备份文件夹中的备份
                </caption>
                <thead>
                  <tr>
                    <th scope="col">备份时间</th>
                    <th scope="col">类型</th>
                    <th scope="col">大小</th>
                    <th scope="col"><span class="visually-hidden">操作</span></th>
                  </tr>
                </thead>
                <tbody>
                  ${this.backups.map(
                    (b) =>
                      html`<tr data-role="backup-item" data-path=${b.path}>
                        <td>${formatTime(b.at)}</td>
                        <td>${REASONS[b.reason] ?? b.reason}</td>
                        <td class="num">${mb(b.bytes)} MB</td>
                        <td>
                          <button
                            data-action="restore-backup"
                            ?disabled=${this.busy === 'restore'}
                            aria-label="从 ${formatTime(b.at)} 的备份恢复"
                            @click=${() => void this.restore(b.path)}
                          >
                            恢复…
                          </button>
                        </td>
                      </tr>`,
                  )}
                </tbody>
              </table>
            </div>`
          : html`<p class="muted">备份文件夹（自动备份和首页“备份”所存的位置）中还没有备份。</p>`
      }
    </section>`;
  }
}
customElements.define('nb-settings', NbSettings);

declare global {
  interface HTMLElementTagNameMap {
    'nb-settings': NbSettings;
  }
}
