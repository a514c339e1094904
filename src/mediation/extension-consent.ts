/**
 * An extension of the mediation period needs every party's consent (OMR 24; docs/procedural-rules.md B7): one
 * party declining refuses it, and it is granted only when each party, by itself or its agent,
 * has consented online. Pure.
 */
export interface ExtensionAnswer {
  partyId: string;
  consent: boolean;
}

export type ExtensionOutcome = { state: 'pending'; waitingFor: string[] } | { state: 'granted' } | { state: 'declined'; declinedBy: string[] };

export function extensionOutcome(partyIds: readonly string[], answers: readonly ExtensionAnswer[]): ExtensionOutcome {
  const parties = new Set(partyIds);
  const relevant = answers.filter((a) => parties.has(a.partyId));
  const declinedBy = relevant.filter((a) => !a.consent).map((a) => a.partyId);
  if (declinedBy.length > 0) return { state: 'declined', declinedBy };
  const consented = new Set(relevant.filter((a) => a.consent).map((a) => a.partyId));
  const waitingFor = partyIds.filter((id) => !consented.has(id));
  // A case always has parties; none would make "every party consented" vacuous, so it never is.
  return partyIds.length > 0 && waitingFor.length === 0 ? { state: 'granted' } : { state: 'pending', waitingFor };
}
