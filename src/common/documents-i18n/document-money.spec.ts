import { formatMoney, groupedAmount, moneyInLegalText } from './document-money';

describe('money in documents', () => {
  it('groups digits with the currency’s decimals', () => {
    expect(groupedAmount('800000', 'CNY')).toBe('800,000.00');
    expect(groupedAmount('1234567.5', 'EUR')).toBe('1,234,567.50');
    expect(groupedAmount('999', 'CNY')).toBe('999.00');
    expect(groupedAmount('1500000', 'JPY')).toBe('1,500,000');
  });

  it('prints one form per language', () => {
    expect(formatMoney('800000.00', 'CNY', 'zh-CN')).toBe('¥800,000.00');
    expect(formatMoney('800000.00', 'CNY', 'en')).toBe('CNY 800,000.00');
    expect(formatMoney('70000', 'EUR', 'zh-CN')).toBe('欧元 70,000.00');
    expect(formatMoney('70000', 'EUR', 'en')).toBe('EUR 70,000.00');
  });

  it('states renminbi in words in Chinese legal text', () => {
    expect(moneyInLegalText('800000.00', 'CNY', 'zh-CN')).toBe('人民币捌拾万元整（¥800,000.00）');
    expect(moneyInLegalText('120000.50', 'CNY', 'zh-CN')).toBe('人民币壹拾贰万元伍角（¥120,000.50）');
    expect(moneyInLegalText('800000.00', 'CNY', 'en')).toBe('CNY 800,000.00');
    expect(moneyInLegalText('70000.00', 'EUR', 'zh-CN')).toBe('欧元 70,000.00');
  });
});
