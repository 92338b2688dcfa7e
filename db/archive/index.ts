/**
 * The archive: one SQLite file holding every unit's reports, years, revisions, edit journal
 * and finalisation records. An Archive is the one writer connection; it lives in the database
 * worker (electron/services/archive/worker.ts) or, for the CLI and tests, in the calling
 * process. Every write is one IMMEDIATE transaction, so a second process on the same file waits
 * (busy timeout) instead of corrupting anything.
 *
 * The façade over the archive's parts: store.ts (connection, statements, writes, clock,
 * errors), open.ts, units.ts, reports.ts, revisions.ts, finalisations.ts, summary.ts (the
 * checks), search.ts, maintenance.ts. A method named like an API method takes that method's
 * payload and is what the database worker runs for it (electron/services/archive/handlers.ts).
 */
import type {
  AggregateResult,
  ApplyAggregateResult,
  ArchiveInfo,
  BackupFile,
  BackupInfo,
  CheckResult,
  ExportedFile,
  FinalisationInfo,
  FinalisationEntry,
  ArchivedPdfFile,
  MergeResult,
  OpenedReport,
  Payload,
  RevisionContent,
  ReviewSheet,
  Submissions,
  RevisionInfo,
  SaveResult,
  SearchResult,
  SettingsInfo,
  UnitCandidate,
  UnitChange,
  UnitInfo,
  VerifyPdfResult,
  VerifyResult,
  YearInfo,
} from '../../core/api';
import type { BackupReason } from '../backup';
import type { ExchangeFileResult } from '../../core/exchange';
import type { ReportComparison, UnitTrends } from '../../core/compare';
import * as aggregate from './aggregate';
import * as compare from './compare';
import * as exchange from './exchange';
import * as finalisations from './finalisations';
import { storeImportedFile, type ImportedFile, type ImportedFileResult } from './imports';
import * as settings from './settings';
import * as maintenance from './maintenance';
import * as office from './office';
import * as published from './published';
import { openStore } from './open';
import * as reports from './reports';
import * as search from './search';
import type { ArchiveOptions, Store } from './store';
import * as units from './units';

export type { ArchiveOptions } from './store';
export type { ArchivedPdf, FinalisationRecord, PrintRequest, ToRender } from './finalisations';
export type { ExistingReport, ImportedContent } from './reports';
export type { ImportedFile, ImportedFileResult } from './imports';
export type { ExchangeParts, ReceivedExchange } from './exchange';
export { recoverInterruptedRestore, restoreArchive, type RestoreFs } from './restore';

export class Archive {
  private constructor(private readonly store: Store) {}

  /**
   * Opens (or creates) an archive: refuses a file that is not an archive or was written by a
   * newer version (without opening it read-write), runs `quick_check`, backs up and migrates
   * an older version.
   */
  static async open(file: string, options: ArchiveOptions = {}): Promise<Archive> {
    return new Archive(await openStore(file, options));
  }

  /** The archive file (absolute). */
  get path(): string {
    return this.store.path;
  }

  get schemaVersion(): number {
    return this.store.schemaVersion;
  }

  close(): void {
    this.store.close();
  }

  // Units

  listUnits(): UnitInfo[] {
    return units.listUnits(this.store);
  }

  createUnit(p: Pick<Payload<'createUnit'>, 'name'> & Partial<Payload<'createUnit'>>): UnitInfo {
    return units.createUnit(this.store, p);
  }

  /** The unit of this name, created when there is none, in one transaction (imports). */
  findOrCreateUnit(name: string): { unit: UnitInfo; created: boolean } {
    return units.findOrCreateUnit(this.store, name);
  }

  renameUnit(p: units.UnitPayload<'renameUnit'>): UnitInfo {
    return units.renameUnit(this.store, p);
  }

  updateUnit(p: units.UnitPayload<'updateUnit'>): UnitInfo {
    return units.updateUnit(this.store, p);
  }

  mergeUnits(p: units.UnitPayload<'mergeUnits'>): MergeResult {
    return units.mergeUnits(this.store, p);
  }

  unit(id: string): UnitInfo {
    return units.unit(this.store, id);
  }

  /** A unit's signed changes, newest first (unit_changes). */
  unitHistory(p: Payload<'unitHistory'>): UnitChange[] {
    return units.unitHistory(this.store, p);
  }

  /** The unit a text names (an id, a name or a former name); see units.unitByName. */
  unitByName(name: string, options: { follow?: boolean } = {}): UnitInfo | null {
    return units.unitByName(this.store, name, options);
  }

  resemblingUnits(name: string, limit?: number): UnitCandidate[] {
    return units.resemblingUnits(this.store, name, limit);
  }

  /** The unit a text names, or else the units whose names resemble it. */
  findUnit(p: { name: string; follow?: boolean }): {
    unit: UnitInfo | null;
    similar: UnitCandidate[];
  } {
    const unit = this.unitByName(p.name, { follow: p.follow ?? true });
    return { unit, similar: unit ? [] : this.resemblingUnits(p.name) };
  }

  // Reports

  listYears(p: Payload<'listYears'>): YearInfo[] {
    return reports.listYears(this.store, p);
  }

  createReport(p: Payload<'createReport'>): OpenedReport {
    return reports.createReport(this.store, p);
  }

  openReport(p: Payload<'openReport'>): OpenedReport {
    return reports.openReport(this.store, p);
  }

