import { Clock } from './clock';

describe('Clock', () => {
  it('reads the system time, moved by what tests advanced it', () => {
    const clock = new Clock(true);
    const before = Date.now();
    clock.advance(86_400_000);
    expect(clock.nowMs()).toBeGreaterThanOrEqual(before + 86_400_000);
    expect(clock.now().getTime()).toBeLessThan(Date.now() + 86_400_000 + 1_000);
    clock.reset();
    expect(Math.abs(clock.nowMs() - Date.now())).toBeLessThan(1_000);
  });

  it('cannot be moved outside tests', () => {
    const clock = new Clock(false);
    expect(() => clock.advance(1)).toThrow(/only be moved in tests/);
    expect(() => clock.reset()).toThrow(/only be moved in tests/);
  });
});
