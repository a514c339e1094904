/**
 * What a person is to one case. The access policy derives these from the case's parties,
 * agents, mediator and courts; the lifecycle table says which of them may fire each event.
 */
export enum CaseRole {
  Applicant = 'applicant',
  Respondent = 'respondent',
  ApplicantAgent = 'applicant_agent',
  RespondentAgent = 'respondent_agent',
  /** The mediator the case is offered to, before acceptance. */
  OfferedMediator = 'offered_mediator',
  Mediator = 'mediator',
  /** The referring court's staff. */
  ReferringCourt = 'referring_court',
  /** Staff of the court a confirmation was lodged with. */
  ConfirmingCourt = 'confirming_court',
  /** A judge of the confirming court (rulings need a judge, not a clerk). */
  ConfirmingJudge = 'confirming_judge',
  /** Intake review: platform administrators. */
  Intake = 'intake',
  Admin = 'admin',
  /** Timers and jobs: never a person. */
  System = 'system',
}

export const APPLICANT_SIDE = [CaseRole.Applicant, CaseRole.ApplicantAgent] as const;
export const RESPONDENT_SIDE = [CaseRole.Respondent, CaseRole.RespondentAgent] as const;
export const ANY_PARTY = [...APPLICANT_SIDE, ...RESPONDENT_SIDE] as const;
