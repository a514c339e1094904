import { rate, roundRate, successRate, voluntaryPerformanceRate } from './statistics-rates';

describe('statistics rates', () => {
  it('rounds to 3 decimals', () => {
    expect(roundRate(2138 / 9638)).toBe(0.222);
    expect(roundRate(2 / 3)).toBe(0.667);
    expect(roundRate(1)).toBe(1);
    expect(roundRate(0.0005)).toBe(0.001);
  });

  it('success rate = settled ÷ received, as the seed platform counts its first year', () => {
    expect(successRate(2138, 9638)).toBe(0.222);
    expect(successRate(0, 5)).toBe(0);
    expect(successRate(5, 5)).toBe(1);
  });

  it('voluntary-performance rate = performed ÷ (performed + defaulted)', () => {
    // 2,111 performed of 2,138 settled, the rest defaulted: 98.7 %.
    expect(voluntaryPerformanceRate(2111, 27)).toBe(0.987);
    expect(voluntaryPerformanceRate(3, 1)).toBe(0.75);
    expect(voluntaryPerformanceRate(0, 4)).toBe(0);
  });

  it('is null, not 0, when there is nothing to divide by', () => {
    expect(successRate(0, 0)).toBeNull();
    expect(voluntaryPerformanceRate(0, 0)).toBeNull();
  });

  it('refuses what is not a count', () => {
    expect(() => rate(-1, 3)).toThrow(RangeError);
    expect(() => rate(1, Number.NaN)).toThrow(RangeError);
  });
});
