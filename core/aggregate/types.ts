/**
 * What an aggregation is (core/aggregate): plain data, importing nothing but the format types, so
 * that the checks' options (core/checks/types.ts) can name it without an import cycle.
 */
import type { FormatVersion, TableId } from '../formats';

/** Why a member is or is not summed. */
export type MemberState = 'counted' | 'missing' | 'format' | 'legacy';

export interface AggregateMember {
  readonly unitId: string;
  readonly name: string;
  readonly state: MemberState;
  /** The member report's format (counted or 'format'); null otherwise. */
  readonly format: FormatVersion | null;
  readonly status: string | null;
  readonly errors: number;
  readonly warnings: number;
}

export interface AggregateCell {
  readonly key: string;
  readonly table: TableId;
  readonly block: string;
  readonly row: string;
  readonly col: string;
  /** A computed total of the format (T3 总计 column and row, T4 总计). */
  readonly total: boolean;
  /** The sum of the counted members' numbers; null when none of them states a number. */
  readonly sum: number | null;
  /**
   * Each counted member's contribution, in the order of `counted`: a number, or the cell's text
   * when it is not one ('' blank, '/' 不适用, or what it says) — not counted.
   */
  readonly values: readonly (number | string)[];
}

export interface Aggregation {
  readonly year: number;
  /** The format summed (the parent's). */
  readonly format: FormatVersion;
  /** Every chosen member, in the order chosen, with its state. */
  readonly members: readonly AggregateMember[];
  /** The unit ids of the counted members: the order of each cell's `values`. */
  readonly counted: readonly string[];
  /** Every cell of T2, T3 and T4 in official order. */
  readonly cells: readonly AggregateCell[];
}
