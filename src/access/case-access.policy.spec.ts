import { CaseRole } from '../cases/lifecycle/case-roles';
import { CaseStatus } from '../cases/lifecycle/case-states';
import { DocumentKind, DocumentVisibility } from '../documents/document.entity';
import { can, CaseAction, canSeeDocument, canSeeEvent, canSeeMediationContent, canSeeWholeRecord, refusalReason } from './case-access.policy';

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
    const doc = (visibility: DocumentVisibility, side: 'applicant' | 'respondent' | null = null) => ({ visibility, side, kind: DocumentKind.SessionRecord, uploadedBy: 'mediator-user' });
    const joint = doc(DocumentVisibility.MediationConfidential);
    expect([R.Applicant, R.RespondentAgent, R.Mediator].map((r) => canSeeDocument([r], joint, 'x'))).toEqual([true, true, true]);
    expect([...COURT, R.Admin, R.Intake].map((r) => canSeeDocument([r], joint, 'x'))).toEqual([false, false, false, false, false]);
    const caucus = doc(DocumentVisibility.OwnSideAndMediator, 'respondent');
    expect([R.Respondent, R.RespondentAgent, R.Mediator, R.Applicant, R.ApplicantAgent, R.Admin].map((r) => canSeeDocument([r], caucus, 'x'))).toEqual([true, true, true, false, false, false]);
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

describe('case access policy: why a request is refused', () => {
  it('says in plain words what was refused and who may do it', () => {
    expect(refusalReason([R.Admin, R.Intake], CaseAction.ViewConfidential, mediating)).toBe(
      'You may not see the confidential mediation content of this case: it is for the parties, their agents and the mediator only',
    );
    expect(refusalReason([R.ReferringCourt], CaseAction.ConductMediation, mediating)).toBe(
      "You may not conduct the mediation of this case: only the case's mediator may",
    );
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
