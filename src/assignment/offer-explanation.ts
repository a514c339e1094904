import { HardFilter, type ScorePartName } from './matcher';
import { OfferSource } from './assignment-offer.entity';
import { TRACKS, type Track } from './triage';

const PART_NAMES: readonly ScorePartName[] = ['expertise', 'workload', 'successRate', 'fairness'];
const FILTERS = new Set<string>(Object.values(HardFilter));

/** One part of the matcher's score, as the offered mediator sees it. */
export interface OfferScorePart {
  name: ScorePartName;
  /** The part's share of the whole score. */
  weight: number;
  /** In [0, 1]: how well the mediator did on this part. */
  value: number;
}

/** Why this mediator was offered the case, without anything about other mediators. */
export interface OfferExplanation {
  source: OfferSource;
  track: Track | null;
  score: number | null;
  parts: OfferScorePart[];
  /** The hard filters the mediator passed (HardFilter codes). */
  filtersPassed: string[];
  /** An administrator's reason for offering this case by hand. */
  reason: string | null;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const num = (v: unknown): number | null => (typeof v === 'number' && Number.isFinite(v) ? v : null);

/**
 * The stored explanation of an offer (matcher.ts's ranking, or who nominated or assigned) cut
 * down to what the offered mediator may read: its own score parts and the filters it passed.
 * The runners-up, the excluded count, the tie-break hash, the administrator's and the parties'
 * ids stay with the administrators. Tolerates explanations stored by older versions.
 */
export function explanationForMediator(source: OfferSource, stored: unknown, reason: string | null): OfferExplanation {
  const root = isRecord(stored) ? stored : {};
  const chosen = isRecord(root.chosen) ? root.chosen : {};
  const track = TRACKS.find((t) => t === (root.track ?? chosen.track)) ?? null;
  const partsIn = isRecord(chosen.parts) ? chosen.parts : {};
  const parts = PART_NAMES.flatMap((name): OfferScorePart[] => {
    const part = partsIn[name];
    const weight = isRecord(part) ? num(part.weight) : null;
    const value = isRecord(part) ? num(part.value) : null;
    return weight === null || value === null ? [] : [{ name, weight, value }];
  });
  const filtersPassed = (Array.isArray(chosen.filtersPassed) ? chosen.filtersPassed : [])
    .map((f) => (isRecord(f) ? f.filter : undefined))
    .filter((f): f is string => typeof f === 'string' && FILTERS.has(f));
  return {
    source,
    track,
    score: num(chosen.score),
    parts,
    filtersPassed,
    reason: source === OfferSource.Manual ? reason : null,
  };
}
