/**
 * An amount written in Chinese capital numerals (大写金额), as contracts, rulings and payment
 * instruments write sums so that no digit can be altered: "800000.00" → "捌拾万元整".
 * Rules of the PBOC's 《支付结算办法》 (附件一, 正确填写票据和结算凭证的基本规定): one 零 for a run
 * of zeros inside the number, 整 when the amount stops at 元 (or 角), none when it has 分,
 * 壹拾 rather than 拾 for the tens digit leading a section. Pure.
 */

const DIGITS = ['零', '壹', '贰', '叁', '肆', '伍', '陆', '柒', '捌', '玖'];
const UNITS = ['', '拾', '佰', '仟'];
/** 10^0, 10^4, 10^8, 10^12: 10^12 is 万亿, written 万 then 亿 once the 亿 section is reached. */
const SECTIONS = ['', '万', '亿', '万'];

export class AmountInWordsError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'AmountInWordsError';
  }
}

/** The integer part in capitals, without 元: "800000" → "捌拾万". */
function integerInWords(digits: string): string {
  if (/^0+$/.test(digits)) return '零';
  const trimmed = digits.replace(/^0+/, '');
  if (trimmed.length > 16) throw new AmountInWordsError(`"${digits}" is too large to write in words`);
  let out = '';
  let zero = false;
  let sectionHasDigit = false;
  for (let i = 0; i < trimmed.length; i++) {
    const position = trimmed.length - 1 - i;
    const digit = Number(trimmed[i]);
    if (digit === 0) {
      zero = out.length > 0;
    } else {
      if (zero) out += '零';
      zero = false;
      out += DIGITS[digit] + UNITS[position % 4];
      sectionHasDigit = true;
    }
    if (position % 4 === 0 && position > 0) {
      // 壹万亿: an empty 亿 section still closes a 万亿 amount.
      if (sectionHasDigit || (position === 8 && out.endsWith('万'))) out += SECTIONS[position / 4];
      sectionHasDigit = false;
    }
  }
  return out;
}

/**
 * A non-negative decimal amount with at most two decimals ("800000", "800000.5", "800000.05")
 * in capitals: "捌拾万元整", "捌拾万元伍角", "捌拾万元零伍分".
 */
export function chineseUppercaseAmount(amount: string): string {
  const match = /^(\d{1,16})(?:\.(\d{1,2}))?$/.exec(amount);
  if (!match) throw new AmountInWordsError(`"${amount}" is not a non-negative amount with at most two decimals`);
  const [jiao, fen] = (match[2] ?? '').padEnd(2, '0').split('').map(Number);
  const integer = integerInWords(match[1]);
  const hasInteger = integer !== '零';
  if (jiao === 0 && fen === 0) return `${integer}元整`;
  let out = hasInteger ? `${integer}元` : '';
  if (jiao > 0) out += `${DIGITS[jiao]}角`;
  else if (hasInteger) out += '零';
  if (fen > 0) out += `${DIGITS[fen]}分`;
  return out;
}
