import { homeOf, portalsOf } from './use-session';

describe('portals by role', () => {
  it('sends each role home to its portal', () => {
    expect(homeOf(['party'])).toBe('/cases');
    expect(homeOf(['mediator'])).toBe('/mediator');
    expect(homeOf(['judge'])).toBe('/court');
    expect(homeOf(['court_clerk'])).toBe('/court');
    expect(homeOf(['admin'])).toBe('/admin');
  });

  it('lists every portal of a person with several roles, parties first', () => {
    expect(portalsOf(['admin', 'party']).map((p) => p.path)).toEqual(['/cases', '/admin']);
  });

  it('gives someone with no role "My cases": anyone can be a party', () => {
    expect(portalsOf([]).map((p) => p.path)).toEqual(['/cases']);
  });
});
