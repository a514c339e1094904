import { createHash } from 'node:crypto';
import type { Side } from '../room-people';
import { CaseSource, CaseStatus, ReferralType } from '../../cases/lifecycle/case-states';
import { EServiceConsentBasis } from '../../cases/entities/case-party.entity';
import { canonicalJson } from '../../common/hashing/canonical-json';
import type { FieldError } from '../../common/errors/problem';
import { MEETING_URL_MAX_CHARS, meetingUrlProblem } from '../../common/meeting-url';
import type { RoomPerson } from '../room-people';

/**
 * The rules of mediation sessions (docs/procedural-rules.md A6, B11), pure: what may be scheduled, who takes
 * part, what must be true before a session starts, which action fits which state, and who
 * confirms the record. The sessions service loads, calls these and stores.
 */

export enum SessionKind {
  /** Both sides, their agents and the mediator. */
  Joint = 'joint',
  /** The mediator and one side only (背对背). */
  Caucus = 'caucus',
}

export enum SessionStatus {
  Scheduled = 'scheduled',
  InProgress = 'in_progress',
  Ended = 'ended',
  Cancelled = 'cancelled',
}

export const SESSION_LIMITS = {
  minMinutes: 15,
  maxMinutes: 480,
  /** A mediator may open the room this long before the announced start, not earlier. */
  earlyStartMinutes: 30,
  recordChars: 100_000,
  meetingUrlChars: MEETING_URL_MAX_CHARS,
} as const;

/** The sides taking part: both in a joint session, one in a caucus. */
export function sidesOf(kind: SessionKind, side: Side | null): Side[] {
  if (kind === SessionKind.Joint) return ['applicant', 'respondent'] as Side[];
  return side ? [side] : [];
}

/** The parties and agents taking part (the mediator always does). */
export function participantsOf<P extends Pick<RoomPerson, 'side'>>(kind: SessionKind, side: Side | null, people: readonly P[]): P[] {
  const sides = sidesOf(kind, side);
  return people.filter((p) => sides.includes(p.side));
}

/** Checks of a new or moved session against the clock; the DTO has checked the shapes. */
export function scheduleProblems(input: { startsAt: Date; durationMinutes: number; meetingUrl?: string }, now: Date): FieldError[] {
  const errors: FieldError[] = [];
  if (input.startsAt.getTime() <= now.getTime()) {
    errors.push({ field: 'startsAt', rule: 'isFuture', message: `must be in the future (it is now ${now.toISOString()})` });
  }
  if (!Number.isInteger(input.durationMinutes) || input.durationMinutes < SESSION_LIMITS.minMinutes || input.durationMinutes > SESSION_LIMITS.maxMinutes) {
    errors.push({ field: 'durationMinutes', rule: 'range', message: `must be a whole number of minutes from ${SESSION_LIMITS.minMinutes} to ${SESSION_LIMITS.maxMinutes}` });
  }
  if (input.meetingUrl !== undefined) {
    const problem = meetingUrlProblem(input.meetingUrl);
    if (problem) errors.push({ field: 'meetingUrl', rule: 'isMeetingUrl', message: problem });
  }
  return errors;
}

export type MissingItem = 'account' | 'identity_verification' | 'sham_mediation_warning';

export interface StartBlocker {
  name: string;
  side: Side;
  capacity: RoomPerson['capacity'];
  userId: string | null;
  missing: MissingItem[];
}

/**
 * Before a session starts every party and agent taking part must be verified by real name and
 * must have acknowledged the current sham-mediation warning for this case (docs/procedural-rules.md A6; OLR 7,
 * OMR 17). A party with no account cannot take part online at all.
 */
export function startBlockers(participants: readonly RoomPerson[], warningVersion: string): StartBlocker[] {
  const blockers: StartBlocker[] = [];
  for (const p of participants) {
    const missing: MissingItem[] = [];
    if (p.userId === null) missing.push('account');
    else {
      if (!p.identityVerified) missing.push('identity_verification');
      if (p.warningVersion !== warningVersion) missing.push('sham_mediation_warning');
    }
    if (missing.length > 0) blockers.push({ name: p.name, side: p.side, capacity: p.capacity, userId: p.userId, missing });
  }
  return blockers;
}

const MISSING_WORDS: Record<MissingItem, string> = {
  account: 'has no account on the platform to take part online',
  identity_verification: 'has not completed real-name verification',
  sham_mediation_warning: 'has not acknowledged the sham-mediation warning',
};

/** One sentence naming who lacks what, for the problem's detail. */
export function describeBlockers(blockers: readonly StartBlocker[]): string {
  return blockers.map((b) => `${b.name} (${b.side}${b.capacity === 'agent' ? ' agent' : ''}) ${b.missing.map((m) => MISSING_WORDS[m]).join(' and ')}`).join('; ');
}

/** A party as the address-for-service guard sees it. */
export interface ServiceAddressParty {
  id: string;
  name: string;
  side: Side;
  /** When the party confirmed its addresses on the address-for-service form (ConfirmAddress). */
  addressConfirmedAt: Date | null;
  consentEService: boolean | null;
  eServiceBasis: string | null;
  email: string | null;
}

