import type { TFunction } from 'i18next';
import type { AssignmentOffer } from '../../api/generated/types.gen';

interface ScorePart {
  contribution?: number;
  detail?: string;
}

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);
const strings = (v: unknown): string[] => (Array.isArray(v) ? v.filter((x): x is string => typeof x === 'string') : []);

/**
 * The reasons stored with an offer, one line each, for an administrator: why the matcher chose this
 * mediator (the triage, each score part with its own words, the runners-up by name), or the
 * reason an administrator gave. The stored shape is the matcher's (src/assignment/assignment.service.ts);
 * anything missing is left out rather than guessed.
 */
export function explanationLines(offer: Pick<AssignmentOffer, 'source' | 'explanation' | 'reason'>, names: ReadonlyMap<string, string>, t: TFunction): string[] {
  const e = offer.explanation;
  const out: string[] = [];
  if (offer.source !== 'matcher') out.push(t(`adminPortal.assignment.sources.${offer.source}`));
  if (offer.reason) out.push(t('adminPortal.assignment.givenReason', { reason: offer.reason }));
  const chosen = isRecord(e.chosen) ? e.chosen : undefined;
  if (chosen && typeof chosen.score === 'number') out.push(t('adminPortal.assignment.score', { score: chosen.score.toFixed(3) }));
  if (typeof e.track === 'string') out.push(t('adminPortal.assignment.track', { track: e.track }));
  out.push(...strings(e.triage));
  if (chosen && isRecord(chosen.parts)) {
    for (const part of Object.values(chosen.parts)) {
      const p = part as ScorePart;
      if (p.detail) out.push(typeof p.contribution === 'number' ? `${p.detail} (+${p.contribution.toFixed(3)})` : p.detail);
    }
  }
  const runnersUp = Array.isArray(e.runnersUp) ? e.runnersUp.filter(isRecord) : [];
  if (runnersUp.length) {
    const list = runnersUp.map((r) => `${names.get(String(r.mediatorId)) ?? String(r.mediatorId)} ${typeof r.score === 'number' ? r.score.toFixed(3) : ''}`.trim());
    out.push(t('adminPortal.assignment.runnersUp', { list: list.join(', ') }));
  }
  if (typeof e.excluded === 'number' && e.excluded > 0) out.push(t('adminPortal.assignment.excluded', { count: e.excluded }));
  return out.length ? [...new Set(out)] : [t('adminPortal.assignment.noExplanation')];
}
