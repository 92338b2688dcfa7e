/**
 * The state of one report being edited: the report (replaced, never mutated, at each edit),
 * undo/redo, the live findings (checks run in the window at every edit: a few milliseconds),
 * and saving — the edit journal written within a second of typing (crash safety), a revision
 * after a minute idle, on Ctrl+S and on closing. Components listen to its events:
 *   'change'  the report or the findings changed
 *   'saved'   the save state changed (see `saveState`)
 *   'focus'   a finding was clicked: detail is the Location to focus
 *
 * Every save and journal write carries the revision this window's state is based on; when
 * another window saved meanwhile the archive refuses it (STALE) and the state becomes
 * 'conflict' (`conflict` says what happened) until the clerk keeps this window's state as a new
 * revision (`keepMine`) or reloads. The operator's name is read at each action (`author`), so a
 * name typed while the report is open signs the next revision and decision.
 */
import {
  ApiError,
  isStale,
  type NianbaoApi,
  type OpenedReport,
  type OpenedStructured,
  type PublishedInfo,
  type SaveResult,
} from '../../core/api';
import {
  checksSkippedForKind,
  countOpen,
  decide,
  resolveFindings,
  runChecks,
  type Finding,
  type ResolvedFinding,
  type SkippedCheck,
} from '../../core/checks';
import type { SectionId } from '../../core/formats';
import {
  blankSection,
  type Decision,
  type Location,
  type Paragraph,
  type Report,
  type UnitKind,
} from '../../core/model';
import { applyAggregation, type Aggregation } from '../../core/aggregate';
import { compareByDefault } from '../models/compare-view';
import type { TextPlace } from '../models/paragraphs';

export type SaveState = 'saved' | 'editing' | 'journaled' | 'saving' | 'error' | 'conflict';

interface Step {
  readonly label: string;
  readonly before: Report;
  readonly after: Report;
  /** Edits with the same key within a short time merge into one undo step (typing). */
  readonly key: string | undefined;
  readonly at: number;
}

const JOURNAL_DELAY = 800;
const IDLE_SAVE_DELAY = 60_000;
const MERGE_WINDOW = 1500;

export class ReportEditor extends EventTarget {
  report: Report;
  findings: ResolvedFinding[] = [];
  /** Last year's report of the unit (cross-year checks), if the archive has it. */
  prior: Report | null = null;
  /**
   * 汇总: the members' sum an aggregated report (`report.aggregated`) was filled from, as the
   * members now stand (AGGREGATE_MISMATCH, each cell's breakdown); null when not aggregated.
   */
  aggregate: Aggregation | null = null;
  /** 对比上年: cells show last year's values (on by default for a report copied from last year). */
  compare = false;
  /** The parts (导语, 一…六) whose text is shown beside last year's. */
  compareParts: ReadonlySet<string> = new Set();
  revision: number;
  locked: boolean;
  /** The 已发布（存档） mark in force (the report is then locked too); null: not marked. */
  published: PublishedInfo | null;
  saveState: SaveState = 'saved';
  saveError = '';
  /** Another window saved a newer revision: the archive's message (empty when none). */
  conflict = '';
  lastSaved: Date | null = null;
  /** The unit's 类型 in the archive (null: 类型未定); set from the window with `setUnitKind`. */
  unitKind: UnitKind | null;
  private undoStack: Step[] = [];
  private redoStack: Step[] = [];
  private journalTimer: ReturnType<typeof setTimeout> | undefined;
  private idleTimer: ReturnType<typeof setTimeout> | undefined;
  private saving: Promise<unknown> = Promise.resolve();
  /** The state last written to the archive as a revision. */
  private savedReport: Report;

  private readonly operator: () => string;

