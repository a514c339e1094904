import type { TFunction } from 'i18next';
import { explanationLines } from './explanation';

/** Keys and values, so the test reads what would be said without loading a language. */
const t = ((key: string, values?: Record<string, unknown>) => (values ? `${key} ${JSON.stringify(values)}` : key)) as unknown as TFunction;

describe('explanationLines', () => {
  it('says why the matcher chose a mediator: score, track, triage, each part, runners-up by name', () => {
    const lines = explanationLines(
      {
        source: 'matcher',
        reason: null,
        explanation: {
          track: 'standard',
          triage: ['two respondents: standard'],
          chosen: {
            mediatorId: 'm1',
            score: 0.8125,
            parts: { expertise: { contribution: 0.4, detail: 'takes patent disputes' }, workload: { contribution: 0.2, detail: '2 of 10 open' } },
          },
          runnersUp: [{ mediatorId: 'm2', score: 0.5 }],
          excluded: 2,
        },
      },
      new Map([['m2', 'Wang Fang']]),
      t,
    );
    expect(lines).toEqual([
      'adminPortal.assignment.score {"score":"0.813"}',
      'adminPortal.assignment.track {"track":"standard"}',
      'two respondents: standard',
      'takes patent disputes (+0.400)',
      '2 of 10 open (+0.200)',
      'adminPortal.assignment.runnersUp {"list":"Wang Fang 0.500"}',
      'adminPortal.assignment.excluded {"count":2}',
    ]);
  });

  it('gives an administrator’s reason for a manual offer, and says so when nothing was stored', () => {
    expect(explanationLines({ source: 'manual', reason: 'Speaks Korean', explanation: {} }, new Map(), t)).toEqual([
      'adminPortal.assignment.sources.manual',
      'adminPortal.assignment.givenReason {"reason":"Speaks Korean"}',
    ]);
    expect(explanationLines({ source: 'matcher', reason: null, explanation: {} }, new Map(), t)).toEqual(['adminPortal.assignment.noExplanation']);
  });
});
