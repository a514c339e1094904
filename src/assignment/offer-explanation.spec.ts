import { OfferSource } from './assignment-offer.entity';
import { HardFilter } from './matcher';
import { explanationForMediator } from './offer-explanation';

const stored = {
  track: 'standard',
  triage: ['2 rights'],
  chosen: {
    mediatorId: 'me',
    score: 0.7123,
    track: 'standard',
    filtersPassed: [
      { filter: HardFilter.DisputeType, check: 'handles patent disputes' },
      { filter: HardFilter.Language, check: 'speaks zh-CN' },
    ],
    parts: {
      expertise: { weight: 0.4, value: 0.5, contribution: 0.2, detail: 'handles patent' },
      workload: { weight: 0.25, value: 0.9, contribution: 0.225, detail: '1 open case of 10' },
      successRate: { weight: 0.2, value: 0.222, contribution: 0.0444, detail: '…' },
      fairness: { weight: 0.15, value: 1, contribution: 0.15, detail: '0 assignments' },
    },
    tieBreak: { recentAssignments: 0, hash: 123456 },
  },
  runnersUp: [{ mediatorId: 'someone-else', score: 0.6 }],
  excluded: 4,
};

describe('explanationForMediator', () => {
  it('keeps the offered mediator’s own score parts and filters, in a fixed order', () => {
    expect(explanationForMediator(OfferSource.Matcher, stored, null)).toEqual({
      source: 'matcher',
      track: 'standard',
      score: 0.7123,
      parts: [
        { name: 'expertise', weight: 0.4, value: 0.5 },
        { name: 'workload', weight: 0.25, value: 0.9 },
        { name: 'successRate', weight: 0.2, value: 0.222 },
        { name: 'fairness', weight: 0.15, value: 1 },
      ],
      filtersPassed: ['dispute_type', 'language'],
      reason: null,
    });
  });

  it('never shows other mediators, the excluded count or the tie-break hash', () => {
    const text = JSON.stringify(explanationForMediator(OfferSource.Matcher, stored, null));
    expect(text).not.toContain('someone-else');
    expect(text).not.toContain('123456');
    expect(text).not.toContain('excluded');
  });

  it('a manual offer carries the administrator’s reason but not its id; a nomination no party ids', () => {
    expect(explanationForMediator(OfferSource.Manual, { assignedBy: 'admin-id' }, 'Knows the technology')).toEqual({
      source: 'manual',
      track: null,
      score: null,
      parts: [],
      filtersPassed: [],
      reason: 'Knows the technology',
    });
    const nominated = explanationForMediator(OfferSource.JointNomination, { nominatedBy: [{ side: 'applicant', mediator_id: 'x' }] }, 'joint nomination by the parties');
    expect(nominated).toMatchObject({ source: 'joint_nomination', reason: null, parts: [] });
    expect(JSON.stringify(nominated)).not.toContain('applicant');
  });

  it('tolerates an explanation of another shape (unknown filters and parts are left out)', () => {
    expect(explanationForMediator(OfferSource.Matcher, { chosen: { parts: { expertise: { weight: 'x' } }, filtersPassed: [{ filter: 'made_up' }, 'text'] } }, null)).toEqual({
      source: 'matcher',
      track: null,
      score: null,
      parts: [],
      filtersPassed: [],
      reason: null,
    });
    expect(explanationForMediator(OfferSource.Matcher, null, null).parts).toEqual([]);
  });
});
