import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
import { Audience } from '../notifications/lifecycle-notifications';
import type { StatutoryPeriods } from './statutory-periods';
import type { Period } from './working-day-calendar';

/** The timers a case can run. Each fires one lifecycle event when it falls due. */
export enum DeadlineKind {
  Correction = 'correction',
  MediatorOffer = 'mediator_offer',
  RespondentConsent = 'respondent_consent',
  MediationPeriod = 'mediation_period',
  Supplement = 'supplement',
}

export interface DeadlineKindSpec {
  /** The `timer` transition fired at the due time. */
  event: CaseEvent;
  /** The state the deadline belongs to: a transition out of it cancels the deadline. */
  state: CaseStatus;
  /**
   * States the deadline outlives, paused by LIFECYCLE_DEADLINES (the mediation period while an
   * agreement is out for signature, docs/procedural-rules.md B7): leaving `state` for one of these keeps it.
   */
  survives?: readonly CaseStatus[];
  period: (periods: StatutoryPeriods, c: { referralType: ReferralType | null }) => Period;
  /** Who is reminded before the last day (REMINDER_WORKING_DAYS_BEFORE). */
  remind: readonly Audience[];
}

export const DEADLINE_KINDS: Readonly<Record<DeadlineKind, DeadlineKindSpec>> = {
  [DeadlineKind.Correction]: {
    event: CaseEvent.CorrectionExpired,
    state: CaseStatus.NeedsCorrection,
    period: (p) => p.correction,
    remind: [Audience.ApplicantSide],
  },
  [DeadlineKind.MediatorOffer]: {
    event: CaseEvent.OfferExpired,
    state: CaseStatus.Assigning,
    period: (p) => p.mediatorAccept,
    remind: [Audience.Mediator],
  },
  [DeadlineKind.RespondentConsent]: {
    event: CaseEvent.RespondentUnreachable,
    state: CaseStatus.AwaitingRespondent,
    period: (p) => p.respondentConsent,
    remind: [Audience.RespondentSide],
  },
  [DeadlineKind.MediationPeriod]: {
    event: CaseEvent.PeriodExpired,
    state: CaseStatus.Mediating,
    survives: [CaseStatus.Signing],
    period: (p, c) =>
      c.referralType === ReferralType.PostFilingOrdinary
        ? p.mediationPostFilingOrdinary
        : c.referralType === ReferralType.PostFilingSimplified
          ? p.mediationPostFilingSimplified
          : p.mediationPreFiling,
    remind: [Audience.ApplicantSide, Audience.RespondentSide, Audience.Mediator],
  },
  [DeadlineKind.Supplement]: {
    event: CaseEvent.SupplementExpired,
    state: CaseStatus.UnderCourtReview,
    period: (p) => p.supplement,
    remind: [Audience.ApplicantSide, Audience.RespondentSide],
  },
};

/**
 * What each lifecycle event does to deadlines, besides the rule that leaving a state cancels
 * the deadlines that belong to it. `start` replaces a running deadline of the same kind.
 */
export const LIFECYCLE_DEADLINES: Partial<Record<CaseEvent, { start?: DeadlineKind; cancel?: DeadlineKind; pause?: DeadlineKind; resume?: DeadlineKind; extend?: DeadlineKind }>> = {
  [CaseEvent.RequestCorrection]: { start: DeadlineKind.Correction },
  [CaseEvent.OfferToMediator]: { start: DeadlineKind.MediatorOffer },
  [CaseEvent.MediatorDecline]: { cancel: DeadlineKind.MediatorOffer },
  [CaseEvent.FlagForManualAssignment]: { cancel: DeadlineKind.MediatorOffer },
  [CaseEvent.MediatorAccept]: { start: DeadlineKind.RespondentConsent },
  [CaseEvent.StartMediation]: { start: DeadlineKind.MediationPeriod },
  [CaseEvent.PausePeriod]: { pause: DeadlineKind.MediationPeriod },
  [CaseEvent.ResumePeriod]: { resume: DeadlineKind.MediationPeriod },
  [CaseEvent.ExtendPeriod]: { extend: DeadlineKind.MediationPeriod },
  // Signing does not use up the mediation period; going back to mediation resumes what was left.
  [CaseEvent.ProposeAgreement]: { pause: DeadlineKind.MediationPeriod },
  [CaseEvent.ReviseAgreement]: { resume: DeadlineKind.MediationPeriod },
  [CaseEvent.RequestSupplement]: { start: DeadlineKind.Supplement },
  [CaseEvent.SupplementMaterials]: { cancel: DeadlineKind.Supplement },
};

/** Kinds a transition from `from` to `to` ends because it leaves their state. */
export function kindsEndedBy(from: CaseStatus, to: CaseStatus): DeadlineKind[] {
  if (from === to) return [];
  return (Object.keys(DEADLINE_KINDS) as DeadlineKind[]).filter((k) => {
    const alive = [DEADLINE_KINDS[k].state, ...(DEADLINE_KINDS[k].survives ?? [])];
    return alive.includes(from) && !alive.includes(to);
  });
}
