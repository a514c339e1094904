import { GlobalRole } from '../auth/roles';
import { statisticsScope } from './statistics-scope.policy';

const person = (roles: GlobalRole[], courts: string[] = []) => ({
  id: 'me',
  roles,
  memberships: courts.map((organisationId) => ({ organisationId, role: 'member' as const })),
});

describe('statistics scope policy', () => {
  it('gives administrators the platform, or one court they name', () => {
    expect(statisticsScope(person([GlobalRole.Admin]))).toEqual({ kind: 'platform', courtIds: null, mediatorId: null });
    expect(statisticsScope(person([GlobalRole.Admin]), 'c1')).toEqual({ kind: 'courts', courtIds: ['c1'], mediatorId: null });
  });

  it('gives court staff their own courts, and never another court', () => {
    expect(statisticsScope(person([GlobalRole.CourtClerk], ['c1', 'c2']))).toEqual({ kind: 'courts', courtIds: ['c1', 'c2'], mediatorId: null });
    expect(statisticsScope(person([GlobalRole.Judge], ['c1', 'c2']), 'c2')).toEqual({ kind: 'courts', courtIds: ['c2'], mediatorId: null });
    expect(statisticsScope(person([GlobalRole.CourtClerk], ['c1']), 'c9')).toEqual({ refused: 'not_your_court' });
    // Staff of no court see no cases, not every case.
    expect(statisticsScope(person([GlobalRole.CourtClerk]))).toEqual({ kind: 'courts', courtIds: [], mediatorId: null });
  });

  it('gives mediators their own cases', () => {
    expect(statisticsScope(person([GlobalRole.Mediator]))).toEqual({ kind: 'mediator', courtIds: null, mediatorId: 'me' });
    expect(statisticsScope(person([GlobalRole.Mediator]), 'c1')).toEqual({ kind: 'mediator', courtIds: ['c1'], mediatorId: 'me' });
  });

  it('refuses parties', () => {
    expect(statisticsScope(person([GlobalRole.Party]))).toEqual({ refused: 'not_staff' });
    expect(statisticsScope(person([]))).toEqual({ refused: 'not_staff' });
  });
});
