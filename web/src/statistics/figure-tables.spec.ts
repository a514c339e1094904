import { figureTables, type Statistics, type TableWords } from './figure-tables';

const words: TableWords = {
  column: (n) => `col:${n}`,
  figure: (n) => `fig:${n}`,
  definition: (n) => `def:${n}`,
  source: (k) => `src:${k}`,
  disputeType: (k) => `type:${k}`,
  outcome: (k) => `out:${k}`,
  stage: (k) => `stage:${k}`,
};

const stats: Statistics = {
  period: { from: '2026-01-01T00:00:00.000Z', to: '2027-01-01T00:00:00.000Z' },
  scope: 'platform',
  received: { total: 9, bySource: { online_application: 2, court_referral: 7 }, byDisputeType: { trademark: 3, patent: 3, copyright: 3 } },
  accepted: 8,
  settled: 4,
  successRate: 0.444,
  confirmed: 2,
  performed: 3,
  defaulted: 1,
  voluntaryPerformanceRate: 0.75,
  closedByOutcome: { fulfilled: 3, defaulted: 1, withdrawn: 1 },
  medianDays: { agreementToConfirmation: 5, submissionToAcceptance: 1.5, mediationToAgreement: null },
  deadlinesMissed: 0,
  deadlinesOverdueNow: 1,
  mediators: [
    { mediatorId: 'm1', name: 'Li', openCases: 2, capacity: 10, closed: { fulfilled: 2, withdrawn: 1 } },
    { mediatorId: 'm2', name: 'Wang', openCases: 0, capacity: 5, closed: { defaulted: 1 } },
  ],
};

describe('the dashboard tables', () => {
  const tables = figureTables(stats, words);

  it('lists the headline figures with the rates as the API gives them', () => {
    expect(tables.overview.rows.map((r) => r.cells)).toEqual([
      ['fig:received', 9, 'def:received'],
      ['fig:accepted', 8, 'def:accepted'],
      ['fig:settled', 4, 'def:settled'],
      ['fig:successRate', 0.444, 'def:successRate'],
      ['fig:confirmed', 2, 'def:confirmed'],
      ['fig:performed', 3, 'def:performed'],
      ['fig:defaulted', 1, 'def:defaulted'],
      ['fig:voluntaryPerformanceRate', 0.75, 'def:voluntaryPerformanceRate'],
      ['fig:deadlinesMissed', 0, 'def:deadlinesMissed'],
      ['fig:deadlinesOverdueNow', 1, 'def:deadlinesOverdueNow'],
    ]);
  });

  it('orders counts largest first, then by key', () => {
    expect(tables.bySource.rows.map((r) => r.cells)).toEqual([
      ['src:court_referral', 7],
      ['src:online_application', 2],
    ]);
    expect(tables.byDisputeType.rows.map((r) => r.key)).toEqual(['copyright', 'patent', 'trademark']);
    expect(tables.closedByOutcome.columns.map((c) => c.title)).toEqual(['col:outcome', 'col:cases']);
  });

  it('shows every stage in order, empty where no case took both steps', () => {
    expect(tables.medianDays.rows.map((r) => r.cells)).toEqual([
      ['stage:submissionToAcceptance', 1.5],
      ['stage:acceptanceToMediatorAccept', null],
      ['stage:mediationToAgreement', null],
      ['stage:agreementToConfirmation', 5],
    ]);
  });

  it('gives each mediator a column per outcome any of them closed with, and a total', () => {
    expect(tables.mediators.columns.map((c) => c.title)).toEqual([
      'col:mediator',
      'col:openCases',
      'col:capacity',
      'out:defaulted',
      'out:fulfilled',
      'out:withdrawn',
      'col:closedTotal',
    ]);
    expect(tables.mediators.rows.map((r) => r.cells)).toEqual([
      ['Li', 2, 10, 0, 2, 1, 3],
      ['Wang', 0, 5, 1, 0, 0, 1],
    ]);
  });
});
