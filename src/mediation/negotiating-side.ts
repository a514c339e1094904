import { PartySide } from '../cases/entities/case-party.entity';
import { CaseRole } from '../cases/lifecycle/case-roles';
import type { OfferActor } from './offers';

/**
 * For which side a person acts in the negotiation, and in which capacity: a party itself, its
 * agent, or the mediator on a side's behalf (offers only: a mediator never bids or consents for
 * a party). Pure; the access policy has already said the person may negotiate at all.
 */
export type SideDecision = { ok: true; side: PartySide; capacity: OfferActor['capacity'] } | { ok: false; status: 400 | 403; field?: string; reason: string };

const OWN: readonly { role: CaseRole; side: PartySide; capacity: 'party' | 'agent' }[] = [
  { role: CaseRole.Applicant, side: PartySide.Applicant, capacity: 'party' },
  { role: CaseRole.ApplicantAgent, side: PartySide.Applicant, capacity: 'agent' },
  { role: CaseRole.Respondent, side: PartySide.Respondent, capacity: 'party' },
  { role: CaseRole.RespondentAgent, side: PartySide.Respondent, capacity: 'agent' },
];

export interface SideOptions {
  /** The side the person says they act for. */
  onBehalfOf?: PartySide;
  /** The side the action implies (the one answering an offer), for whoever could act for either. */
  implied?: PartySide;
  mediatorMayAct: boolean;
}

export function negotiatingSide(roles: readonly CaseRole[], options: SideOptions): SideDecision {
  const own = OWN.filter((o) => roles.includes(o.role));
  if (own.length > 0) {
    const sides = [...new Set(own.map((o) => o.side))];
    const side = options.onBehalfOf ?? (sides.length === 1 ? sides[0] : options.implied);
    if (side === undefined) return { ok: false, status: 400, field: 'onBehalfOf', reason: 'You act for both sides of this case: say for which one (onBehalfOf)' };
    if (!sides.includes(side)) return { ok: false, status: 403, reason: `You do not act for the ${side} side` };
    // A party acting in person commits itself; an agent acts under its power of attorney.
    const capacity = own.some((o) => o.side === side && o.capacity === 'party') ? 'party' : 'agent';
    return { ok: true, side, capacity };
  }
  if (roles.includes(CaseRole.Mediator) && options.mediatorMayAct) {
    const side = options.onBehalfOf ?? options.implied;
    if (!side) return { ok: false, status: 400, field: 'onBehalfOf', reason: 'onBehalfOf is required: the mediator acts on behalf of the applicant or the respondent side' };
    return { ok: true, side, capacity: 'mediator' };
  }
  return { ok: false, status: 403, reason: options.mediatorMayAct ? 'Only the parties, their agents and the mediator negotiate' : 'Only a party or its agent does this' };
}
