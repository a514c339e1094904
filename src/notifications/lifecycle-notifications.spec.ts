import { CaseEvent, TRANSITIONS } from '../cases/lifecycle/case-lifecycle';
import { Audience, channelsFor, LIFECYCLE_AUDIENCES, resolveRecipients, type CaseAudiences } from './lifecycle-notifications';

const people = (overrides: Partial<CaseAudiences> = {}): CaseAudiences => ({
  applicantSide: ['applicant', 'applicant-agent'],
  respondentSide: ['respondent'],
  respondentsServed: true,
  mediator: 'mediator',
  offeredMediator: null,
  referringCourtStaff: ['clerk'],
  confirmingCourtStaff: [],
  intake: ['admin-1', 'admin-2'],
  ...overrides,
});

describe('who hears about a lifecycle event', () => {
  it('says something for every event of the table (an empty list is an explicit "nobody")', () => {
    for (const t of TRANSITIONS) expect(Array.isArray(LIFECYCLE_AUDIENCES[t.event])).toBe(true);
    expect(LIFECYCLE_AUDIENCES[CaseEvent.Archive]).toEqual([]);
  });

  it('tells intake about a submission, and the applicant side with the referring court about a rejection', () => {
    expect(resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.Submit], people(), 'applicant')).toEqual(['admin-1', 'admin-2']);
    expect(resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.Reject], people(), 'admin-1')).toEqual(['applicant', 'applicant-agent', 'clerk']);
    expect(resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.RequestCorrection], people(), 'admin-1')).toEqual(['applicant', 'applicant-agent']);
  });

  it('never tells the person who caused the event, and tells each person once', () => {
    const withdrawn = resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.Withdraw], people({ intake: ['admin-1', 'mediator'] }), 'applicant');
    expect(withdrawn).toEqual(['applicant-agent', 'respondent', 'mediator', 'clerk', 'admin-1']);
  });

  it('leaves respondents out until the notice of mediation was served on them', () => {
    expect(resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.Withdraw], people({ respondentsServed: false }), 'applicant')).not.toContain('respondent');
    expect(resolveRecipients([Audience.RespondentSide], people({ respondentsServed: false }), null)).toEqual([]);
  });

  it('tells the mediator a case is offered to, named by the event', () => {
    expect(resolveRecipients(LIFECYCLE_AUDIENCES[CaseEvent.OfferToMediator], people({ offeredMediator: 'candidate' }), null)).toEqual(['candidate']);
  });

  it('uses the inbox always, e-mail with an address, SMS only for urgent templates and with a number', () => {
    expect(channelsFor({ email: 'a@b.c', phone: '+8613800138000' }, true)).toEqual(['in_app', 'email', 'sms']);
    expect(channelsFor({ email: 'a@b.c', phone: '+8613800138000' }, false)).toEqual(['in_app', 'email']);
    expect(channelsFor({ email: null, phone: null }, true)).toEqual(['in_app']);
  });
});
