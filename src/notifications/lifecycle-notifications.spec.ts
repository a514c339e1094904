import { CaseEvent, TRANSITIONS } from '../cases/lifecycle/case-lifecycle';
import { Audience, audiencesOf, channelsFor, parseAudiences, resolveRecipients, type CaseAudiences } from './lifecycle-notifications';

/** Who the table's row for this event tells (both rows of `withdraw` tell the same people). */
const told = (event: CaseEvent): Audience[] => audiencesOf(TRANSITIONS.find((t) => t.event === event)!);

const people = (overrides: Partial<CaseAudiences> = {}): CaseAudiences => ({
  applicantSide: ['applicant', 'applicant-agent'],
  respondentSide: ['respondent'],
  respondentsServed: true,
  mediator: 'mediator',
  offeredMediator: null,
  referringCourtStaff: ['clerk'],
  confirmingCourtStaff: [],
  intake: ['admin-1', 'admin-2'],
  contacts: new Map(),
  ...overrides,
});

describe('who hears about a lifecycle event', () => {
  it('tells somebody about every transition of the table but the archiving, which nobody needs to act on', () => {
    for (const t of TRANSITIONS) {
      if (t.event === CaseEvent.Archive) expect(audiencesOf(t)).toEqual([]);
      else expect(audiencesOf(t).length).toBeGreaterThan(0);
    }
    const withdrawals = TRANSITIONS.filter((t) => t.event === CaseEvent.Withdraw).map(audiencesOf);
    expect(withdrawals[1]).toEqual(withdrawals[0]);
  });

  it('reads groups in the table and refuses a name that is no audience', () => {
    expect(parseAudiences('parties+referring_court')).toEqual([Audience.ApplicantSide, Audience.RespondentSide, Audience.ReferringCourt]);
    expect(parseAudiences('participants+mediator')).toEqual([Audience.ApplicantSide, Audience.RespondentSide, Audience.Mediator, Audience.ReferringCourt]);
    expect(() => parseAudiences('parties+judges')).toThrow('"judges" is not an audience');
    expect(() => parseAudiences(undefined)).toThrow('needs an argument');
  });

  it('tells intake about a submission, and the applicant side with the referring court about a rejection', () => {
    expect(resolveRecipients(told(CaseEvent.Submit), people(), 'applicant')).toEqual(['admin-1', 'admin-2']);
    expect(resolveRecipients(told(CaseEvent.Reject), people(), 'admin-1')).toEqual(['applicant', 'applicant-agent', 'clerk']);
    expect(resolveRecipients(told(CaseEvent.RequestCorrection), people(), 'admin-1')).toEqual(['applicant', 'applicant-agent']);
  });

  it('never tells the person who caused the event, and tells each person once', () => {
    const withdrawn = resolveRecipients(told(CaseEvent.Withdraw), people({ intake: ['admin-1', 'mediator'] }), 'applicant');
    expect(withdrawn).toEqual(['applicant-agent', 'respondent', 'mediator', 'clerk', 'admin-1']);
  });

  it('leaves respondents out until the notice of mediation was served on them', () => {
    expect(resolveRecipients(told(CaseEvent.Withdraw), people({ respondentsServed: false }), 'applicant')).not.toContain('respondent');
    expect(resolveRecipients([Audience.RespondentSide], people({ respondentsServed: false }), null)).toEqual([]);
  });

  it('tells the mediator a case is offered to, named by the event', () => {
    expect(resolveRecipients(told(CaseEvent.OfferToMediator), people({ offeredMediator: 'candidate' }), null)).toEqual(['candidate']);
  });

  it('uses the inbox always, e-mail with an address, SMS only for urgent templates and with a number', () => {
    expect(channelsFor({ email: 'a@b.c', phone: '+8613800138000' }, true)).toEqual(['in_app', 'email', 'sms']);
    expect(channelsFor({ email: 'a@b.c', phone: '+8613800138000' }, false)).toEqual(['in_app', 'email']);
    expect(channelsFor({ email: null, phone: null }, true)).toEqual(['in_app']);
  });
});
