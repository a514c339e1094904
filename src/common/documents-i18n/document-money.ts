import { formatMinorUnits, minorUnitDigits, toMinorUnits } from '../money/money';
import { chineseUppercaseAmount } from './amount-in-words';
import type { DocumentLanguage } from './language';

/**
 * Money as documents print it, one way per language: ¥800,000.00 in Chinese (欧元 70,000.00 for
 * other currencies), CNY 800,000.00 in English; and where legal text states the sum, in words
 * too: 人民币捌拾万元整（¥800,000.00）. Pure.
 */

const CURRENCY_NAMES_ZH: Readonly<Record<string, string>> = {
  CNY: '人民币',
  USD: '美元',
  EUR: '欧元',
  GBP: '英镑',
  JPY: '日元',
  HKD: '港元',
  MOP: '澳门元',
  TWD: '新台币',
  KRW: '韩元',
  SGD: '新加坡元',
  CHF: '瑞士法郎',
  AUD: '澳大利亚元',
  CAD: '加拿大元',
};

/** 800000.00 → "800,000.00", with the currency's own decimals. */
export function groupedAmount(amount: string, currency: string): string {
  const plain = formatMinorUnits(toMinorUnits(amount, currency), currency);
  const [integer, fraction] = plain.split('.');
  const grouped = integer.replace(/\B(?=(\d{3})+(?!\d))/g, ',');
  return minorUnitDigits(currency) > 0 ? `${grouped}.${fraction}` : grouped;
}

/** ¥800,000.00 / 欧元 70,000.00 / CNY 800,000.00. */
export function formatMoney(amount: string, currency: string, lang: DocumentLanguage): string {
  const figure = groupedAmount(amount, currency);
  if (lang === 'en') return `${currency} ${figure}`;
  if (currency === 'CNY') return `¥${figure}`;
  return `${CURRENCY_NAMES_ZH[currency] ?? currency} ${figure}`;
}

/**
 * The sum as legal text states it: 人民币捌拾万元整（¥800,000.00） in Chinese for renminbi (the
 * words govern, the figures help), the figures otherwise.
 */
export function moneyInLegalText(amount: string, currency: string, lang: DocumentLanguage): string {
  const figures = formatMoney(amount, currency, lang);
  if (lang === 'zh-CN' && currency === 'CNY') {
    return `人民币${chineseUppercaseAmount(formatMinorUnits(toMinorUnits(amount, currency), currency))}（${figures}）`;
  }
  return figures;
}