/** Where a case stands in the procedure: OMR 17's form is a pre-filing requirement. */
export interface CaseProcedure {
  source: CaseSource;
  referralType: ReferralType | null;
}

/** A case handled before filing (诉前): an online application, or a court's 诉前委派 referral. */
export const isPreFiling = (c: CaseProcedure): boolean => c.source === CaseSource.OnlineApplication || c.referralType === ReferralType.PreFiling;

/**
 * The address-for-service guard before the first session (docs/procedural-rules.md A6; OMR 17): in a
 * pre-filing case every party has an address for service it confirmed itself, or the first session
 * does not open. A party confirms it on the form (送达地址确认书, `PUT /cases/{id}/address-for-service`);
 * the applicant's own application counts as its form when it gave an e-service address with express
 * consent (the applicant typed and submitted it; a court records it with its referral as the 立案
 * form). A respondent never chose the address the applicant gave for it, so it must confirm.
 * Returns the parties still missing one, in order; empty when the session may open. Cases after
 * filing (委托) are in litigation, where the court took the form: nothing is asked here.
 */
export function addressForServiceMissing(c: CaseProcedure, parties: readonly ServiceAddressParty[], firstSession: boolean): ServiceAddressParty[] {
  if (!firstSession || !isPreFiling(c)) return [];
  const confirmed = (p: ServiceAddressParty): boolean =>
    p.addressConfirmedAt !== null || (p.side === 'applicant' && p.consentEService === true && p.eServiceBasis === EServiceConsentBasis.Express && p.email !== null);
  return parties.filter((p) => !confirmed(p));
}

export type SessionAction = 'reschedule' | 'cancel' | 'start' | 'join' | 'mark_absent' | 'end' | 'write_record' | 'confirm_record';

/** Actions that need the case to be in mediation now: the room is open only while it is. */
const NEEDS_MEDIATING: readonly SessionAction[] = ['reschedule', 'cancel', 'start', 'join'];

const ALLOWED_IN: Record<SessionAction, readonly SessionStatus[]> = {
  reschedule: [SessionStatus.Scheduled],
  cancel: [SessionStatus.Scheduled],
  start: [SessionStatus.Scheduled],
  join: [SessionStatus.InProgress],
  mark_absent: [SessionStatus.InProgress, SessionStatus.Ended],
  end: [SessionStatus.InProgress],
  write_record: [SessionStatus.Ended],
  confirm_record: [SessionStatus.Ended],
};

/** Why an action does not fit the session and the case now; undefined when it does. */
export function sessionActionRefusal(
  action: SessionAction,
  session: { status: SessionStatus; startsAt: Date; recordRevision: number; recordFrozenAt: Date | null },
  caseStatus: CaseStatus,
  now: Date,
): string | undefined {
  if (NEEDS_MEDIATING.includes(action) && caseStatus !== CaseStatus.Mediating) {
    return `sessions are held while the case is mediating; it is ${caseStatus}`;
  }
  if (!ALLOWED_IN[action].includes(session.status)) {
    return `the session is ${session.status.replace('_', ' ')}: it cannot ${action.replace('_', ' ')} (only when ${ALLOWED_IN[action].map((s) => s.replace('_', ' ')).join(' or ')})`;
  }
  if (action === 'start' && session.startsAt.getTime() - now.getTime() > SESSION_LIMITS.earlyStartMinutes * 60_000) {
    return `the session is set for ${session.startsAt.toISOString()}; it can be started from ${SESSION_LIMITS.earlyStartMinutes} minutes before that (reschedule it to start it now)`;
  }
  if ((action === 'write_record' || action === 'confirm_record') && session.recordFrozenAt) {
    return 'the record is confirmed by everyone and frozen: it cannot change';
  }
  if (action === 'confirm_record' && session.recordRevision === 0) return 'the mediator has not written the record yet';
  return undefined;
}

/**
 * Who confirms the record online (docs/procedural-rules.md B11): every party or agent who took part (joined).
 * Someone absent did not hear what the record says and cannot vouch for it; the mediator wrote
 * it, which is the mediator's confirmation.
 */
export function confirmersOf(participantUserIds: readonly string[], joinedUserIds: readonly string[]): string[] {
  return participantUserIds.filter((id) => joinedUserIds.includes(id));
}

/** Confirmers who have not confirmed this revision yet; empty means the record can be frozen. */
export function awaitingConfirmation(confirmers: readonly string[], confirmedThisRevision: readonly string[]): string[] {
  return confirmers.filter((id) => !confirmedThisRevision.includes(id));
}

/** What a confirmation binds to: this text, of this revision, of this session. */
export function recordHash(input: { sessionId: string; revision: number; text: string }): string {
  return createHash('sha256')
    .update(canonicalJson({ sessionId: input.sessionId, revision: input.revision, text: input.text }))
    .digest('hex');
}