  findReport(p: Payload<'findReport'>): OpenedReport | null {
    return reports.findReport(this.store, p);
  }

  saveReport(p: Parameters<typeof reports.saveReport>[1]): SaveResult {
    return reports.saveReport(this.store, p);
  }

  writeJournal(p: Payload<'writeJournal'>): void {
    reports.writeJournal(this.store, p);
  }

  copyLastYear(p: Payload<'copyLastYear'>): OpenedReport {
    return reports.copyLastYear(this.store, p);
  }

  history(p: Payload<'history'>): RevisionInfo[] {
    return reports.history(this.store, p);
  }

  openRevision(p: Payload<'openRevision'>): RevisionContent {
    return reports.openRevision(this.store, p);
  }

  restoreRevision(p: Payload<'restoreRevision'>): SaveResult {
    return reports.restoreRevision(this.store, p);
  }

  storeImported(p: reports.ImportedContent): ReturnType<typeof reports.storeImported> {
    return reports.storeImported(this.store, p);
  }

  /** An imported file's unit found or created and its report stored, in one transaction. */
  storeImportedFile(p: ImportedFile): ImportedFileResult {
    return storeImportedFile(this.store, p);
  }

  checkReport(
    p: Pick<Payload<'checkReport'>, 'unitId' | 'year'> & Partial<Payload<'checkReport'>>,
  ): CheckResult {
    return reports.checkReport(this.store, p);
  }

  exportReport(p: Payload<'exportReport'>): ExportedFile {
    return reports.exportReport(this.store, p);
  }

  // Finalisations

  printable(p: finalisations.PrintRequest): finalisations.ToRender | finalisations.ArchivedPdf {
    return finalisations.printable(this.store, p);
  }

  storeFinalisation(p: finalisations.FinalisationRecord): FinalisationInfo {
    return finalisations.storeFinalisation(this.store, p);
  }

  reopenReport(p: Payload<'reopenReport'>): SaveResult {
    return finalisations.reopenReport(this.store, p);
  }

  listFinalisations(p: Payload<'listFinalisations'>): FinalisationEntry[] {
    return finalisations.listFinalisations(this.store, p);
  }

  finalisedPdf(p: Payload<'finalisedPdf'>): ArchivedPdfFile {
    return finalisations.finalisedPdf(this.store, p);
  }

  verifyPdf(p: Payload<'verifyPdf'>): VerifyPdfResult {
    return finalisations.verifyPdf(this.store, p);
  }

  // 已发布（存档） (issue 13 item 13)

  markPublished(p: Payload<'markPublished'>): SaveResult {
    return published.markPublished(this.store, p);
  }

  unmarkPublished(p: Payload<'unmarkPublished'>): SaveResult {
    return published.unmarkPublished(this.store, p);
  }

  // Comparison and trends

  compareReports(p: Payload<'compareReports'>): ReportComparison {
    return compare.compareReports(this.store, p);
  }

  unitTrends(p: Payload<'unitTrends'>): UnitTrends {
    return compare.unitTrends(this.store, p);
  }

  // 汇总 (issue 15)

  aggregateReport(p: Payload<'aggregateReport'>): AggregateResult {
    return aggregate.aggregateReport(this.store, p);
  }

  applyAggregate(p: Payload<'applyAggregate'>): ApplyAggregateResult {
    return aggregate.applyAggregate(this.store, p);
  }

  // County office: submissions dashboard and 审核意见 (issue 15)

  submissions(p: Payload<'submissions'>): Submissions {
    return office.submissions(this.store, p);
  }

  reviewSheets(p: Payload<'reviewSheets'>): ReviewSheet[] {
    return office.reviewSheets(this.store, p);
  }

  // The exchange file between offline offices (issue 15 item 1)

  /** What an exchange file of a report holds (zipped by electron/services/exchange). */
  exchangeParts(p: { unitId: string; year: number }): exchange.ExchangeParts {
    return exchange.exchangeParts(this.store, p);
  }

  /** Receives one verified exchange file: a new revision, nothing (identical), or refused. */
  receiveExchange(p: exchange.ReceivedExchange): ExchangeFileResult {
    return exchange.receiveExchange(this.store, p);
  }

  /** Gives units created from exchange files their parent, once it is in the archive. */
  linkParents(items: Parameters<typeof exchange.linkParents>[1], author = ''): number {
    return exchange.linkParents(this.store, items, author);
  }

  // Search

  search(p: Omit<Payload<'search'>, 'limit'> & { limit?: number }): SearchResult {
    return search.search(this.store, p);
  }

  // Maintenance

  backup(p: Payload<'backup'> = {}, reason?: BackupReason): Promise<BackupInfo> {
    return maintenance.backup(this.store, p, reason);
  }

  dailyBackup(): Promise<BackupInfo | null> {
    return maintenance.dailyBackup(this.store);
  }

  /** Moves the WAL into the file when something was written since the last time (or `force`). */
  checkpoint(force = false): void {
    this.store.checkpoint(force);
  }

  downloadBackup(): Promise<BackupFile> {
    return maintenance.downloadBackup(this.store);
  }

  settings(): SettingsInfo {
    return settings.settings(this.store);
  }

  updateSettings(p: Payload<'updateSettings'>): SettingsInfo {
    return settings.updateSettings(this.store, p);
  }

  verify(): VerifyResult {
    return maintenance.verify(this.store);
  }

  archiveInfo(): ArchiveInfo {
    return maintenance.archiveInfo(this.store);
  }
}
