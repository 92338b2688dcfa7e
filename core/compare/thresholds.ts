/**
 * What a reviewer must look at, as data: the thresholds of the cell flags and of the text diff.
 * Documented in the README (“对比上年 / Year-over-year comparison”); tests read them from here.
 */
export interface CompareThresholds {
  /** jump: the larger value is at least this many times the smaller one… */
  readonly jumpRatio: number;
  /** …and the two differ by at least this much. */
  readonly jumpMinDelta: number;
  /** appeared / vanished: blank or 0 in one year and at least this much in the other. */
  readonly appearMin: number;
  /**
   * Text diff: a run of unchanged text this short (in characters) between two changes is folded
   * into them, so that a Chinese diff reads as phrases, not one-character islands.
   */
  readonly islandMax: number;
  /**
   * Text diff: two paragraphs (or two sentences) at least this similar — character pairs in
   * common, Dice's coefficient — are one paragraph rewritten and diffed inside; less similar
   * ones are shown deleted and inserted whole.
   */
  readonly alignMin: number;
  /** Text diff: seconds the character diff may take before it settles for a coarser one. */
  readonly diffTimeout: number;
}

export const COMPARE_THRESHOLDS: CompareThresholds = {
  jumpRatio: 3,
  jumpMinDelta: 10,
  appearMin: 1,
  islandMax: 2,
  alignMin: 0.3,
  diffTimeout: 0.2,
};
