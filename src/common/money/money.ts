/**
 * Money as decimal strings, computed in integer minor units (BigInt): never a binary float, so
 * "0.10" + "0.20" is "0.30" and a midpoint is rounded once, by a rule written down here.
 *
 * Amounts are non-negative decimal strings without exponent, sign, grouping or leading zeros
 * ("120000", "120000.5", "120000.50"), with at most as many decimals as the currency has minor
 * units (ISO 4217). Formatting always writes exactly that many decimals ("120000.50").
 */

export class MoneyError extends RangeError {
  constructor(message: string) {
    super(message);
    this.name = 'MoneyError';
  }
}

/**
 * ISO 4217 minor units that differ from the usual 2 (List One). Deliberately not read from Intl:
 * CLDR's display digits differ from ISO for some currencies (IQD, LAK…), and a stored amount
 * must not change meaning with the ICU version.
 */
const MINOR_UNIT_EXCEPTIONS: Readonly<Record<string, number>> = Object.freeze({
  BIF: 0,
  CLP: 0,
  DJF: 0,
  GNF: 0,
  ISK: 0,
  JPY: 0,
  KMF: 0,
  KRW: 0,
  PYG: 0,
  RWF: 0,
  UGX: 0,
  UYI: 0,
  VND: 0,
  VUV: 0,
  XAF: 0,
  XOF: 0,
  XPF: 0,
  BHD: 3,
  IQD: 3,
  JOD: 3,
  KWD: 3,
  LYD: 3,
  OMR: 3,
  TND: 3,
  CLF: 4,
  UYW: 4,
});

let knownCurrencies: ReadonlySet<string> | undefined;

/** An ISO 4217 code of a currency in use (upper case), e.g. CNY, USD, EUR, JPY. */
export function isCurrencyCode(value: unknown): value is string {
  if (typeof value !== 'string' || !/^[A-Z]{3}$/.test(value)) return false;
  knownCurrencies ??= new Set(Intl.supportedValuesOf('currency'));
  return knownCurrencies.has(value) || value in MINOR_UNIT_EXCEPTIONS;
}

/** Decimals of the currency's minor unit: 2 for CNY, 0 for JPY, 3 for KWD. */
export function minorUnitDigits(currency: string): number {
  if (!isCurrencyCode(currency)) throw new MoneyError(`"${currency}" is not an ISO 4217 currency code`);
  return MINOR_UNIT_EXCEPTIONS[currency] ?? 2;
}

/** Up to 18 integer digits: far beyond any dispute, and small enough to stay readable. */
const AMOUNT = /^(0|[1-9]\d{0,17})(?:\.(\d+))?$/;

export type ParsedAmount = { ok: true; minor: bigint } | { ok: false; problem: string };

/** Reads an amount of `currency` into minor units, or says what is wrong with it. */
export function parseAmount(amount: unknown, currency: string): ParsedAmount {
  if (!isCurrencyCode(currency)) return { ok: false, problem: `"${String(currency)}" is not an ISO 4217 currency code` };
  if (typeof amount !== 'string') return { ok: false, problem: 'must be a decimal string such as "1200.50"' };
  const match = AMOUNT.exec(amount);
  if (!match) return { ok: false, problem: 'must be a non-negative decimal string such as "1200.50" (no sign, exponent or grouping)' };
  const digits = minorUnitDigits(currency);
  const fraction = match[2] ?? '';
  if (fraction.length > digits) {
    return { ok: false, problem: `${currency} has ${digits} decimal place${digits === 1 ? '' : 's'}; "${amount}" has ${fraction.length}` };
  }
  return { ok: true, minor: BigInt(match[1] + fraction.padEnd(digits, '0')) };
}

/** Minor units of a valid amount; throws MoneyError for an invalid one (validate input first). */
export function toMinorUnits(amount: string, currency: string): bigint {
  const parsed = parseAmount(amount, currency);
  if (!parsed.ok) throw new MoneyError(`amount "${amount}": ${parsed.problem}`);
  return parsed.minor;
}

/** The canonical string of `minor` units of `currency`: "1200.50", "1200" for JPY. */
export function formatMinorUnits(minor: bigint, currency: string): string {
  if (minor < 0n) throw new MoneyError('amounts are never negative');
  const digits = minorUnitDigits(currency);
  if (digits === 0) return minor.toString();
  const s = minor.toString().padStart(digits + 1, '0');
  return `${s.slice(0, -digits)}.${s.slice(-digits)}`;
}

/** The canonical string of a valid amount: "1200.5" CNY → "1200.50". */
export function normaliseAmount(amount: string, currency: string): string {
  return formatMinorUnits(toMinorUnits(amount, currency), currency);
}

/** −1, 0 or 1, like a sort comparator. */
export function compareAmounts(a: string, b: string, currency: string): -1 | 0 | 1 {
  const x = toMinorUnits(a, currency);
  const y = toMinorUnits(b, currency);
  return x < y ? -1 : x > y ? 1 : 0;
}

export function sumAmounts(amounts: readonly string[], currency: string): string {
  return formatMinorUnits(
    amounts.reduce((total, a) => total + toMinorUnits(a, currency), 0n),
    currency,
  );
}

/**
 * - half_up: halves away from zero (四舍五入), the everyday rule.
 * - half_even: halves to the even neighbour (banker's rounding), unbiased over many results.
 * - down / up: towards / away from zero.
 */
export type RoundingMode = 'half_up' | 'half_even' | 'down' | 'up';
export const ROUNDING_MODES: readonly RoundingMode[] = ['half_up', 'half_even', 'down', 'up'];

/** numerator ÷ denominator rounded to an integer; both non-negative, denominator positive. */
export function divideRounded(numerator: bigint, denominator: bigint, mode: RoundingMode): bigint {
  if (numerator < 0n || denominator <= 0n) throw new MoneyError('divideRounded needs numerator ≥ 0 and denominator > 0');
  const quotient = numerator / denominator;
  const remainder = numerator % denominator;
  if (remainder === 0n) return quotient;
  switch (mode) {
    case 'down':
      return quotient;
    case 'up':
      return quotient + 1n;
    case 'half_up':
      return remainder * 2n >= denominator ? quotient + 1n : quotient;
    case 'half_even': {
      const twice = remainder * 2n;
      if (twice > denominator) return quotient + 1n;
      if (twice < denominator) return quotient;
      return quotient % 2n === 0n ? quotient : quotient + 1n;
    }
  }
}

/** A non-negative decimal that is not money (a percentage, a royalty rate): value = units / 10^scale. */
export interface ParsedDecimal {
  units: bigint;
  scale: number;
}

const DECIMAL = /^(0|[1-9]\d{0,17})(?:\.(\d{1,18}))?$/;

/** Reads "12.5" as { units: 125n, scale: 1 }; undefined when it is not a plain non-negative decimal. */
export function parseDecimal(value: unknown): ParsedDecimal | undefined {
  if (typeof value !== 'string') return undefined;
  const match = DECIMAL.exec(value);
  if (!match) return undefined;
  const fraction = match[2] ?? '';
  return { units: BigInt(match[1] + fraction), scale: fraction.length };
}
