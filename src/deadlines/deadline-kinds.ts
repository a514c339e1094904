import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { CaseStatus, ReferralType } from '../cases/lifecycle/case-states';
import { argumentList } from '../cases/lifecycle/transition-effects';
import { Audience } from '../notifications/lifecycle-notifications';
import type { StatutoryPeriods } from './statutory-periods';
import type { Period } from '../infrastructure/calendar/working-day-calendar';

/** The timers a case can run. Each fires one lifecycle event when it falls due. */
export enum DeadlineKind {
  Correction = 'correction',
  MediatorOffer = 'mediator_offer',
  JointNomination = 'joint_nomination',
  Designation = 'designation',
  RespondentConsent = 'respondent_consent',
  MediationPeriod = 'mediation_period',
  Supplement = 'supplement',
  /** The court's 3 days to docket or decline a lodged application (2011 Prov. 4; docs/procedural-rules.md D20). */
  CourtDocket = 'court_docket',
  /** The court's 15 days (+10 with approval) to decide a docketed one (2011 Prov. 5; docs/procedural-rules.md D20). */
  CourtDecision = 'court_decision',
}

export interface DeadlineKindSpec {
  /** The `timer` transition fired at the due time. */
  event: CaseEvent;
  /** The state the deadline belongs to: a transition out of it cancels the deadline. */
  state: CaseStatus;
  /**
   * Other states the deadline runs in: the mediation period starts at the mediator's acceptance, while the
   * respondents are still answering, and stands paused (the table's `deadlines.pause`) while an agreement is
   * out for signature (docs/procedural-rules.md B7). Moving between these and `state` keeps it.
   */
  survives?: readonly CaseStatus[];
  period: (periods: StatutoryPeriods, c: { referralType: ReferralType | null }) => Period;
  /** Who is reminded before the last day. */
  remind: readonly Audience[];
  /** The setting that holds how many working days before the last day they are reminded (default REMINDER_WORKING_DAYS_BEFORE). */
  reminderSetting?: ReminderSetting;
}

/** Settings that hold a reminder's lead time in working days. */
export type ReminderSetting = 'REMINDER_WORKING_DAYS_BEFORE' | 'COURT_REMINDER_WORKING_DAYS_BEFORE';

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
  // The parties' window to choose jointly: its end closes nominations and starts the designation period.
  [DeadlineKind.JointNomination]: {
    event: CaseEvent.NominationWindowClosed,
    state: CaseStatus.Assigning,
    period: (p) => p.jointNomination,
    remind: [Audience.ApplicantSide, Audience.RespondentSide],
  },
  // The platform's (or court's) time to have a mediator in place: its end flags the case for administrators.
  [DeadlineKind.Designation]: {
    event: CaseEvent.DesignationExpired,
    state: CaseStatus.Assigning,
    period: (p) => p.designation,
    remind: [Audience.Intake],
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
    survives: [CaseStatus.AwaitingRespondent, CaseStatus.Signing],
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
  // The court's own deadlines: passing them changes no state, it marks the application overdue and tells the court.
  [DeadlineKind.CourtDocket]: {
    event: CaseEvent.CourtDocketOverdue,
    state: CaseStatus.ConfirmationRequested,
    period: (p) => p.courtDocket,
    remind: [Audience.ConfirmingCourt],
    reminderSetting: 'COURT_REMINDER_WORKING_DAYS_BEFORE',
  },
  [DeadlineKind.CourtDecision]: {
    event: CaseEvent.CourtDecisionOverdue,
    state: CaseStatus.UnderCourtReview,
    period: (p) => p.courtDecision,
    remind: [Audience.ConfirmingCourt],
    reminderSetting: 'COURT_REMINDER_WORKING_DAYS_BEFORE',
  },
};

/** The argument of a `deadlines.*:` effect in the transition table: one kind or several joined by `+`. */
export function parseDeadlineKinds(argument: string | undefined): DeadlineKind[] {
  return argumentList(argument).map((name) => {
    if (!Object.values(DeadlineKind).includes(name as DeadlineKind)) throw new Error(`"${name}" is not a deadline kind (${Object.values(DeadlineKind).join(', ')})`);
    return name as DeadlineKind;
  });
}

/** The argument of an effect on exactly one deadline kind (start, pause, resume, extend). */
export function parseDeadlineKind(argument: string | undefined): DeadlineKind {
  const kinds = parseDeadlineKinds(argument);
  if (kinds.length !== 1) throw new Error(`"${argument}" must name exactly one deadline kind`);
  return kinds[0];
}

/**
 * Kinds a transition from `from` to `to` ends because it leaves their state. The table names
 * these as `deadlines.cancel:` effects; a unit test checks no row forgets one.
 */
export function kindsEndedBy(from: CaseStatus, to: CaseStatus): DeadlineKind[] {
  if (from === to) return [];
  return (Object.keys(DEADLINE_KINDS) as DeadlineKind[]).filter((k) => {
    const alive = [DEADLINE_KINDS[k].state, ...(DEADLINE_KINDS[k].survives ?? [])];
    return alive.includes(from) && !alive.includes(to);
  });
}
