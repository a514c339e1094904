import type { SettlementAgreementContent } from '../api/generated/types.gen';
import { hasSigned, newObligation, nextObligationId, settlementObligation, toContent, toFormValues } from './agreement-form';

const content: SettlementAgreementContent = {
  language: 'en',
  caseNumber: 'ACC-2026-000001',
  parties: [
    {
      partyId: 'a',
      side: 'applicant',
      kind: 'organisation',
      name: 'Jia Ltd',
      idType: 'unified_social_credit_code',
      idNumber: '9133',
      address: null,
      legalRepresentative: 'Zhang San',
    },
    { partyId: 'r', side: 'respondent', kind: 'person', name: 'Yi', idType: 'resident_id_card', idNumber: '3301', address: 'Hangzhou' },
  ],
  mediator: { userId: 'm', name: 'Mia' },
  facts: 'Facts',
  disputedIssues: ['Damages'],
  result: 'Pays',
  performance: {
    obligations: [
      {
        id: 'pay',
        kind: 'money',
        obligorSide: 'respondent',
        beneficiarySide: 'applicant',
        amount: '300.00',
        currency: 'CNY',
        instalments: [
          { amount: '100.00', due: { date: '2027-01-31' } },
          { amount: '200.00', due: { date: '2027-02-28' } },
        ],
      },
      { id: 'delist', kind: 'act', obligorSide: 'respondent', beneficiarySide: 'applicant', act: 'Delist', due: { daysAfterEffective: 5 } },
      { id: 'once', kind: 'money', obligorSide: 'applicant', beneficiarySide: 'respondent', amount: '1.00', currency: 'USD', due: { daysAfterEffective: 3 } },
    ],
  },
  otherTerms: ['Confidential'],
  confirmsOwnership: false,
};

describe('the agreement editor’s values', () => {
  it('give back the same content they were made from', () => {
    expect(toContent(toFormValues(content))).toEqual(content);
  });

  it('say which due date is meant and how money is paid', () => {
    const [pay, act, once] = toFormValues(content).content.performance.obligations;
    expect(pay).toMatchObject({ schedule: 'instalments', instalments: [{ due: { mode: 'date', date: '2027-01-31' } }, { due: { mode: 'date' } }] });
    expect(act).toMatchObject({ kind: 'act', due: { mode: 'days', daysAfterEffective: 5 } });
    expect(once).toMatchObject({ schedule: 'single', due: { mode: 'days', daysAfterEffective: 3 } });
  });

  it('keep the template’s open ownership choice open, for the API to name', () => {
    const template = { ...content, confirmsOwnership: null } as unknown as SettlementAgreementContent;
    expect(toFormValues(template).content.confirmsOwnership).toBeNull();
  });

  it('send a payment switched to instalments without its single due date, and trim what was typed', () => {
    const values = toFormValues(content);
    values.content.performance.obligations[2] = {
      ...values.content.performance.obligations[2],
      amount: ' 2.00 ',
      currency: 'usd',
      schedule: 'instalments',
      instalments: [
        { amount: '1.00', due: { mode: 'days', daysAfterEffective: 1 } },
        { amount: '1.00', due: { mode: 'days', daysAfterEffective: 2 } },
      ],
    };
    const sent = toContent(values).performance.obligations[2];
    expect(sent).toEqual({
      id: 'once',
      kind: 'money',
      obligorSide: 'applicant',
      beneficiarySide: 'respondent',
      amount: '2.00',
      currency: 'USD',
      instalments: [
        { amount: '1.00', due: { daysAfterEffective: 1 } },
        { amount: '1.00', due: { daysAfterEffective: 2 } },
      ],
    });
  });

  it('leave an empty address out rather than send an empty one', () => {
    const values = toFormValues(content);
    values.content.parties[1].address = '  ';
    expect(toContent(values).parties[1].address).toBeNull();
  });
});

describe('new obligations', () => {
  it('get an id not used yet', () => {
    expect(nextObligationId([{ id: 'item-2' }])).toBe('item-3');
    expect(nextObligationId([{ id: 'item-2' }, { id: 'item-3' }])).toBe('item-4');
    expect(nextObligationId(undefined)).toBe('item-1');
  });
  it('are owed by the respondent to the applicant', () => {
    expect(newObligation('act', [])).toMatchObject({ kind: 'act', obligorSide: 'respondent', beneficiarySide: 'applicant', due: { mode: 'days' } });
    expect(newObligation('money', [])).toMatchObject({ kind: 'money', currency: 'CNY', schedule: 'single' });
  });
});

describe('hasSigned', () => {
  it('counts only signatures still valid', () => {
    expect(hasSigned([{ signerId: 'u', voidedAt: null }], 'u')).toBe(true);
    expect(hasSigned([{ signerId: 'u', voidedAt: '2026-01-01T00:00:00Z' }], 'u')).toBe(false);
    expect(hasSigned([{ signerId: 'u' }], undefined)).toBe(false);
  });
});

describe('the figure a double-blind bidding settled at', () => {
  const fresh = { revision: 1, obligations: [] };

  it("becomes the fresh template's payment: the other side pays the claimant, the date left to the mediator", () => {
    expect(settlementObligation({ settlementAmount: '355555.00', currency: 'CNY', claimantSide: 'applicant' }, fresh)).toEqual({
      id: 'item-1',
      kind: 'money',
      obligorSide: 'respondent',
      beneficiarySide: 'applicant',
      amount: '355555.00',
      currency: 'CNY',
      schedule: 'single',
      due: { mode: 'date' },
    });
    expect(settlementObligation({ settlementAmount: '10.00', currency: 'USD', claimantSide: 'respondent' }, fresh)).toMatchObject({
      obligorSide: 'applicant',
      beneficiarySide: 'respondent',
      currency: 'USD',
    });
  });

  it('gives nothing without a settlement, or once the mediator has saved or written obligations', () => {
    const settled = { settlementAmount: '1.00', currency: 'CNY', claimantSide: 'applicant' as const };
    expect(settlementObligation(null, fresh)).toBeUndefined();
    expect(settlementObligation({ ...settled, settlementAmount: null }, fresh)).toBeUndefined();
    expect(settlementObligation(settled, { revision: 2, obligations: [] })).toBeUndefined();
    expect(settlementObligation(settled, { revision: 1, obligations: [{}] })).toBeUndefined();
  });
});
