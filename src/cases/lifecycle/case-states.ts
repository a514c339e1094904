/** Every state a case can be in (DESIGN.md §3). */
export enum CaseStatus {
  Draft = 'draft',
  Submitted = 'submitted',
  NeedsCorrection = 'needs_correction',
  Assigning = 'assigning',
  AwaitingRespondent = 'awaiting_respondent',
  Mediating = 'mediating',
  Signing = 'signing',
  Settled = 'settled',
  ConfirmationRequested = 'confirmation_requested',
  UnderCourtReview = 'under_court_review',
  ConfirmationRejected = 'confirmation_rejected',
  Confirmed = 'confirmed',
  Closed = 'closed',
  Archived = 'archived',
}

/** How a closed case ended. */
export enum CaseOutcome {
  RejectedAtIntake = 'rejected_at_intake',
  NotCorrected = 'not_corrected',
  Withdrawn = 'withdrawn',
  RespondentDeclined = 'respondent_declined',
  RespondentUnreachable = 'respondent_unreachable',
  MediationFailed = 'mediation_failed',
  /** Settled, confirmation refused or not sought, and the parties closed the case. */
  SettledWithoutConfirmation = 'settled_without_confirmation',
  Fulfilled = 'fulfilled',
  Defaulted = 'defaulted',
}

/** Outcomes after which a court referral goes back to the court (OMR 15, OMR 21, 特邀 26). */
export const RETURNS_TO_COURT: readonly CaseOutcome[] = [
  CaseOutcome.RejectedAtIntake,
  CaseOutcome.NotCorrected,
  CaseOutcome.Withdrawn,
  CaseOutcome.RespondentDeclined,
  CaseOutcome.RespondentUnreachable,
  CaseOutcome.MediationFailed,
];

export enum CaseSource {
  OnlineApplication = 'online_application',
  CourtReferral = 'court_referral',
}

/**
 * 诉前委派 (pre-filing) or 委托 (post-filing, by procedure). Decides the mediation period
 * (docs/procedural-rules.md B7) and where a failed case goes.
 */
export enum ReferralType {
  PreFiling = 'pre_filing',
  PostFilingOrdinary = 'post_filing_ordinary',
  PostFilingSimplified = 'post_filing_simplified',
}
