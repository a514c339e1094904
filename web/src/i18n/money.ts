/**
 * Money as the screens show it, the way the documents print it (src/common/documents-i18n/
 * document-money.ts): ¥800,000.00 in Chinese, CNY 800,000.00 in English. The API's amounts are
 * decimal strings, and Intl formats the string itself, so no amount passes through a float.
 */
export function formatMoney(amount: string, currency: string, language: string): string {
  const english = !language.startsWith('zh');
  const format = new Intl.NumberFormat(english ? 'en-GB' : 'zh-CN', {
    style: 'currency',
    currency,
    currencyDisplay: english ? 'code' : 'symbol',
  });
  // ES2023 Intl.NumberFormat takes a decimal string exactly; TypeScript's lib still says number.
  return format.format(amount as unknown as number).replace(/\u00a0/g, ' ');
}
