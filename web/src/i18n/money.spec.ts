import { formatMoney } from './money';

describe('money on screen', () => {
  it('prints as the documents do: the yuan sign in Chinese, the code in English, grouped, with the currency’s decimals', () => {
    expect(formatMoney('800000.00', 'CNY', 'zh-CN')).toBe('¥800,000.00');
    expect(formatMoney('120000', 'CNY', 'en')).toBe('CNY 120,000.00');
    expect(formatMoney('70000', 'EUR', 'en')).toBe('EUR 70,000.00');
    expect(formatMoney('5000', 'JPY', 'en')).toBe('JPY 5,000');
  });

  it('keeps every digit of an amount too large for a float', () => {
    expect(formatMoney('12345678901234567.89', 'CNY', 'en')).toBe('CNY 12,345,678,901,234,567.89');
  });
});
