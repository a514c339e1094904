import dayjs from 'dayjs';
import type { SettlementTerms } from '../api/generated/types.gen';
import { fromSettlementTerms, toSettlementTerms, type TermsFormValues } from './terms-form';

describe('the offer form and the API terms', () => {
  const terms = {
    money: {
      amount: '300000.00',
      currency: 'CNY',
      schedule: {
        kind: 'instalments',
        instalments: [
          { amount: '100000.00', due: { date: '2027-01-31' } },
          { amount: '200000.00', due: { date: '2027-03-31' } },
        ],
      },
    },
    nonMonetary: [
      { kind: 'stop_use', description: 'Stop selling the X200 charger', due: { daysAfterEffective: 10 } },
      { kind: 'licence', description: 'Licence of the patent', exclusive: false, territory: 'Mainland China', royalty: { kind: 'running', percent: '3', base: 'net sales' } },
      { kind: 'assign', description: 'Assign the domain', exclusive: undefined },
    ],
  } as unknown as SettlementTerms;

  it('gives back the same terms after a round trip through the form', () => {
    const expected = JSON.parse(JSON.stringify(terms)) as SettlementTerms;
    expect(JSON.parse(JSON.stringify(toSettlementTerms(fromSettlementTerms(terms))))).toEqual({
      ...expected,
      nonMonetary: [expected.nonMonetary[0], { ...expected.nonMonetary[1] }, { kind: 'assign', description: 'Assign the domain' }],
    });
  });

  it('leaves money out when none is offered, and sends a royalty-free licence as null', () => {
    const values: TermsFormValues = {
      includeMoney: false,
      terms: { money: { amount: '5' }, nonMonetary: [{ kind: 'licence', description: ' Licence ', royalty: { kind: 'none' }, due: { kind: 'none' } }] },
    };
    expect(toSettlementTerms(values)).toEqual({ nonMonetary: [{ kind: 'licence', description: 'Licence', exclusive: false, royalty: null }] });
  });

  it('sends a missing date empty, so the API names the field to fill in', () => {
    const values: TermsFormValues = { includeMoney: true, terms: { money: { amount: '10', currency: 'USD', schedule: { kind: 'lump_sum', due: { kind: 'date' } } } } };
    expect(toSettlementTerms(values).money).toEqual({ amount: '10', currency: 'USD', schedule: { kind: 'lump_sum', due: { date: '' } } });
  });

  it('writes dates as calendar days', () => {
    const values: TermsFormValues = {
      includeMoney: true,
      terms: { money: { amount: '10', currency: 'USD', schedule: { kind: 'lump_sum', due: { kind: 'date', date: dayjs('2027-05-04T15:00:00') } } } },
    };
    expect(toSettlementTerms(values).money?.schedule).toEqual({ kind: 'lump_sum', due: { date: '2027-05-04' } });
  });
});
