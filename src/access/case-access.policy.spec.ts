import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { courtSystemMay, CourtSystemPermission, type CourtSystemPrincipal } from './court-system-access.policy';
import { can, CaseAction, canSeeDocument, canSeeEvent, canSeeMediationContent, canSeeWholeRecord, mayObjectAsThirdParty, refusalReason } from './case-access.policy';

const R = CaseRole;
const mediating = { status: CaseStatus.Mediating };
const COURT = [R.ReferringCourt, R.ConfirmingCourt, R.ConfirmingJudge];

describe('case access policy: mediation content (rule B10, DESIGN.md §5)', () => {
  it('lets the parties, their agents and the mediator into joint content, and never the court or an administrator', () => {
    for (const role of [R.Applicant, R.ApplicantAgent, R.Respondent, R.RespondentAgent, R.Mediator]) {
      expect([role, canSeeMediationContent([role], null)]).toEqual([role, true]);
      expect([role, can([role], CaseAction.TakePartInMediation, mediating)]).toEqual([role, true]);
    }
    for (const role of [...COURT, R.Admin, R.Intake, R.OfferedMediator]) {
      expect([role, canSeeMediationContent([role], null)]).toEqual([role, false]);
      expect([role, can([role], CaseAction.ViewConfidential, mediating)]).toEqual([role, false]);
    }
    expect(can([R.Admin, R.Intake], CaseAction.ConductMediation, mediating)).toBe(false);
    expect(can([R.Mediator], CaseAction.ConductMediation, mediating)).toBe(true);
    expect(can([R.Applicant], CaseAction.ConductMediation, mediating)).toBe(false);
  });

  it('keeps a caucus with its side and the mediator', () => {
    expect(canSeeMediationContent([R.Applicant], 'applicant')).toBe(true);
    expect(canSeeMediationContent([R.ApplicantAgent], 'applicant')).toBe(true);
    expect(canSeeMediationContent([R.Respondent], 'applicant')).toBe(false);
    expect(canSeeMediationContent([R.RespondentAgent], 'applicant')).toBe(false);
    expect(canSeeMediationContent([R.Mediator], 'respondent')).toBe(true);
    expect(canSeeMediationContent([R.Admin, R.Intake, ...COURT], 'respondent')).toBe(false);
  });

  it('shows timeline entries by the same rule', () => {
    expect(canSeeEvent([R.ReferringCourt], { confidential: false })).toBe(true);
    expect(canSeeEvent([], { confidential: false })).toBe(false);
    expect(canSeeEvent([R.ReferringCourt], { confidential: true })).toBe(false);
    expect(canSeeEvent([R.Respondent], { confidential: true, confidentialSide: null })).toBe(true);
    expect(canSeeEvent([R.Respondent], { confidential: true, confidentialSide: 'applicant' })).toBe(false);
    expect(canSeeEvent([R.Applicant], { confidential: true, confidentialSide: 'applicant' })).toBe(true);
  });

  it('gives the confidential document tiers to participants only', () => {
    const doc = (visibility: DocumentVisibility, side: 'applicant' | 'respondent' | null = null) => ({
      visibility,
      side,
      kind: DocumentKind.SessionRecord,
      uploadedBy: 'mediator-user',
    });
    const joint = doc(DocumentVisibility.MediationConfidential);
    expect([R.Applicant, R.RespondentAgent, R.Mediator].map((r) => canSeeDocument([r], joint, 'x'))).toEqual([true, true, true]);
    expect([...COURT, R.Admin, R.Intake].map((r) => canSeeDocument([r], joint, 'x'))).toEqual([false, false, false, false, false]);
    const caucus = doc(DocumentVisibility.OwnSideAndMediator, 'respondent');
    expect([R.Respondent, R.RespondentAgent, R.Mediator, R.Applicant, R.ApplicantAgent, R.Admin].map((r) => canSeeDocument([r], caucus, 'x'))).toEqual([
      true,
      true,
      true,
      false,
      false,
      false,
    ]);
    // A side-less private document is nobody's but the mediator's (it used to fall to the respondents).
    expect(canSeeDocument([R.Respondent], doc(DocumentVisibility.OwnSideAndMediator), 'x')).toBe(false);
    expect(canSeeDocument([R.Mediator], doc(DocumentVisibility.OwnSideAndMediator), 'x')).toBe(true);
  });

  it('releases a record whole only to who could see every item of it', () => {
    const record = {
      documents: [{ visibility: DocumentVisibility.OwnSideAndMediator, side: 'applicant' as const, kind: DocumentKind.Other, uploadedBy: 'app-user' }],
      events: [{ confidential: true, confidentialSide: 'respondent' as const }],
    };
    expect(canSeeWholeRecord([R.Mediator], 'med', record)).toBe(true);
    expect(canSeeWholeRecord([R.Applicant], 'app-user', record)).toBe(false);
    expect(canSeeWholeRecord([R.Applicant], 'app-user', { ...record, events: [{ confidential: true, confidentialSide: null }] })).toBe(true);
    expect(canSeeWholeRecord([R.Respondent], 'resp', { ...record, events: [] })).toBe(false);
  });
});

