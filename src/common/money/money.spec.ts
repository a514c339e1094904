import {
  compareAmounts,
  divideRounded,
  formatMinorUnits,
  isCurrencyCode,
  minorUnitDigits,
  MoneyError,
  normaliseAmount,
  parseAmount,
  parseDecimal,
  sumAmounts,
  toMinorUnits,
} from './money';

describe('money', () => {
  it('knows ISO 4217 codes and their minor units', () => {
    expect(isCurrencyCode('CNY')).toBe(true);
    expect(isCurrencyCode('USD')).toBe(true);
    expect(isCurrencyCode('cny')).toBe(false);
    expect(isCurrencyCode('RMB')).toBe(false);
    expect(isCurrencyCode('ABC')).toBe(false);
    expect(isCurrencyCode(42)).toBe(false);
    expect(minorUnitDigits('CNY')).toBe(2);
    expect(minorUnitDigits('EUR')).toBe(2);
    expect(minorUnitDigits('JPY')).toBe(0);
    expect(minorUnitDigits('KRW')).toBe(0);
    expect(minorUnitDigits('KWD')).toBe(3);
    expect(minorUnitDigits('IQD')).toBe(3); // ISO says 3 even where CLDR displays 0
    expect(() => minorUnitDigits('RMB')).toThrow(MoneyError);
  });

  it('parses amounts exactly into minor units', () => {
    expect(parseAmount('1200.50', 'CNY')).toEqual({ ok: true, minor: 120050n });
    expect(parseAmount('1200.5', 'CNY')).toEqual({ ok: true, minor: 120050n });
    expect(parseAmount('1200', 'CNY')).toEqual({ ok: true, minor: 120000n });
    expect(parseAmount('0', 'CNY')).toEqual({ ok: true, minor: 0n });
    expect(parseAmount('0.10', 'CNY')).toEqual({ ok: true, minor: 10n });
    expect(parseAmount('1500', 'JPY')).toEqual({ ok: true, minor: 1500n });
    expect(parseAmount('1.234', 'KWD')).toEqual({ ok: true, minor: 1234n });
    // Beyond the float-safe range, still exact.
    expect(parseAmount('123456789012345678.99', 'CNY')).toEqual({ ok: true, minor: 12345678901234567899n });
  });

  it.each([
    ['-1', 'CNY'],
    ['+1', 'CNY'],
    ['1e3', 'CNY'],
    ['1,000', 'CNY'],
    ['01', 'CNY'],
    ['1.', 'CNY'],
    ['.5', 'CNY'],
    [' 1', 'CNY'],
    ['', 'CNY'],
    ['1234567890123456789', 'CNY'],
  ])('refuses the amount %p', (amount, currency) => {
    expect(parseAmount(amount, currency)).toMatchObject({ ok: false });
  });

  it('refuses more decimals than the currency has, and says so', () => {
    expect(parseAmount('1.005', 'CNY')).toEqual({ ok: false, problem: 'CNY has 2 decimal places; "1.005" has 3' });
    expect(parseAmount('1.5', 'JPY')).toMatchObject({ ok: false, problem: expect.stringContaining('JPY has 0 decimal places') });
    expect(parseAmount(1.5, 'CNY')).toMatchObject({ ok: false });
    expect(parseAmount('1', 'XYZ')).toMatchObject({ ok: false, problem: expect.stringContaining('ISO 4217') });
    expect(() => toMinorUnits('1.005', 'CNY')).toThrow(MoneyError);
  });

  it('formats minor units with exactly the currency’s decimals', () => {
    expect(formatMinorUnits(120050n, 'CNY')).toBe('1200.50');
    expect(formatMinorUnits(5n, 'CNY')).toBe('0.05');
    expect(formatMinorUnits(0n, 'CNY')).toBe('0.00');
    expect(formatMinorUnits(1500n, 'JPY')).toBe('1500');
    expect(formatMinorUnits(1n, 'KWD')).toBe('0.001');
    expect(() => formatMinorUnits(-1n, 'CNY')).toThrow(MoneyError);
    expect(normaliseAmount('7.1', 'USD')).toBe('7.10');
  });

  it('adds and compares without floating-point error', () => {
    expect(sumAmounts(['0.10', '0.20'], 'CNY')).toBe('0.30');
    expect(sumAmounts([], 'CNY')).toBe('0.00');
    expect(compareAmounts('0.30', sumAmounts(['0.10', '0.20'], 'CNY'), 'CNY')).toBe(0);
    expect(compareAmounts('10', '9.99', 'CNY')).toBe(1);
    expect(compareAmounts('9.99', '10', 'CNY')).toBe(-1);
  });

  it('rounds a quotient by each mode', () => {
    // 5 / 2 = 2.5, 7 / 2 = 3.5, 7 / 3 = 2.33…, 8 / 3 = 2.66…
    expect([5n, 7n].map((n) => divideRounded(n, 2n, 'half_up'))).toEqual([3n, 4n]);
    expect([5n, 7n].map((n) => divideRounded(n, 2n, 'half_even'))).toEqual([2n, 4n]);
    expect([5n, 7n].map((n) => divideRounded(n, 2n, 'down'))).toEqual([2n, 3n]);
    expect([5n, 7n].map((n) => divideRounded(n, 2n, 'up'))).toEqual([3n, 4n]);
    expect(divideRounded(7n, 3n, 'half_up')).toBe(2n);
    expect(divideRounded(8n, 3n, 'half_up')).toBe(3n);
    expect(divideRounded(8n, 3n, 'half_even')).toBe(3n);
    expect(divideRounded(6n, 3n, 'up')).toBe(2n);
    expect(() => divideRounded(1n, 0n, 'down')).toThrow(MoneyError);
    expect(() => divideRounded(-1n, 2n, 'down')).toThrow(MoneyError);
  });

  it('parses plain decimals for percentages and rates', () => {
    expect(parseDecimal('12.5')).toEqual({ units: 125n, scale: 1 });
    expect(parseDecimal('10')).toEqual({ units: 10n, scale: 0 });
    expect(parseDecimal('0.125')).toEqual({ units: 125n, scale: 3 });
    expect(parseDecimal('-1')).toBeUndefined();
    expect(parseDecimal('1e2')).toBeUndefined();
    expect(parseDecimal(10)).toBeUndefined();
  });
});
