/**
 * The office's settings kept in the archive (so a backup carries them): today the report
 * deadlines by unit kind, which the checks use (DATE_LATE) instead of the statutory ones. Each
 * change records who made it and when; every report's stored status and counts follow.
 */
import path from 'node:path';
import type { Payload, SettingsInfo } from '../../core/api';
import { DEFAULT_DEADLINES } from '../../core/checks';
import { UNIT_KINDS, type UnitKind } from '../../core/model';
import { backupFolder } from '../backup';
import { DEADLINES_KEY, officeDeadlines, revisionBody, type ReportRow } from './rows';
import type { Store } from './store';
import { summarise } from './summary';

export function settings(s: Store): SettingsInfo {
  const changed = s.stmt('SELECT at, by FROM settings ORDER BY at DESC LIMIT 1').get() as
    { at: string; by: string } | undefined;
  return {
    deadlines: officeDeadlines(s),
    defaults: DEFAULT_DEADLINES,
    changed: changed ? { at: changed.at, by: changed.by } : null,
    dataFolder: path.dirname(s.path),
    archivePath: s.path,
    backupFolder: backupFolder(s.path),
  };
}

/**
 * Sets the office's deadlines (a kind left out or null: the statutory one) and re-summarises
 * every structured report, in one transaction.
 */
export function updateSettings(s: Store, p: Payload<'updateSettings'>): SettingsInfo {
  s.write(() => {
    const deadlines: Partial<Record<UnitKind, string>> = {};
    for (const kind of UNIT_KINDS) {
      const value = p.deadlines[kind];
      // the statutory deadline itself is no office setting
      if (value && value !== DEFAULT_DEADLINES[kind]) deadlines[kind] = value;
    }
    // re-summarise only what the change can touch: the reports of units of a kind whose
    // deadline changed (and of units of unknown kind, whose report may state one)
    const before = officeDeadlines(s);
    const changed = UNIT_KINDS.filter((k) => (before[k] ?? '') !== (deadlines[k] ?? ''));
    s.stmt(
      `INSERT INTO settings (key, value, at, by) VALUES (?, ?, ?, ?)
       ON CONFLICT (key) DO UPDATE SET value = excluded.value, at = excluded.at, by = excluded.by`,
    ).run(DEADLINES_KEY, JSON.stringify(deadlines), s.stamp(), p.author.trim());
    if (changed.length === 0) return;
    const rows = s
      .stmt(
        `SELECT r.* FROM reports r JOIN units u ON u.id = r.unit_id
          WHERE r.format IS NOT NULL
            AND (u.kind IS NULL OR u.kind IN (SELECT value FROM json_each(?)))`,
      )
      .all(JSON.stringify(changed)) as ReportRow[];
    for (const row of rows) summarise(s, row, revisionBody(s, row));
  });
  return settings(s);
}
