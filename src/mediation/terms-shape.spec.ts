import { unknownTermFields } from './terms-shape';

const fields = (terms: unknown) => unknownTermFields(terms).map((e) => `${e.field}:${e.rule}`);

describe('unknownTermFields', () => {
  it('accepts every field of the settlement-terms shape', () => {
    expect(
      fields({
        money: {
          amount: '300000',
          currency: 'CNY',
          schedule: {
            kind: 'instalments',
            instalments: [
              { amount: '100000', due: { date: '2026-06-01' } },
              { amount: '200000', due: { date: '2026-07-01' } },
            ],
          },
        },
        nonMonetary: [
          { kind: 'stop_use', description: 'Stop selling', due: { daysAfterEffective: 10 } },
          {
            kind: 'licence',
            description: 'Licence',
            exclusive: false,
            territory: 'CN',
            duration: '5 years',
            royalty: { kind: 'running', percent: '3', base: 'net sales' },
            due: { date: '2026-06-01' },
          },
          { kind: 'licence', description: 'Licence', exclusive: true, royalty: { kind: 'fixed', amount: '1000', currency: 'USD' } },
        ],
      }),
    ).toEqual([]);
    expect(fields({ money: { amount: '1', currency: 'CNY', schedule: { kind: 'lump_sum', due: { daysAfterEffective: 15 } } }, nonMonetary: [] })).toEqual([]);
  });

  it('names each unknown field, at any depth', () => {
    expect(
      fields({
        money: { ammount: '1', currency: 'CNY', schedule: { kind: 'lump_sum', due: { date: '2026-06-01', time: '10:00' }, instalments: [] } },
        nonMonetary: [
          { kind: 'delist', description: 'Take down', royalty: null, extra: 1 },
          { kind: 'licence', description: 'L', exclusive: true, royalty: { kind: 'running', percent: '2', base: 'sales', cap: '5' } },
        ],
        secret: 'x',
      }),
    ).toEqual([
      'terms.secret:unknown',
      'terms.money.ammount:unknown',
      'terms.money.schedule.instalments:unknown',
      'terms.money.schedule.due.time:unknown',
      'terms.nonMonetary.0.royalty:unknown',
      'terms.nonMonetary.0.extra:unknown',
      'terms.nonMonetary.1.royalty.cap:unknown',
    ]);
  });

  it('leaves values it cannot read to the value checks', () => {
    expect(fields(null)).toEqual([]);
    expect(fields({ money: 'lots', nonMonetary: 'none' })).toEqual([]);
    expect(fields({ money: { schedule: { kind: 'weekly', every: 1 } }, nonMonetary: [null, 3] })).toEqual([]);
  });
});
