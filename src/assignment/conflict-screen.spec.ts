import { PartySide } from '../cases/entities/case-party.entity';
import { createConflictScreen, sameName } from './conflict-screen';
import type { MediatorProfile } from './mediator-profile';

const relatedTo = (...organisationIds: string[]): Pick<MediatorProfile, 'id' | 'relationships'> => ({
  id: 'mediator-1',
  relationships: { organisations: organisationIds.map((organisationId) => ({ organisationId, kind: 'client' as const })), people: [] },
});
const respondent = { side: PartySide.Respondent, kind: 'organisation' as const, name: 'Respondent Co.', organisationId: 'org-r' };

describe('createConflictScreen', () => {
  it('stops on cyclic parent data instead of looping', () => {
    const parents = new Map([
      ['org-r', 'org-p'],
      ['org-p', 'org-r'],
      ['org-x', 'org-y'],
      ['org-y', 'org-x'],
    ]);
    const screen = createConflictScreen({ parties: [respondent] }, { organisationParents: parents, corporateGroupLevels: 2 });
    expect(screen(relatedTo('org-x'))).toBeUndefined();
    expect(screen(relatedTo('org-p'))).toBe('declared client relationship with organisation org-p: the parent company of respondent Respondent Co.');
  });

  it('reports the first conflicting relationship and nothing for an unrelated mediator', () => {
    const screen = createConflictScreen({ parties: [respondent], agents: [] }, { corporateGroupLevels: 2 });
    expect(screen(relatedTo('org-a', 'org-r'))).toBe('declared client relationship with organisation org-r: respondent Respondent Co.');
    expect(screen(relatedTo('org-a'))).toBeUndefined();
    expect(screen({ id: 'm', relationships: { organisations: [], people: [{ name: 'Someone Else', kind: 'relative' }] } })).toBeUndefined();
  });

  it('refuses a negative group breadth', () => {
    expect(() => createConflictScreen({ parties: [] }, { corporateGroupLevels: -1 })).toThrow(RangeError);
  });
});

describe('sameName', () => {
  it('ignores spaces, ASCII case and full-width forms', () => {
    expect(sameName(' 王 小明', '王小明')).toBe(true);
    expect(sameName('ACME  Trading Ltd', 'acme trading ltd')).toBe(true);
    expect(sameName('ＡＣＭＥ（中国）有限公司', 'acme(中国)有限公司')).toBe(true);
  });

  it('does not match different or empty names', () => {
    expect(sameName('王小明', '王小')).toBe(false);
    expect(sameName('ACME', 'ACMF')).toBe(false);
    expect(sameName('', '')).toBe(false);
    expect(sameName('  ', ' ')).toBe(false);
  });
});