describe('case access policy: who may do each action', () => {
  const PARTIES = [R.Applicant, R.ApplicantAgent, R.Respondent, R.RespondentAgent];
  const EVERYONE = [...PARTIES, R.OfferedMediator, R.Mediator, ...COURT, R.Intake, R.Admin];
  /** Every action, who alone may do it, and in which state (mediating unless named). */
  const WHO: Record<CaseAction, { may: readonly CaseRole[]; in?: CaseStatus }> = {
    [CaseAction.View]: { may: EVERYONE },
    [CaseAction.ViewTimeline]: { may: EVERYONE },
    [CaseAction.ListDocuments]: { may: EVERYONE },
    [CaseAction.EditApplication]: { may: [R.Applicant, R.ApplicantAgent], in: CaseStatus.Draft },
    [CaseAction.UploadDocument]: { may: [...PARTIES, R.Mediator, ...COURT] },
    [CaseAction.ViewConfidential]: { may: [...PARTIES, R.Mediator] },
    [CaseAction.TakePartInMediation]: { may: [...PARTIES, R.Mediator] },
    [CaseAction.Negotiate]: { may: [...PARTIES, R.Mediator] },
    [CaseAction.CommitParty]: { may: PARTIES },
    [CaseAction.ConductMediation]: { may: [R.Mediator] },
    [CaseAction.Recuse]: { may: [R.Mediator], in: CaseStatus.AwaitingRespondent },
    [CaseAction.ViewAssignmentOffers]: { may: [R.Admin], in: CaseStatus.Assigning },
    [CaseAction.ManageAgents]: { may: [R.Applicant, R.Respondent] },
    [CaseAction.AnswerNotice]: { may: [R.Respondent, R.RespondentAgent], in: CaseStatus.AwaitingRespondent },
    [CaseAction.ConfirmServiceAddress]: { may: PARTIES },
    [CaseAction.AcknowledgeWarning]: { may: PARTIES },
    [CaseAction.DraftAgreement]: { may: [R.Mediator] },
    [CaseAction.SignAgreement]: { may: [...PARTIES, R.Mediator], in: CaseStatus.Signing },
    [CaseAction.RefuseToSign]: { may: PARTIES, in: CaseStatus.Signing },
    [CaseAction.ApplyForConfirmation]: { may: PARTIES, in: CaseStatus.Settled },
    [CaseAction.SupplementConfirmation]: { may: PARTIES, in: CaseStatus.UnderCourtReview },
    [CaseAction.WithdrawConfirmation]: { may: PARTIES, in: CaseStatus.UnderCourtReview },
    [CaseAction.ExtendDecisionPeriod]: { may: [R.ConfirmingJudge], in: CaseStatus.UnderCourtReview },
    [CaseAction.RuleOnConfirmation]: { may: [R.ConfirmingJudge], in: CaseStatus.UnderCourtReview },
    [CaseAction.SummonParties]: { may: [R.ConfirmingCourt, R.ConfirmingJudge], in: CaseStatus.UnderCourtReview },
    [CaseAction.FileObjection]: { may: PARTIES, in: CaseStatus.Confirmed },
    [CaseAction.ReviewObjection]: { may: [R.ConfirmingCourt, R.ConfirmingJudge], in: CaseStatus.Confirmed },
    [CaseAction.RequestAttestation]: { may: [...PARTIES, R.Mediator], in: CaseStatus.Settled },
    [CaseAction.ReportPerformance]: { may: PARTIES, in: CaseStatus.Settled },
    [CaseAction.AnswerPerformanceReport]: { may: PARTIES, in: CaseStatus.Settled },
    [CaseAction.DeclareDefault]: { may: [...PARTIES, R.Mediator], in: CaseStatus.Confirmed },
    [CaseAction.SwitchStepOffline]: { may: [R.Mediator, ...COURT, R.Admin] },
  };

  it('has a row for every action', () => {
    expect(Object.keys(WHO).sort()).toEqual(Object.values(CaseAction).sort());
  });

  it.each(Object.values(CaseAction))('%s: exactly the roles of its row, each on its own', (action) => {
    const row = WHO[action];
    const status = row.in ?? CaseStatus.Mediating;
    expect(EVERYONE.filter((role) => can([role], action, { status }))).toEqual(EVERYONE.filter((role) => row.may.includes(role)));
    expect(can([], action, { status })).toBe(false);
  });

  it('lets the mediator, the court and administrators switch a step offline until the case is closed (rule A1)', () => {
    for (const role of [R.Mediator, R.ReferringCourt, R.Admin]) {
      expect(can([role], CaseAction.SwitchStepOffline, { status: CaseStatus.Signing })).toBe(true);
      expect(can([role], CaseAction.SwitchStepOffline, { status: CaseStatus.Closed })).toBe(false);
    }
  });

  it('counts a role held besides: an administrator who is also the mediator drafts, a clerk who is also a judge rules', () => {
    expect(can([R.Admin, R.Intake, R.Mediator], CaseAction.DraftAgreement, mediating)).toBe(true);
    expect(can([R.Admin, R.Intake], CaseAction.DraftAgreement, mediating)).toBe(false);
    expect(can([R.ConfirmingCourt, R.ConfirmingJudge], CaseAction.RuleOnConfirmation, mediating)).toBe(true);
    expect(can([R.ConfirmingCourt, R.ReferringCourt], CaseAction.RuleOnConfirmation, mediating)).toBe(false);
  });
});

