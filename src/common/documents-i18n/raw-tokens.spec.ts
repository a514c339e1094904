import { rawTokens } from './raw-tokens';

describe('rawTokens', () => {
  it.each([
    ['统一社会信用代码 unified_social_credit_code 9133', 'snake_case token'],
    ['地址 1b4e28ba-2fa1-11d2-883f-0016d3cca427', 'UUID'],
    ['Mediator undefined', 'programming value'],
    ['受送达人 null', 'programming value'],
    ['发送时间 2026-12-06T15:30:00.000Z', 'ISO timestamp'],
    ['于 2026-12-06 前', 'ISO date'],
    ['请运行 npm run archive:verify -- x.zip', 'developer command'],
  ])('finds %p', (text, rule) => {
    expect(rawTokens(text).map((t) => t.rule)).toContain(rule);
  });

  it('passes a readable document', () => {
    const text =
      '申请人：杭州甲科技有限公司\n统一社会信用代码：91330100MA2H3X4Y5Z\n人民币捌拾万元整（¥800,000.00）\n二〇二六年十二月六日\n案号 ACC-2026-000123\n(2026)浙01民特调确5号\nSHA-256 9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08\n6 December 2026, 23:30 (Beijing time)';
    expect(rawTokens(text)).toEqual([]);
  });
});