  constructor(
    private readonly api: NianbaoApi,
    readonly opened: OpenedStructured,
    /** The operator's name, or how to read it at the moment of each action. */
    author: string | (() => string),
    /** Last year's report (the cross-year checks, 对比上年), read beside this one (none: null). */
    prior: Report | null = null,
  ) {
    super();
    this.operator = typeof author === 'function' ? author : () => author;
    this.report = opened.report;
    this.savedReport = opened.recovered ? (null as unknown as Report) : opened.report;
    this.revision = opened.revision;
    this.locked = opened.locked;
    this.unitKind = opened.unit.kind;
    this.published = opened.published;
    if (opened.recovered) this.saveState = 'journaled';
    this.compare = compareByDefault(opened.report);
    this.prior = prior;
    this.recheck();
  }

  /** The operator's name now (signs revisions, journal writes and decisions). */
  get author(): string {
    return this.operator();
  }

  /** Turns 对比上年 on or off (a view setting: not an edit). */
  setCompare(on: boolean): void {
    this.compare = on;
    this.emit('change');
  }

  /** Shows or hides a part's text beside last year's (turning 对比上年 on to show it). */
  showPartComparison(part: string, open: boolean): void {
    const parts = new Set(this.compareParts);
    if (open) parts.add(part);
    else parts.delete(part);
    this.compareParts = parts;
    if (open) this.compare = true;
    this.emit('change');
  }

  /** A finding about last year (TEXT_COPIED, CARRY_OVER_MISMATCH) opens the comparison. */
  showComparisonFor(finding: Pick<Finding, 'code' | 'location'>): void {
    if (!this.prior) return;
    if (finding.code === 'TEXT_COPIED') this.showPartComparison(finding.location.section, true);
    else if (finding.code === 'CARRY_OVER_MISMATCH') this.setCompare(true);
  }

  /** The 类型 the checks use: the archive's, else the one the report carries (null: unknown). */
  get kind(): UnitKind | null {
    return this.unitKind ?? this.report.unit.kind ?? null;
  }

  /** The checks that did not run because the unit's 类型 is unknown (empty when it is known). */
  get skippedChecks(): SkippedCheck[] {
    return checksSkippedForKind(this.report, { kind: this.unitKind });
  }

  /**
   * Sets the unit's 类型 in the archive (the clerk chose it); the checks then run with it.
   * Throws the archive's error (Chinese) when refused.
   */
  async setUnitKind(kind: UnitKind): Promise<void> {
    const unit = await this.api.updateUnit({
      unitId: this.unitId,
      kind,
      author: this.author,
    });
    this.unitKind = unit.kind;
    this.recheck();
    this.emit('change');
  }

  get unitId(): string {
    return this.opened.unit.id;
  }
  get year(): number {
    return this.opened.year;
  }

  // 汇总 (issue 15 item 4)

  /** Loads the members' sum of an aggregated report (for its checks and breakdowns). */
  async loadAggregate(): Promise<void> {
    if (!this.report.aggregated) return;
    try {
      const result = await this.api.aggregateReport({ unitId: this.unitId, year: this.year });
      this.aggregate = result.aggregation;
      this.recheck();
      this.emit('change');
    } catch {
      // the members could not be read: no AGGREGATE_MISMATCH, no breakdown
    }
  }

  /**
   * 重新汇总: writes the members' current sum into the tables as one undoable edit (saved as a
   * revision signed by the operator, like any edit). Returns false when refused or not loaded.
   */
  reaggregate(): boolean {
    const agg = this.aggregate;
    if (!agg || !this.report.aggregated) return false;
    return this.edit('重新汇总', (r) =>
      applyAggregation(r, agg, {
        members: agg.members.map((m) => m.unitId),
        at: new Date().toISOString(),
        ...(this.author ? { by: this.author } : {}),
      }),
    );
  }

  get open(): { errors: number; warnings: number } {
    return countOpen(this.findings);
  }

  get canUndo(): boolean {
    return this.undoStack.length > 0;
  }
  get canRedo(): boolean {
    return this.redoStack.length > 0;
  }
  get dirty(): boolean {
    return this.report !== this.savedReport;
  }

