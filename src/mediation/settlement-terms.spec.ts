import { compareDues, NonMonetaryKind, validateSettlementTerms, type SettlementTerms } from './settlement-terms';

const rules = (terms: unknown) => validateSettlementTerms(terms).map((e) => `${e.field}:${e.rule}`);

const lumpSum: SettlementTerms = {
  money: { amount: '350000.00', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } },
  nonMonetary: [],
};

describe('settlement terms', () => {
  it('accepts money, non-monetary terms, or both', () => {
    expect(validateSettlementTerms(lumpSum)).toEqual([]);
    expect(
      validateSettlementTerms({
        nonMonetary: [
          { kind: NonMonetaryKind.StopUse, description: 'Stop selling the X200 charger', due: { date: '2026-06-30' } },
          { kind: NonMonetaryKind.Delist, description: 'Take down the Tmall and JD listings' },
          { kind: NonMonetaryKind.Assign, description: 'Assign domain example.cn' },
          {
            kind: NonMonetaryKind.Licence,
            description: 'Non-exclusive licence of ZL202310012345.6',
            exclusive: false,
            territory: 'Mainland China',
            duration: 'until the patent expires',
            royalty: { kind: 'running', percent: '3.5', base: 'net sales of licensed chargers' },
          },
          { kind: NonMonetaryKind.Licence, description: 'Royalty-free trademark licence', exclusive: true, royalty: null },
          { kind: NonMonetaryKind.Licence, description: 'Paid-up licence', exclusive: false, royalty: { kind: 'fixed', amount: '50000', currency: 'USD' } },
        ],
      }),
    ).toEqual([]);
  });

  it('refuses terms that offer nothing', () => {
    expect(rules({ nonMonetary: [] })).toEqual(['terms:empty']);
    expect(rules(null)).toEqual(['terms:required']);
    expect(rules({})).toEqual(['terms.nonMonetary:invalid']);
  });

  it('checks the amount, currency and due of a lump sum', () => {
    expect(rules({ money: { amount: '0', currency: 'CNY', schedule: { kind: 'lump_sum', due: { date: '2026-05-01' } } }, nonMonetary: [] })).toEqual([
      'terms.money.amount:positive',
    ]);
    expect(rules({ money: { amount: '1.005', currency: 'CNY', schedule: { kind: 'lump_sum', due: { date: '2026-02-30' } } }, nonMonetary: [] })).toEqual([
      'terms.money.amount:amount',
      'terms.money.schedule.due.date:date',
    ]);
    expect(rules({ money: { amount: 100, currency: 'RMB', schedule: { kind: 'weekly' } }, nonMonetary: [] })).toEqual([
      'terms.money.currency:currency',
      'terms.money.schedule.kind:enum',
    ]);
    expect(rules({ money: { amount: '1', currency: 'CNY', schedule: { kind: 'lump_sum', due: { date: '2026-05-01', daysAfterEffective: 3 } } }, nonMonetary: [] })).toEqual([
      'terms.money.schedule.due:one_of',
    ]);
    expect(rules({ money: { amount: '1', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 0 } } }, nonMonetary: [] })).toEqual([
      'terms.money.schedule.due.daysAfterEffective:range',
    ]);
    expect(rules({ money: { amount: '1', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 1.5 } } }, nonMonetary: [] })).toEqual([
      'terms.money.schedule.due.daysAfterEffective:range',
    ]);
  });

  describe('instalments', () => {
    const withInstalments = (instalments: unknown, amount = '300000.00') => ({
      money: { amount, currency: 'CNY', schedule: { kind: 'instalments', instalments } },
      nonMonetary: [],
    });

    it('accepts instalments that add up exactly and fall due in order', () => {
      expect(
        rules(
          withInstalments([
            { amount: '100000.10', due: { daysAfterEffective: 10 } },
            { amount: '99999.90', due: { daysAfterEffective: 40 } },
            { amount: '100000', due: { daysAfterEffective: 70 } },
          ]),
        ),
      ).toEqual([]);
    });

    it('refuses a sum that is off by one fen', () => {
      expect(
        rules(
          withInstalments([
            { amount: '150000.00', due: { date: '2026-05-01' } },
            { amount: '149999.99', due: { date: '2026-06-01' } },
          ]),
        ),
      ).toEqual(['terms.money.schedule.instalments:sum']);
    });

    it('refuses instalments out of order, on the same day, or mixing dates and relative dues', () => {
      expect(
        rules(
          withInstalments([
            { amount: '150000', due: { date: '2026-06-01' } },
            { amount: '150000', due: { date: '2026-06-01' } },
          ]),
        ),
      ).toEqual(['terms.money.schedule.instalments.1.due:order']);
      expect(
        rules(
          withInstalments([
            { amount: '150000', due: { date: '2026-06-01' } },
            { amount: '150000', due: { daysAfterEffective: 60 } },
          ]),
        ),
      ).toEqual(['terms.money.schedule.instalments.1.due:same_kind']);
    });

    it('needs at least two instalments, each above zero', () => {
      expect(rules(withInstalments([{ amount: '300000', due: { date: '2026-06-01' } }]))).toEqual(['terms.money.schedule.instalments:min_items']);
      expect(
        rules(
          withInstalments([
            { amount: '0', due: { date: '2026-06-01' } },
            { amount: '300000', due: { date: '2026-07-01' } },
          ]),
        ),
      ).toEqual(['terms.money.schedule.instalments.0.amount:positive']);
    });
  });

  it('checks non-monetary terms and keeps royalties to licences', () => {
    expect(
      rules({
        nonMonetary: [
          { kind: 'cease_and_desist', description: 'x' },
          { kind: NonMonetaryKind.StopUse, description: '   ' },
          { kind: NonMonetaryKind.Apology, description: 'Publish an apology', royalty: null },
          { kind: NonMonetaryKind.Licence, description: 'Licence', royalty: { kind: 'running', percent: '0', base: '' } },
          { kind: NonMonetaryKind.Licence, description: 'Licence', exclusive: true, royalty: { kind: 'running', percent: '100.01', base: 'sales' } },
          { kind: NonMonetaryKind.Licence, description: 'Licence', exclusive: true },
        ],
      }),
    ).toEqual([
      'terms.nonMonetary.0.kind:enum',
      'terms.nonMonetary.1.description:required',
      'terms.nonMonetary.2.royalty:not_allowed',
      'terms.nonMonetary.3.exclusive:required',
      'terms.nonMonetary.3.royalty.percent:range',
      'terms.nonMonetary.3.royalty.base:required',
      'terms.nonMonetary.4.royalty.percent:range',
      'terms.nonMonetary.5.royalty:required',
    ]);
  });

  it('orders dues of the same kind only', () => {
    expect(compareDues({ date: '2026-05-01' }, { date: '2026-06-01' })).toBeLessThan(0);
    expect(compareDues({ daysAfterEffective: 30 }, { daysAfterEffective: 10 })).toBeGreaterThan(0);
    expect(compareDues({ date: '2026-05-01' }, { daysAfterEffective: 10 })).toBeUndefined();
  });
});