describe('case access policy: an interested third party (rule D23)', () => {
  it('is someone who is nothing to the case: never a party, an agent, the mediator, the court or an administrator', () => {
    expect(mayObjectAsThirdParty([])).toBe(true);
    for (const role of Object.values(R)) expect([role, mayObjectAsThirdParty([role])]).toEqual([role, false]);
  });
});

describe('case access policy: why a request is refused', () => {
  it('says in plain words what was refused and who may do it', () => {
    expect(refusalReason([R.Admin, R.Intake], CaseAction.ViewConfidential, mediating)).toBe(
      'You may not see the confidential mediation content of this case: it is for the parties, their agents and the mediator only',
    );
    expect(refusalReason([R.ReferringCourt], CaseAction.ConductMediation, mediating)).toBe("You may not conduct the mediation of this case: only the case's mediator may");
  });

  it('names the state when the same person could do it in another state', () => {
    expect(refusalReason([R.Applicant], CaseAction.EditApplication, { status: CaseStatus.NeedsCorrection })).toBe(
      'You may not edit the application of this case while it is needs correction',
    );
    expect(refusalReason([R.Applicant], CaseAction.EditApplication, mediating)).toBe('You may not edit the application of this case while it is mediating');
  });

  it('has words for every action, none of them an identifier', () => {
    for (const action of Object.values(CaseAction)) {
      expect(refusalReason([], action, mediating)).toMatch(/^You may not [a-z' ]+ (this case|in this case|to this case|of this case)[:a-z,' ]*$/);
    }
  });
});

describe('court systems (API keys): one court, named permissions', () => {
  const P = CourtSystemPermission;
  const system = (permissions: CourtSystemPermission[]): CourtSystemPrincipal => ({
    kind: 'court_system',
    keyId: 'k',
    courtSystemId: 's',
    courtId: 'court-a',
    accountUserId: 'u',
    permissions,
  });

  it('acts only with the permissions its key was issued with', () => {
    expect(courtSystemMay(system([P.ReferCases]), P.ReferCases)).toBe('allowed');
    expect(courtSystemMay(system([P.ReferCases]), P.ReadCases)).toBe('lacks_permission');
    expect(courtSystemMay(system([P.ReadCases]), P.LodgeConfirmationDecisions)).toBe('lacks_permission');
    expect(courtSystemMay(system([P.ReferCases, P.ReadCases, P.LodgeConfirmationDecisions]), P.ManageWebhooks)).toBe('lacks_permission');
    expect(courtSystemMay(system([P.ManageWebhooks]), P.ManageWebhooks)).toBe('allowed');
  });

  it("treats another court's case as not its own, whatever the permissions (a 404: it learns nothing of it)", () => {
    const all = system(Object.values(P));
    expect(courtSystemMay(all, P.ReadCases, { referringCourtId: 'court-a' })).toBe('allowed');
    expect(courtSystemMay(all, P.ReadCases, { referringCourtId: 'court-b' })).toBe('not_its_case');
    expect(courtSystemMay(all, P.ReadCases, { referringCourtId: null })).toBe('not_its_case');
    expect(courtSystemMay(system([]), P.ReadCases, { referringCourtId: 'court-b' })).toBe('not_its_case');
    expect(courtSystemMay(system([P.ReferCases]), P.ReadCases, { referringCourtId: 'court-a' })).toBe('lacks_permission');
  });
});
