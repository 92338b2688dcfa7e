/**
 * Comparison and trends (issue 14) over the archive: the reports as they stand (the edit
 * journal's unsaved state included, as the editor shows it; a finalised report as finalised),
 * compared and followed across years by core/compare. Units are followed by id, so a renamed
 * unit's years stay one series.
 */
import type { Payload } from '../../core/api';
import {
  compareReports as compare,
  unitTrends as trends,
  type Comparable,
  type ReportComparison,
  type TrendSource,
  type UnitTrends,
} from '../../core/compare';
import type { Report } from '../../core/model';
import { isLegacyBody, type StoredBody } from '../text';
import { requireReport, unitRow } from './rows';
import type { Store } from './store';

interface BodyRow {
  year: number;
  body: string;
}

/** The state of a stored report: its journal unless finalised, else its newest revision. */
const CURRENT = `SELECT r.year AS year,
       COALESCE(CASE WHEN EXISTS (SELECT 1 FROM finalisations f
                                   WHERE f.report_id = r.id AND f.reopened_at IS NULL)
                     THEN NULL ELSE j.body END, v.body) AS body
  FROM reports r
  JOIN revisions v ON v.report_id = r.id AND v.number = r.head
  LEFT JOIN journal j ON j.report_id = r.id`;

function comparable(
  body: StoredBody,
  unit: { id: string; name: string },
  year: number,
): Comparable {
  if (isLegacyBody(body)) return { legacy: true, unit, year, title: body.title, text: body.text };
  // a report moved by a merge still names its former unit inside
  return body.unit.id === unit.id ? body : { ...body, unit: { ...body.unit, id: unit.id } };
}

/** One stored report as core/compare takes it. */
export function storedComparable(s: Store, unitId: string, year: number): Comparable {
  const report = requireReport(s, unitId, year);
  const u = unitRow(s, unitId);
  const row = s.stmt(`${CURRENT} WHERE r.id = ?`).get(report.id) as BodyRow;
  return comparable(JSON.parse(row.body) as StoredBody, { id: u.id, name: u.name }, year);
}

type Side = Payload<'compareReports'>['a'];

function sideOf(s: Store, side: Side): Comparable {
  return 'report' in side ? (side.report as Report) : storedComparable(s, side.unitId, side.year);
}

export function compareReports(s: Store, p: Payload<'compareReports'>): ReportComparison {
  return compare(sideOf(s, p.a), sideOf(s, p.b));
}

export function unitTrends(s: Store, p: Payload<'unitTrends'>): UnitTrends {
  const u = unitRow(s, p.unitId);
  const rows = s.stmt(`${CURRENT} WHERE r.unit_id = ? ORDER BY r.year`).all(p.unitId) as BodyRow[];
  const sources: TrendSource[] = rows.map((row) => {
    const body = JSON.parse(row.body) as StoredBody;
    return isLegacyBody(body)
      ? { year: row.year, legacy: true, unit: body.title }
      : { year: row.year, report: body };
  });
  return trends({ id: u.id, name: u.name }, sources);
}
