/**
 * Offline handling (OLR 2(2), OLR 5; docs/procedural-rules.md A1): online handling can't be forced,
 * and any step of a case can switch to offline handling. A marker names the step (or every step),
 * and either one party or the whole case. Pure.
 */
export enum OfflineStep {
  /** Every step of the party (or of the case): a party that refused online handling. */
  All = 'all',
  /** Service of documents: the platform no longer sends them electronically; staff serve on paper. */
  Service = 'service',
  /** Answering the notice of mediation. */
  Answer = 'answer',
  /** A mediation session (held in person). */
  Session = 'session',
  /** Signing the agreement (on paper). */
  Signature = 'signature',
  /** The application for judicial confirmation (lodged on paper). */
  ConfirmationApplication = 'confirmation_application',
  /** Reporting and confirming performance. */
  Performance = 'performance',
}

export interface OfflineMarker {
  step: OfflineStep | string;
  /** null: the step of every party. */
  partyId: string | null;
}

/** Is `step` handled offline for this party (or, with partyId null, for the case as a whole)? */
export function handledOffline(markers: readonly OfflineMarker[], step: OfflineStep, partyId: string | null): boolean {
  return markers.some((m) => (m.partyId === null || m.partyId === partyId) && (m.step === OfflineStep.All || m.step === step));
}

/**
 * May the platform serve this party electronically? Not when the party refused online handling
 * (consentOnline false) or electronic service (consentEService false), nor when its service (or
 * every step) was switched offline.
 */
export function servedElectronically(party: { id: string; consentOnline: boolean | null; consentEService: boolean | null }, markers: readonly OfflineMarker[]): boolean {
  if (party.consentOnline === false || party.consentEService === false) return false;
  return !handledOffline(markers, OfflineStep.Service, party.id);
}