  /**
   * Applies an edit. `key` merges quick successive edits of one field into one undo step.
   * Refused (returns false) while the report is finalised.
   */
  edit(label: string, change: (r: Report) => Report, key?: string): boolean {
    if (this.locked) return false;
    const before = this.report;
    const after = change(before);
    if (after === before) return true;
    const now = Date.now();
    const last = this.undoStack.at(-1);
    if (key !== undefined && last && last.key === key && now - last.at < MERGE_WINDOW) {
      this.undoStack[this.undoStack.length - 1] = { ...last, after, at: now };
    } else {
      this.undoStack = [...this.undoStack, { label, before, after, key, at: now }].slice(-500);
    }
    this.redoStack = [];
    this.apply(after);
    return true;
  }

  undo(): void {
    const step = this.undoStack.at(-1);
    if (!step || this.locked) return;
    this.undoStack = this.undoStack.slice(0, -1);
    this.redoStack = [...this.redoStack, step];
    this.apply(step.before);
  }

  redo(): void {
    const step = this.redoStack.at(-1);
    if (!step || this.locked) return;
    this.redoStack = this.redoStack.slice(0, -1);
    this.undoStack = [...this.undoStack, { ...step, key: undefined }];
    this.apply(step.after);
  }

  /** What undo / redo would undo or redo, for the menu and tooltips. */
  get undoLabel(): string {
    return this.undoStack.at(-1)?.label ?? '';
  }
  get redoLabel(): string {
    return this.redoStack.at(-1)?.label ?? '';
  }

  setParagraphs(place: TextPlace, paragraphs: readonly Paragraph[], label: string, key?: string) {
    return this.edit(
      label,
      (r) => {
        if (place === '导语') return { ...r, opening: [...paragraphs] };
        const section = r.sections[place];
        if (!section) return r;
        return {
          ...r,
          sections: { ...r.sections, [place]: { ...section, paragraphs: [...paragraphs] } },
        };
      },
      key,
    );
  }

  /**
   * 补上这一部分: a section the report lacks (an imported report) is added with its official
   * heading, the standard outline and, for a table section, the empty table (one undoable edit).
   */
  addSection(id: SectionId): boolean {
    return this.edit(`补上“${id}”部分`, (r) =>
      r.sections[id]
        ? r
        : {
            ...r,
            sections: {
              ...r.sections,
              [id]: blankSection(r.format, id, this.kind),
            },
          },
    );
  }

  setField(field: 'title' | 'signatureUnit' | 'signatureDate', value: string): boolean {
    const labels = {
      title: '修改标题',
      signatureUnit: '修改落款单位',
      signatureDate: '修改成文日期',
    };
    return this.edit(
      labels[field],
      (r) =>
        field === 'title'
          ? { ...r, title: value }
          : field === 'signatureUnit'
            ? { ...r, signature: { ...r.signature, unit: value } }
            : { ...r, signature: { ...r.signature, date: value } },
      field,
    );
  }

  /** Overrides an error or marks a warning 已核实, with the written reason (undoable). */
  decide(finding: Finding, action: Decision['action'], reason: string): boolean {
    return this.edit(action === 'override' ? '忽略错误' : '标记已核实', (r) =>
      decide(
        r,
        finding,
        action,
        reason,
        { by: this.author, at: new Date().toISOString() },
        this.findings,
      ),
    );
  }

  /** Takes a decision back (the finding is open again). */
  undecide(finding: Pick<ResolvedFinding, 'decision'>): boolean {
    const d = finding.decision;
    if (!d) return true;
    return this.edit('撤销决定', (r) => ({ ...r, decisions: r.decisions.filter((x) => x !== d) }));
  }

  /** Asks the component showing a location to focus it (a finding was clicked). */
  focus(location: Location): void {
    this.dispatchEvent(new CustomEvent('focus', { detail: location }));
  }

