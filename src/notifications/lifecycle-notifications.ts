import { CaseEvent } from '../cases/lifecycle/case-lifecycle';

/**
 * Groups of people around a case. Respondents and their agents count only once the notice of
 * mediation has been served on them (as in the access policy): before that they may not even
 * know of the case.
 */
export enum Audience {
  ApplicantSide = 'applicant_side',
  RespondentSide = 'respondent_side',
  Mediator = 'mediator',
  /** The mediator a case is being offered to: the user id in the event's payload `mediatorId`. */
  OfferedMediator = 'offered_mediator',
  ReferringCourt = 'referring_court',
  ConfirmingCourt = 'confirming_court',
  /** Intake review and manual assignment: the platform's administrators. */
  Intake = 'intake',
}

const A = Audience;
const PARTIES = [A.ApplicantSide, A.RespondentSide];
/** Everyone taking part: the parties, the mediator and the referring court. */
const PARTICIPANTS = [...PARTIES, A.Mediator, A.ReferringCourt];

/**
 * Who hears about each lifecycle event: the one place that says so. The person who caused the
 * event is never told about it. The template of each event is the event's own (see
 * notification-templates.ts); an empty list means nobody is told.
 */
export const LIFECYCLE_AUDIENCES: Readonly<Record<CaseEvent, readonly Audience[]>> = {
  // Intake
  [CaseEvent.Submit]: [A.Intake],
  [CaseEvent.Accept]: [A.ApplicantSide, A.ReferringCourt],
  [CaseEvent.RequestCorrection]: [A.ApplicantSide],
  [CaseEvent.Resubmit]: [A.Intake],
  [CaseEvent.CorrectionExpired]: [A.ApplicantSide, A.ReferringCourt],
  [CaseEvent.Reject]: [A.ApplicantSide, A.ReferringCourt],
  [CaseEvent.Withdraw]: [...PARTICIPANTS, A.Intake],
  // Assignment
  [CaseEvent.OfferToMediator]: [A.OfferedMediator],
  [CaseEvent.MediatorAccept]: [...PARTIES, A.ReferringCourt],
  [CaseEvent.MediatorDecline]: [A.Intake],
  [CaseEvent.OfferExpired]: [A.Intake],
  [CaseEvent.FlagForManualAssignment]: [A.Intake],
  [CaseEvent.MediatorRecuse]: [...PARTIES, A.ReferringCourt, A.Intake],
  [CaseEvent.Reassign]: [...PARTICIPANTS],
  // Respondent's consent
  [CaseEvent.RespondentAgree]: [A.ApplicantSide, A.Mediator],
  [CaseEvent.StartMediation]: [...PARTICIPANTS],
  [CaseEvent.RespondentDecline]: [A.ApplicantSide, A.Mediator, A.ReferringCourt],
  // Staff are told when service never became effective (issue 7): they may serve offline.
  [CaseEvent.RespondentUnreachable]: [A.ApplicantSide, A.Mediator, A.ReferringCourt, A.Intake],
  // Mediation
  [CaseEvent.PausePeriod]: [...PARTICIPANTS],
  [CaseEvent.ResumePeriod]: [...PARTICIPANTS],
  [CaseEvent.ExtendPeriod]: [...PARTICIPANTS],
  [CaseEvent.PeriodExpired]: [...PARTICIPANTS],
  [CaseEvent.ProposeAgreement]: [...PARTIES],
  [CaseEvent.Terminate]: [...PARTICIPANTS],
  // Signing
  [CaseEvent.Sign]: [...PARTIES, A.Mediator],
  [CaseEvent.AgreementEffective]: [...PARTICIPANTS],
  [CaseEvent.RefuseToSign]: [...PARTIES, A.Mediator],
  [CaseEvent.ReviseAgreement]: [...PARTIES],
  // Judicial confirmation
  [CaseEvent.ApplyConfirmation]: [...PARTIES, A.Mediator, A.ConfirmingCourt],
  [CaseEvent.CourtDocket]: [...PARTIES, A.Mediator],
  [CaseEvent.CourtDecline]: [...PARTIES, A.Mediator],
  [CaseEvent.RequestSupplement]: [...PARTIES, A.Mediator],
  [CaseEvent.SupplementExpired]: [...PARTIES, A.Mediator, A.ConfirmingCourt],
  [CaseEvent.WithdrawConfirmation]: [...PARTIES, A.Mediator, A.ConfirmingCourt],
  [CaseEvent.Confirm]: [...PARTIES, A.Mediator],
  [CaseEvent.RejectConfirmation]: [...PARTIES, A.Mediator],
  [CaseEvent.ResumeMediation]: [...PARTIES, A.Mediator],
  [CaseEvent.CloseUnconfirmed]: [...PARTIES, A.Mediator],
  [CaseEvent.SupplementMaterials]: [...PARTIES, A.Mediator, A.ConfirmingCourt],
  // Performance
  [CaseEvent.ObligationsFulfilled]: [...PARTICIPANTS],
  [CaseEvent.DeclareDefault]: [...PARTICIPANTS],
  // Archive: nobody needs to act.
  [CaseEvent.Archive]: [],
};

/** The people behind each audience of one case (user ids), as loaded from the database. */
export interface CaseAudiences {
  applicantSide: string[];
  /** Respondents and their agents who have accounts, whether or not they were served yet. */
  respondentSide: string[];
  respondentsServed: boolean;
  mediator: string | null;
  offeredMediator: string | null;
  referringCourtStaff: string[];
  confirmingCourtStaff: string[];
  intake: string[];
}

/**
 * The user ids to notify: the audiences' members, each once, without the person who caused the
 * event. Pure.
 */
export function resolveRecipients(audiences: readonly Audience[], people: CaseAudiences, actorUserId: string | null): string[] {
  const ids = new Set<string>();
  const add = (list: readonly (string | null)[]): void => list.forEach((id) => id && ids.add(id));
  for (const audience of audiences) {
    switch (audience) {
      case Audience.ApplicantSide:
        add(people.applicantSide);
        break;
      case Audience.RespondentSide:
        if (people.respondentsServed) add(people.respondentSide);
        break;
      case Audience.Mediator:
        add([people.mediator]);
        break;
      case Audience.OfferedMediator:
        add([people.offeredMediator]);
        break;
      case Audience.ReferringCourt:
        add(people.referringCourtStaff);
        break;
      case Audience.ConfirmingCourt:
        add(people.confirmingCourtStaff);
        break;
      case Audience.Intake:
        add(people.intake);
        break;
    }
  }
  if (actorUserId) ids.delete(actorUserId);
  return [...ids];
}

export type Channel = 'in_app' | 'email' | 'sms';

/** In-app always; e-mail to anyone with an address; SMS for the urgent templates, to anyone with a number. */
export function channelsFor(recipient: { email: string | null; phone: string | null }, smsWorthy: boolean): Channel[] {
  const channels: Channel[] = ['in_app'];
  if (recipient.email) channels.push('email');
  if (smsWorthy && recipient.phone) channels.push('sms');
  return channels;
}
