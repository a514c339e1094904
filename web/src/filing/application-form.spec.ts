import type { CaseView } from '../api/generated/types.gen';
import { missingItems, savesAs, stepOfField, toApplicationBody, toFormValues } from './application-form';

describe('the filing wizard form', () => {
  it('leaves out empty text and rows not yet started, and gives consent to e-service its basis', () => {
    const body = toApplicationBody(
      {
        title: ' Hinge patent ',
        disputeType: 'patent',
        applicant: { kind: 'organisation', name: 'Acme', email: '', phone: '+8613800138000', consentOnline: true, consentEService: true },
        respondents: [
          { kind: 'person', name: 'Li', email: 'li@example.com' },
          { kind: 'person', name: '' },
        ],
        claims: [{ kind: 'monetary', amount: '1200.50', currency: 'USD' }, { kind: 'apology' }],
        ipRights: [{ kind: 'patent', number: 'ZL1', jurisdiction: 'cn' }],
      },
      { preferredLanguage: 'en', expectedVersion: 3 },
    );
    expect(body).toMatchObject({ title: 'Hinge patent', expectedVersion: 3, preferredLanguage: 'en', statement: undefined });
    expect(body.applicant).toMatchObject({ kind: 'organisation', name: 'Acme', email: undefined, consentEService: true, eServiceBasis: 'express' });
    expect(body.respondents).toHaveLength(1);
    expect(body.claims).toEqual([{ kind: 'monetary', amount: '1200.50', currency: 'USD', description: undefined }]);
    expect(body.ipRights?.[0]).toMatchObject({ jurisdiction: 'CN' });
  });

  it('sends no e-service basis without the consent', () => {
    const body = toApplicationBody({ title: 't', disputeType: 'other', applicant: { name: 'A', consentEService: false } }, { preferredLanguage: 'zh-CN', expectedVersion: 1 });
    expect(body.applicant?.eServiceBasis).toBeUndefined();
  });

  it("sends an organisation's legal representative, and none for a person (what was typed before switching is dropped)", () => {
    const body = toApplicationBody(
      {
        title: 't',
        disputeType: 'other',
        applicant: { kind: 'person', name: 'A', legalRepresentative: 'typed while an organisation' },
        respondents: [{ kind: 'organisation', name: 'B Ltd', legalRepresentative: ' Li Qiang ' }],
      },
      { preferredLanguage: 'zh-CN', expectedVersion: 1 },
    );
    expect(body.applicant?.legalRepresentative).toBeUndefined();
    expect(body.respondents?.[0].legalRepresentative).toBe('Li Qiang');
    expect(stepOfField('respondents.0.legalRepresentative')).toBe('parties');
  });

  it('knows the step of an API field path', () => {
    expect(stepOfField('respondents.0.email')).toBe('parties');
    expect(stepOfField('applicant.consentOnline')).toBe('consents');
    expect(stepOfField('claims.1.amount')).toBe('claims');
    expect(stepOfField('ipRights.0.jurisdiction')).toBe('dispute');
  });

  it("turns the API's missing items into checklist items with their step", () => {
    const items = missingItems(['consent to online handling', 'a way to reach respondent 2 (Li Wei): phone, e-mail or address', 'something new']);
    expect(items.map((i) => [i.key, i.step])).toEqual([
      ['consentOnline', 'consents'],
      ['reachRespondent', 'parties'],
      [undefined, 'check'],
    ]);
    expect(items[1].params).toEqual({ n: '2', name: 'Li Wei' });
  });
});

describe('telling my own landed save from someone else’s', () => {
  const party = { kind: 'organisation', name: 'Acme', idType: null, idNumber: null, phone: '+8613800138000', email: null, address: null };
  const server = {
    title: 'Hinge patent',
    disputeType: 'patent',
    preferredLanguage: 'en',
    statement: 'The respondent copies our hinge.',
    ipRights: [{ kind: 'patent', number: 'ZL1', jurisdiction: 'CN', owner: null, title: null }],
    applicants: [{ ...party, consentOnline: true, consentEService: false }],
    respondents: [{ ...party, kind: 'person', name: 'Li', email: 'li@example.com', phone: null }],
    claims: [{ kind: 'monetary', amount: '1200.50', currency: 'CNY', description: null }],
  } as unknown as CaseView;

  it('the values the server holds save as the server copy', () => {
    expect(savesAs(server, toFormValues(server))).toBe(true);
  });

  it('a changed statement, claim or respondent is someone else’s (or a newer) write', () => {
    const values = toFormValues(server);
    expect(savesAs(server, { ...values, statement: 'Another statement of facts.' })).toBe(false);
    expect(savesAs(server, { ...values, claims: [{ kind: 'monetary', amount: '99.00', currency: 'CNY' }] })).toBe(false);
    expect(savesAs(server, { ...values, respondents: [] })).toBe(false);
  });
});
