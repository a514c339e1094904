import { administeredOrganisations, awaitingMaterial, isCourtStaffOnly } from './court-rules';

const supplement = (over: { supplementedAt?: string | null; expiredAt?: string | null }) => ({
  id: 's',
  items: 'The business licence',
  requestedAt: '2026-12-01T00:00:00Z',
  dueAt: '2026-12-11T00:00:00Z',
  documentIds: [],
  ...over,
});

describe('the court portal’s rules', () => {
  it('a court administrator is an admin member of the court; a plain member is not', () => {
    expect(
      administeredOrganisations({
        memberships: [
          { organisationId: 'a', role: 'admin' },
          { organisationId: 'b', role: 'member' },
        ],
      }),
    ).toEqual(['a']);
    expect(administeredOrganisations(undefined)).toEqual([]);
  });

  it('waits for material only while a request is neither supplied nor expired', () => {
    expect(awaitingMaterial({ supplements: [] })).toBe(false);
    expect(awaitingMaterial({ supplements: [supplement({})] })).toBe(true);
    expect(awaitingMaterial({ supplements: [supplement({ supplementedAt: '2026-12-05T00:00:00Z' })] })).toBe(false);
    expect(awaitingMaterial({ supplements: [supplement({ expiredAt: '2026-12-11T00:00:00Z' })] })).toBe(false);
  });

  it('a court manages accounts that are only clerks or judges', () => {
    expect(isCourtStaffOnly({ roles: ['court_clerk'] })).toBe(true);
    expect(isCourtStaffOnly({ roles: ['judge', 'court_clerk'] })).toBe(true);
    expect(isCourtStaffOnly({ roles: ['judge', 'mediator'] })).toBe(false);
    expect(isCourtStaffOnly({ roles: ['admin', 'court_clerk'] })).toBe(false);
    expect(isCourtStaffOnly({ roles: [] })).toBe(false);
  });
});