  /**
   * Saves a revision now (Ctrl+S, closing, idle). Resolves when the archive has it. Based on
   * this window's revision; `keepMine` saves over a newer revision of another window (which
   * stays in the history).
   */
  save(reason: 'save' | 'close' | 'idle' = 'save', keepMine = false): Promise<SaveResult | null> {
    clearTimeout(this.journalTimer);
    clearTimeout(this.idleTimer);
    const report = this.report;
    const run = async (): Promise<SaveResult | null> => {
      if (this.locked) return null;
      if (this.conflict && !keepMine) throw new ApiError('STALE', this.conflict);
      if (report === this.savedReport && this.saveState !== 'journaled' && !keepMine) return null;
      this.setSaveState('saving');
      try {
        const result = await this.api.saveReport({
          unitId: this.unitId,
          year: this.year,
          report,
          reason,
          author: this.author,
          ...(keepMine ? {} : { base: this.revision }),
        });
        this.savedReport = report;
        this.revision = result.revision;
        this.conflict = '';
        this.lastSaved = new Date();
        this.setSaveState(this.report === report ? 'saved' : 'editing');
        return result;
      } catch (error) {
        this.failed(error);
        throw error;
      }
    };
    const next = this.saving.then(run, run);
    this.saving = next.catch(() => undefined);
    return next;
  }

  /** Keeps this window's state as the newest revision after a conflict (the other stays in history). */
  keepMine(): Promise<SaveResult | null> {
    return this.save('save', true);
  }

  /** Stops the timers (the editor is closed); call `save('close')` before. */
  dispose(): void {
    clearTimeout(this.journalTimer);
    clearTimeout(this.idleTimer);
  }

  /** The report was finalised or reopened elsewhere in the window: follow the archive. */
  setLocked(locked: boolean, revision?: number): void {
    this.locked = locked;
    if (revision !== undefined) this.revision = revision;
    this.emit('change');
  }

  /** The report was marked 已发布（存档） or the mark taken back: read-only while marked. */
  setPublished(published: PublishedInfo | null, revision: number): void {
    this.published = published;
    this.setLocked(published !== null, revision);
  }

  private apply(report: Report): void {
    this.report = report;
    this.recheck();
    this.emit('change');
    if (this.conflict) return;
    this.setSaveState('editing');
    this.scheduleJournal();
  }

  private recheck(): void {
    const options = {
      ...(this.prior ? { prior: this.prior } : {}),
      ...(this.aggregate ? { aggregate: this.aggregate } : {}),
      kind: this.unitKind,
      // the office's deadlines (设置); absent from a window opened before they existed
      deadlines: this.opened.deadlines ?? {},
    };
    this.findings = resolveFindings(runChecks(this.report, options), this.report.decisions);
  }

  private scheduleJournal(): void {
    clearTimeout(this.journalTimer);
    clearTimeout(this.idleTimer);
    this.journalTimer = setTimeout(() => void this.writeJournal(), JOURNAL_DELAY);
    this.idleTimer = setTimeout(
      () => void this.save('idle').catch(() => undefined),
      IDLE_SAVE_DELAY,
    );
  }

  private async writeJournal(): Promise<void> {
    if (this.conflict) return;
    const report = this.report;
    try {
      await this.api.writeJournal({
        unitId: this.unitId,
        year: this.year,
        report,
        author: this.author,
        base: this.revision,
      });
      if (this.report === report && this.saveState === 'editing') this.setSaveState('journaled');
    } catch (error) {
      this.failed(error);
    }
  }

  /** A save or journal write failed: a conflict with another window, or another error. */
  private failed(error: unknown): void {
    const message = error instanceof Error ? error.message : String(error);
    if (isStale(error)) {
      this.conflict = message;
      clearTimeout(this.journalTimer);
      clearTimeout(this.idleTimer);
      this.setSaveState('conflict');
    } else {
      this.saveError = message;
      this.setSaveState('error');
    }
  }

  private setSaveState(state: SaveState): void {
    this.saveState = state;
    this.emit('saved');
  }

  private emit(type: string): void {
    this.dispatchEvent(new Event(type));
  }
}

/** The report of a found last year's report (legacy or none: null). */
export function priorOf(found: OpenedReport | null): Report | null {
  return found && !found.legacy ? found.report : null;
}
