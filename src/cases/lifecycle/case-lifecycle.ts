import { ANY_PARTY, APPLICANT_SIDE, CaseRole, RESPONDENT_SIDE } from './case-roles';
import { CaseOutcome, CaseSource, CaseStatus, ReferralType } from './case-states';

/** Everything that can happen to a case's state. */
export enum CaseEvent {
  // Intake (docs/procedural-rules.md A)
  Submit = 'submit',
  Accept = 'accept',
  RequestCorrection = 'request_correction',
  Resubmit = 'resubmit',
  CorrectionExpired = 'correction_expired',
  Reject = 'reject',
  Withdraw = 'withdraw',
  // Assignment (A4, A5)
  OfferToMediator = 'offer_to_mediator',
  MediatorAccept = 'mediator_accept',
  MediatorDecline = 'mediator_decline',
  OfferExpired = 'offer_expired',
  FlagForManualAssignment = 'flag_for_manual_assignment',
  NominationWindowClosed = 'nomination_window_closed',
  DesignationExpired = 'designation_expired',
  MediatorRecuse = 'mediator_recuse',
  Reassign = 'reassign',
  // Respondent's consent (A3)
  RespondentAgree = 'respondent_agree',
  StartMediation = 'start_mediation',
  RespondentDecline = 'respondent_decline',
  RespondentUnreachable = 'respondent_unreachable',
  // Mediation period (B7, B8)
  PausePeriod = 'pause_period',
  ResumePeriod = 'resume_period',
  ExtendPeriod = 'extend_period',
  PeriodExpired = 'period_expired',
  ProposeAgreement = 'propose_agreement',
  Terminate = 'terminate',
  // Signing (C12)
  Sign = 'sign',
  AgreementEffective = 'agreement_effective',
  RefuseToSign = 'refuse_to_sign',
  ReviseAgreement = 'revise_agreement',
  // Judicial confirmation (D)
  ApplyConfirmation = 'apply_confirmation',
  CourtDocket = 'court_docket',
  CourtDecline = 'court_decline',
  RequestSupplement = 'request_supplement',
  SupplementExpired = 'supplement_expired',
  WithdrawConfirmation = 'withdraw_confirmation',
  Confirm = 'confirm',
  RejectConfirmation = 'reject_confirmation',
  ResumeMediation = 'resume_mediation',
  CloseUnconfirmed = 'close_unconfirmed',
  SupplementMaterials = 'supplement_materials',
  ExtendDecision = 'extend_decision',
  CourtDocketOverdue = 'court_docket_overdue',
  CourtDecisionOverdue = 'court_decision_overdue',
  // Performance (E)
  ObligationsFulfilled = 'obligations_fulfilled',
  DeclareDefault = 'declare_default',
  // Archiving (G)
  Archive = 'archive',
}

/**
 * - api: fired through POST /cases/{id}/transitions by the people in `by`.
 * - feature: fired by the feature that owns the step (assignment, service of process,
 *   mediation, agreements, confirmation, performance), with its own payload and checks.
 * - timer: fired by a deadline job; never by a person.
 */
export type Trigger = 'api' | 'feature' | 'timer';

/** What the guards see: the case's state plus the facts the feature services computed. */
export interface GuardContext {
  status: CaseStatus;
  source: CaseSource;
  referralType: ReferralType | null;
  /** Fields and consents an application still lacks (docs/procedural-rules.md A2); empty when complete. */
  missingForSubmission: string[];
  /** Facts a feature service supplies for its own transitions (e.g. allRespondentsAgreed). */
  facts: Record<string, unknown>;
}

export type Guard = (ctx: GuardContext) => string | undefined;

export interface Transition {
  event: CaseEvent;
  from: readonly CaseStatus[];
  to: CaseStatus;
  by: readonly CaseRole[];
  trigger: Trigger;
  /** Set on the case when the transition closes it. */
  outcome?: CaseOutcome;
  guard?: Guard;
  /** One line for people: shown in the diagram and the API's available actions. */
  summary: string;
  /**
   * What the transition causes, in order, inside its transaction: `handler` or
   * `handler:argument` (see transition-effects.ts for the vocabulary). Each name has exactly one
   * handler, registered with @TransitionEffect by the feature that owns it; the app refuses to
   * start otherwise. This is the whole behaviour of the loop: nothing else reacts to a transition.
   */
  effects: readonly string[];
}

