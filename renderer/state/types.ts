import type { OpenedStructured as Opened } from '../../core/api';
import type { ResolvedFinding } from '../../core/checks';

export type OpenedStructured = Opened;
export type ResolvedFindingLike = Pick<ResolvedFinding, 'decision'>;
