import { DateTime } from 'luxon';
import type { DocumentLanguage } from './language';

/**
 * Dates and times as documents print them, always in the platform's zone (PLATFORM_TIMEZONE):
 * a Chinese document writes 2026年12月6日 23:30, an English one 6 December 2026, 23:30, and the
 * zone is named once per time (北京时间 / Beijing time), so a reader never converts from UTC.
 * A court document's closing date is in Chinese numerals (二〇二六年十二月六日), as rulings and
 * mediation agreements are dated. Pure.
 */

const NUMERALS = ['〇', '一', '二', '三', '四', '五', '六', '七', '八', '九'];

/** 1–31 as a Chinese number: 六, 十, 十二, 二十, 三十一. */
function chineseNumber(n: number): string {
  if (n < 10) return NUMERALS[n];
  const tens = Math.floor(n / 10);
  const ones = n % 10;
  return `${tens === 1 ? '' : NUMERALS[tens]}十${ones === 0 ? '' : NUMERALS[ones]}`;
}

/** A local date in the platform's zone, or a YYYY-MM-DD date (already local). */
export type DateInput = Date | string;

function toLocal(value: DateInput, zone: string): DateTime {
  const dt = typeof value === 'string' ? DateTime.fromISO(value, { zone }) : DateTime.fromJSDate(value, { zone });
  if (!dt.isValid) throw new RangeError(`"${String(value)}" is not a valid date`);
  return dt;
}

/** 二〇二六年十二月六日: the closing date of a ruling, an agreement or a notice. */
export function chineseNumeralDate(value: DateInput, zone: string): string {
  const d = toLocal(value, zone);
  const year = String(d.year)
    .split('')
    .map((c) => NUMERALS[Number(c)])
    .join('');
  return `${year}年${chineseNumber(d.month)}月${chineseNumber(d.day)}日`;
}

/** The date a closing block prints: Chinese numerals in Chinese, "6 December 2026" in English. */
export function closingDate(value: DateInput, lang: DocumentLanguage, zone: string): string {
  return lang === 'zh-CN' ? chineseNumeralDate(value, zone) : formatDate(value, lang, zone);
}

/** 2026年12月6日 / 6 December 2026. */
export function formatDate(value: DateInput, lang: DocumentLanguage, zone: string): string {
  const d = toLocal(value, zone);
  return lang === 'zh-CN' ? `${d.year}年${d.month}月${d.day}日` : d.setLocale('en-GB').toFormat('d MMMM yyyy');
}

/** 北京时间 / Beijing time for the platform's usual zone; otherwise the offset, UTC+08:00. */
export function zoneName(zone: string, lang: DocumentLanguage, at: Date = new Date()): string {
  if (zone === 'Asia/Shanghai' || zone === 'Asia/Chongqing' || zone === 'PRC') return lang === 'zh-CN' ? '北京时间' : 'Beijing time';
  return `UTC${DateTime.fromJSDate(at, { zone }).toFormat('ZZ')}`;
}

export interface TimeOptions {
  /** Service and signature records are precise to the second. */
  seconds?: boolean;
}

/** 2026年12月6日 23:30（北京时间） / 6 December 2026, 23:30 (Beijing time). */
export function formatDateTime(value: Date, lang: DocumentLanguage, zone: string, options: TimeOptions = {}): string {
  const d = toLocal(value, zone);
  const time = d.toFormat(options.seconds ? 'HH:mm:ss' : 'HH:mm');
  const name = zoneName(zone, lang, value);
  return lang === 'zh-CN' ? `${d.year}年${d.month}月${d.day}日 ${time}（${name}）` : `${d.setLocale('en-GB').toFormat('d MMMM yyyy')}, ${time} (${name})`;
}