const S = CaseStatus;
const R = CaseRole;

const complete: Guard = (ctx) => (ctx.missingForSubmission.length > 0 ? `The application is incomplete: ${ctx.missingForSubmission.join('; ')}` : undefined);

const fact =
  (name: string, reason: string): Guard =>
  (ctx) =>
    ctx.facts[name] === true ? undefined : reason;

/** Before mediation starts only the applicant can withdraw; the respondent declines instead. */
const APPLICANT_WITHDRAWABLE = [S.Draft, S.Submitted, S.NeedsCorrection, S.Assigning, S.AwaitingRespondent] as const;

/**
 * The case lifecycle: the single truth for what can happen to a case, in which state, by whom.
 * The API's available actions, the transition endpoint, the deadline jobs and the diagram in
 * docs/lifecycle.md all read this table. One row per line, left alone by Prettier, so it reads as a table.
 */
// prettier-ignore
export const TRANSITIONS: readonly Transition[] = [
  // ── Intake ────────────────────────────────────────────────────────────────────────────
  { event: CaseEvent.Submit, from: [S.Draft], to: S.Submitted, by: APPLICANT_SIDE, trigger: 'api', guard: complete, summary: 'Applicant submits the application for intake review', effects: ['notify:intake'] },
  { event: CaseEvent.Accept, from: [S.Submitted], to: S.Assigning, by: [R.Intake, R.System], trigger: 'api', summary: 'Intake accepts the case (or the system, for court referrals when configured); matching starts', effects: ['notify:applicant_side+referring_court', 'assignment.offerNext', 'deadlines.start:joint_nomination', 'webhooks.enqueue:accepted'] },
  { event: CaseEvent.RequestCorrection, from: [S.Submitted], to: S.NeedsCorrection, by: [R.Intake], trigger: 'api', summary: 'Intake asks the applicant to correct the application by a deadline', effects: ['notify:applicant_side', 'deadlines.start:correction'] },
  { event: CaseEvent.Resubmit, from: [S.NeedsCorrection], to: S.Submitted, by: APPLICANT_SIDE, trigger: 'api', guard: complete, summary: 'Applicant resubmits the corrected application', effects: ['notify:intake', 'deadlines.cancel:correction'] },
  { event: CaseEvent.CorrectionExpired, from: [S.NeedsCorrection], to: S.Closed, by: [R.System], trigger: 'timer', outcome: CaseOutcome.NotCorrected, summary: 'Correction deadline passed', effects: ['notify:applicant_side+referring_court', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:correction', 'webhooks.enqueue:closed'] },
  { event: CaseEvent.Reject, from: [S.Submitted], to: S.Closed, by: [R.Intake], trigger: 'api', outcome: CaseOutcome.RejectedAtIntake, summary: 'Intake rejects the application, with reasons', effects: ['notify:applicant_side+referring_court', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'webhooks.enqueue:closed'] },
  { event: CaseEvent.Withdraw, from: APPLICANT_WITHDRAWABLE, to: S.Closed, by: APPLICANT_SIDE, trigger: 'api', outcome: CaseOutcome.Withdrawn, summary: 'The applicant withdraws the application', effects: ['notify:participants+intake', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:correction+mediator_offer+joint_nomination+designation+respondent_consent+mediation_period', 'webhooks.enqueue:closed'] },
  { event: CaseEvent.Withdraw, from: [S.Mediating], to: S.Closed, by: ANY_PARTY, trigger: 'api', outcome: CaseOutcome.Withdrawn, summary: 'A party withdraws from the mediation (rule B8)', effects: ['notify:participants+intake', 'messages.sealTranscripts', 'sessions.cancelScheduled', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:mediation_period', 'period.close', 'failureReport.issue', 'webhooks.enqueue:closed'] },

  // ── Smart assignment (docs/procedural-rules.md A4, A5) ─────────────────────────────────
  { event: CaseEvent.OfferToMediator, from: [S.Assigning], to: S.Assigning, by: [R.System, R.Admin], trigger: 'feature', summary: 'The case is offered to the best eligible mediator (or one an admin or the parties chose)', effects: ['notify:offered_mediator', 'deadlines.start:mediator_offer'] },
  { event: CaseEvent.MediatorAccept, from: [S.Assigning], to: S.AwaitingRespondent, by: [R.OfferedMediator], trigger: 'feature', guard: fact('disclosureSigned', 'The mediator must sign the conflict-of-interest disclosure'), summary: 'Mediator accepts (3 working days); the notice of mediation is served and the mediation period starts (rule B7)', effects: ['notify:parties+referring_court', 'serviceOfProcess.serveNoticeOfMediation', 'deadlines.cancel:mediator_offer+joint_nomination+designation', 'deadlines.start:respondent_consent', 'deadlines.start:mediation_period', 'webhooks.enqueue:mediator_assigned'] },
  { event: CaseEvent.MediatorDecline, from: [S.Assigning], to: S.Assigning, by: [R.OfferedMediator], trigger: 'feature', summary: 'Mediator declines with a reason; the next candidate is offered', effects: ['notify:intake', 'assignment.offerNext', 'deadlines.cancel:mediator_offer'] },
  { event: CaseEvent.OfferExpired, from: [S.Assigning], to: S.Assigning, by: [R.System], trigger: 'timer', summary: 'Mediator did not answer in 3 working days; the next candidate is offered', effects: ['notify:intake', 'assignment.expireOffer', 'assignment.offerNext'] },
  { event: CaseEvent.FlagForManualAssignment, from: [S.Assigning], to: S.Assigning, by: [R.System], trigger: 'feature', summary: 'No eligible mediator left: flagged for manual assignment, admins told', effects: ['notify:intake', 'deadlines.cancel:mediator_offer'] },
  { event: CaseEvent.NominationWindowClosed, from: [S.Assigning], to: S.Assigning, by: [R.System], trigger: 'timer', summary: 'The parties’ 2 working days to choose a mediator jointly are over; the platform designates one within 3 more (rule A4)', effects: ['notify:parties', 'deadlines.start:designation'] },
  { event: CaseEvent.DesignationExpired, from: [S.Assigning], to: S.Assigning, by: [R.System], trigger: 'timer', summary: 'No mediator accepted within the designation period (rule A4): flagged for manual assignment, admins told', effects: ['notify:intake', 'assignment.flagForManualAssignment'] },
  { event: CaseEvent.MediatorRecuse, from: [S.AwaitingRespondent, S.Mediating], to: S.Assigning, by: [R.Mediator], trigger: 'feature', summary: 'Mediator recuses (rule A5); the case is re-assigned', effects: ['notify:parties+referring_court+intake', 'sessions.cancelScheduled', 'assignment.releaseOutgoingMediator', 'assignment.offerNext', 'deadlines.start:designation', 'deadlines.cancel:respondent_consent+mediation_period', 'period.close'] },
  { event: CaseEvent.Reassign, from: [S.AwaitingRespondent, S.Mediating], to: S.Assigning, by: [R.Admin], trigger: 'feature', summary: 'Admin re-assigns the case, with a reason', effects: ['notify:participants', 'sessions.cancelScheduled', 'assignment.releaseOutgoingMediator', 'assignment.offerNext', 'deadlines.start:designation', 'deadlines.cancel:respondent_consent+mediation_period', 'period.close'] },

  // ── Respondent's consent (docs/procedural-rules.md A3) ─────────────────────────────────
  { event: CaseEvent.RespondentAgree, from: [S.AwaitingRespondent], to: S.AwaitingRespondent, by: RESPONDENT_SIDE, trigger: 'feature', summary: 'A respondent agrees to mediate', effects: ['notify:applicant_side+mediator'] },
  { event: CaseEvent.StartMediation, from: [S.AwaitingRespondent], to: S.Mediating, by: [R.System], trigger: 'feature', guard: fact('allRespondentsAgreed', 'Every respondent must agree to mediate first'), summary: 'All respondents agreed: mediation starts (its period runs since the mediator accepted)', effects: ['notify:participants', 'deadlines.cancel:respondent_consent'] },
  { event: CaseEvent.RespondentDecline, from: [S.AwaitingRespondent], to: S.Closed, by: RESPONDENT_SIDE, trigger: 'feature', outcome: CaseOutcome.RespondentDeclined, summary: 'A respondent declines (court referrals go back to the court)', effects: ['notify:applicant_side+mediator+referring_court', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:respondent_consent+mediation_period', 'webhooks.enqueue:failed+closed'] },
  { event: CaseEvent.RespondentUnreachable, from: [S.AwaitingRespondent], to: S.Closed, by: [R.System], trigger: 'timer', outcome: CaseOutcome.RespondentUnreachable, summary: 'No answer or no effective service within 3 working days', effects: ['notify:applicant_side+mediator+referring_court+intake', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:respondent_consent+mediation_period', 'webhooks.enqueue:failed+closed'] },

  // ── Mediation (docs/procedural-rules.md B) ─────────────────────────────────────────────
  { event: CaseEvent.PausePeriod, from: [S.Mediating], to: S.Mediating, by: [R.Mediator], trigger: 'feature', summary: 'Period paused for appraisal or valuation (rule B7)', effects: ['notify:participants', 'deadlines.pause:mediation_period'] },
  { event: CaseEvent.ResumePeriod, from: [S.Mediating], to: S.Mediating, by: [R.Mediator, R.System], trigger: 'feature', summary: 'Period resumes', effects: ['notify:participants', 'deadlines.resume:mediation_period'] },
  { event: CaseEvent.ExtendPeriod, from: [S.Mediating], to: S.Mediating, by: [R.Mediator, R.System], trigger: 'feature', guard: fact('allPartiesConsented', 'Every party must consent to the extension'), summary: 'Period extended when the last party consents to the mediator’s proposal', effects: ['notify:participants', 'deadlines.extend:mediation_period'] },
  { event: CaseEvent.PeriodExpired, from: [S.AwaitingRespondent], to: S.Closed, by: [R.System], trigger: 'timer', outcome: CaseOutcome.RespondentUnreachable, summary: 'Period ran out before every respondent agreed (a short period over holidays): a party unreachable within the period (rule B8)', effects: ['notify:applicant_side+mediator+referring_court+intake', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:respondent_consent+mediation_period', 'webhooks.enqueue:failed+closed'] },
  { event: CaseEvent.PeriodExpired, from: [S.Mediating], to: S.Closed, by: [R.System], trigger: 'timer', outcome: CaseOutcome.MediationFailed, summary: 'Period expired without an agreed extension', effects: ['notify:participants', 'messages.sealTranscripts', 'sessions.cancelScheduled', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:mediation_period', 'period.close', 'failureReport.issue', 'webhooks.enqueue:failed+closed'] },
  { event: CaseEvent.ProposeAgreement, from: [S.Mediating], to: S.Signing, by: [R.Mediator], trigger: 'feature', summary: 'Mediator freezes the agreement text for signature', effects: ['notify:parties', 'sessions.cancelScheduled', 'deadlines.pause:mediation_period', 'period.close'] },
  { event: CaseEvent.Terminate, from: [S.Mediating, S.Signing], to: S.Closed, by: [R.Mediator], trigger: 'feature', outcome: CaseOutcome.MediationFailed, summary: 'Mediator ends the mediation with a reason (rule B8); failure report served', effects: ['notify:participants', 'messages.sealTranscripts', 'agreements.voidSigningVersion', 'sessions.cancelScheduled', 'assignment.releaseMediator', 'archive.schedule', 'deadlines.cancel:mediation_period', 'period.close', 'failureReport.issue', 'webhooks.enqueue:failed+closed'] },

  // ── Signing (docs/procedural-rules.md C12) ─────────────────────────────────────────────
  { event: CaseEvent.Sign, from: [S.Signing], to: S.Signing, by: [...ANY_PARTY, R.Mediator], trigger: 'feature', summary: 'A party or the mediator e-signs the frozen version', effects: ['notify:parties+mediator'] },
  { event: CaseEvent.AgreementEffective, from: [S.Signing], to: S.Settled, by: [R.System], trigger: 'feature', guard: fact('allSigned', 'Every party and the mediator must sign'), summary: 'Last signature: the agreement takes effect', effects: ['notify:participants', 'deadlines.cancel:mediation_period', 'performance.track', 'agreements.fileWithReferringCourt', 'webhooks.enqueue:settled'] },
  { event: CaseEvent.RefuseToSign, from: [S.Signing], to: S.Signing, by: ANY_PARTY, trigger: 'feature', summary: 'A party refuses to sign; the mediator revises or terminates', effects: ['notify:parties+mediator'] },
  { event: CaseEvent.ReviseAgreement, from: [S.Signing], to: S.Mediating, by: [R.Mediator], trigger: 'feature', summary: 'Back to mediation; all signatures void', effects: ['notify:parties', 'agreements.voidSigningVersion', 'deadlines.resume:mediation_period'] },

  // ── Judicial confirmation (docs/procedural-rules.md D) ────────────────────────────────
  { event: CaseEvent.ApplyConfirmation, from: [S.Settled], to: S.ConfirmationRequested, by: ANY_PARTY, trigger: 'feature', guard: fact('confirmable', 'Every party must consent, within 30 days of effect, and the agreement must not confirm ownership'), summary: 'Joint application to a court within 30 days', effects: ['notify:parties+mediator+confirming_court', 'deadlines.start:court_docket'] },
  { event: CaseEvent.CourtDocket, from: [S.ConfirmationRequested], to: S.UnderCourtReview, by: [R.ConfirmingCourt, R.ConfirmingJudge], trigger: 'feature', summary: 'Court dockets it (调确字 number) within 3 days; its 15 days to decide start', effects: ['notify:parties+mediator', 'deadlines.cancel:court_docket', 'deadlines.start:court_decision'] },
  { event: CaseEvent.CourtDecline, from: [S.ConfirmationRequested], to: S.Settled, by: [R.ConfirmingCourt, R.ConfirmingJudge], trigger: 'feature', summary: 'Court declines (jurisdiction), with a reason', effects: ['notify:parties+mediator', 'deadlines.cancel:court_docket', 'performance.closeIfFulfilled'] },
  { event: CaseEvent.RequestSupplement, from: [S.UnderCourtReview], to: S.UnderCourtReview, by: [R.ConfirmingCourt, R.ConfirmingJudge], trigger: 'feature', summary: 'Court asks for supplementary materials by a deadline', effects: ['notify:parties+mediator', 'deadlines.start:supplement'] },
  { event: CaseEvent.SupplementExpired, from: [S.UnderCourtReview], to: S.Settled, by: [R.System], trigger: 'timer', summary: 'Not supplemented in time: treated as withdrawn (Interp. 357)', effects: ['notify:parties+mediator+confirming_court', 'deadlines.cancel:supplement+court_decision', 'confirmation.expireApplication', 'performance.closeIfFulfilled'] },
  { event: CaseEvent.WithdrawConfirmation, from: [S.ConfirmationRequested, S.UnderCourtReview], to: S.Settled, by: ANY_PARTY, trigger: 'feature', summary: 'Parties withdraw the application before the ruling', effects: ['notify:parties+mediator+confirming_court', 'deadlines.cancel:supplement+court_docket+court_decision', 'performance.closeIfFulfilled'] },
  { event: CaseEvent.Confirm, from: [S.UnderCourtReview], to: S.Confirmed, by: [R.ConfirmingJudge], trigger: 'feature', summary: 'Judge rules the agreement valid: enforceable', effects: ['notify:parties+mediator', 'deadlines.cancel:supplement+court_decision', 'webhooks.enqueue:confirmed', 'performance.closeIfFulfilled'] },
  { event: CaseEvent.RejectConfirmation, from: [S.UnderCourtReview], to: S.ConfirmationRejected, by: [R.ConfirmingJudge], trigger: 'feature', summary: 'Judge rejects, on grounds of Interp. 358', effects: ['notify:parties+mediator', 'deadlines.cancel:supplement+court_decision'] },
  { event: CaseEvent.ResumeMediation, from: [S.ConfirmationRejected], to: S.Mediating, by: [...ANY_PARTY, R.Mediator], trigger: 'feature', summary: 'Parties amend the agreement through mediation', effects: ['notify:parties+mediator', 'performance.stopTracking'] },
  { event: CaseEvent.CloseUnconfirmed, from: [S.ConfirmationRejected], to: S.Closed, by: [...ANY_PARTY, R.Mediator], trigger: 'feature', outcome: CaseOutcome.SettledWithoutConfirmation, summary: 'Parties give up confirmation', effects: ['notify:parties+mediator', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'webhooks.enqueue:closed'] },
  { event: CaseEvent.SupplementMaterials, from: [S.UnderCourtReview], to: S.UnderCourtReview, by: ANY_PARTY, trigger: 'feature', summary: 'Parties supply the material the court asked for (Interp. 357)', effects: ['notify:parties+mediator+confirming_court', 'deadlines.cancel:supplement'] },
  { event: CaseEvent.ExtendDecision, from: [S.UnderCourtReview], to: S.UnderCourtReview, by: [R.ConfirmingJudge], trigger: 'feature', summary: 'A judge records the approved extension of the decision period, +10 days (rule D20)', effects: ['notify:parties+mediator', 'deadlines.extend:court_decision'] },
  { event: CaseEvent.CourtDocketOverdue, from: [S.ConfirmationRequested], to: S.ConfirmationRequested, by: [R.System], trigger: 'timer', summary: 'The court’s 3 days to docket passed: the application is marked overdue, the court and administrators told (rule D20)', effects: ['notify:confirming_court+intake', 'confirmation.markOverdue'] },
  { event: CaseEvent.CourtDecisionOverdue, from: [S.UnderCourtReview], to: S.UnderCourtReview, by: [R.System], trigger: 'timer', summary: 'The court’s period to decide passed: the application is marked overdue, the court and administrators told (rule D20)', effects: ['notify:confirming_court+intake', 'confirmation.markOverdue'] },

  // ── Performance (docs/procedural-rules.md E) ──────────────────────────────────────────
  { event: CaseEvent.ObligationsFulfilled, from: [S.Settled, S.Confirmed], to: S.Closed, by: [R.System], trigger: 'feature', outcome: CaseOutcome.Fulfilled, summary: 'Every obligation performed and confirmed', effects: ['notify:participants', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'webhooks.enqueue:performed+closed'] },
  { event: CaseEvent.DeclareDefault, from: [S.Settled, S.Confirmed], to: S.Closed, by: [...ANY_PARTY, R.Mediator], trigger: 'feature', outcome: CaseOutcome.Defaulted, summary: 'Default declared; for confirmed cases the 2-year enforcement window is recorded', effects: ['notify:participants', 'messages.sealTranscripts', 'assignment.releaseMediator', 'archive.schedule', 'webhooks.enqueue:closed'] },

  // ── Archive (docs/procedural-rules.md G) ──────────────────────────────────────────────
  { event: CaseEvent.Archive, from: [S.Closed], to: S.Archived, by: [R.System], trigger: 'feature', summary: 'Sealed into the tamper-evident archive', effects: ['webhooks.enqueue:archived'] },
];

export type Decision =
  { ok: true; transition: Transition; to: CaseStatus; outcome?: CaseOutcome } | { ok: false; code: 'unknown_event' | 'wrong_state' | 'not_allowed' | 'guard'; reason: string };

const byEvent = new Map<string, Transition[]>();
for (const t of TRANSITIONS) byEvent.set(t.event, [...(byEvent.get(t.event) ?? []), t]);

/** May these case roles fire this event on a case in this context? Pure. */
export function decide(event: string, ctx: GuardContext, roles: readonly CaseRole[]): Decision {
  const candidates = byEvent.get(event);
  if (!candidates) return { ok: false, code: 'unknown_event', reason: `"${event}" is not a case event` };
  const transition = candidates.find((t) => t.from.includes(ctx.status));
  if (!transition) {
    return { ok: false, code: 'wrong_state', reason: `"${event}" is not possible while the case is ${ctx.status}` };
  }
  if (!transition.by.some((r) => roles.includes(r))) {
    return { ok: false, code: 'not_allowed', reason: `"${event}" needs one of: ${transition.by.join(', ')}` };
  }
  const refused = transition.guard?.(ctx);
  if (refused) return { ok: false, code: 'guard', reason: refused };
  return { ok: true, transition, to: transition.to, outcome: transition.outcome };
}

export interface AvailableAction {
  event: CaseEvent;
  to: CaseStatus;
  trigger: Trigger;
  summary: string;
  /** Present when the person could fire it but a precondition is not met yet. */
  blockedBy?: string;
}

/**
 * What these roles can do now: every transition out of the current state that one of the
 * roles may fire (never timer transitions), with the guard's reason when it is blocked.
 */
export function availableActions(ctx: GuardContext, roles: readonly CaseRole[]): AvailableAction[] {
  return TRANSITIONS.filter((t) => t.trigger !== 'timer' && t.from.includes(ctx.status) && t.by.some((r) => roles.includes(r))).map((t) => {
    const blockedBy = t.guard?.(ctx);
    return { event: t.event, to: t.to, trigger: t.trigger, summary: t.summary, ...(blockedBy ? { blockedBy } : {}) };
  });
}

export const TERMINAL_STATES: readonly CaseStatus[] = [CaseStatus.Archived];
