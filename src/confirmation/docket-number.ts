import { CourtLevel } from '../organisations/organisation.entity';

/**
 * The 调解确认 case number a court gives an application it dockets (2011 Prov. 4; docs/procedural-rules.md D20),
 * shaped as the SPC's case-number rules shape them: (year) + the court's code (法院代字) + the
 * case type + a per-court, per-year sequence + 号, e.g. (2026)浙0106民特调确123号. Pure.
 */

/** The province abbreviation (省级简称) of the first two digits of an administrative division code. */
const PROVINCES: Readonly<Record<string, string>> = {
  '11': '京',
  '12': '津',
  '13': '冀',
  '14': '晋',
  '15': '蒙',
  '21': '辽',
  '22': '吉',
  '23': '黑',
  '31': '沪',
  '32': '苏',
  '33': '浙',
  '34': '皖',
  '35': '闽',
  '36': '赣',
  '37': '鲁',
  '41': '豫',
  '42': '鄂',
  '43': '湘',
  '44': '粤',
  '45': '桂',
  '46': '琼',
  '50': '渝',
  '51': '川',
  '52': '贵',
  '53': '云',
  '54': '藏',
  '61': '陕',
  '62': '甘',
  '63': '青',
  '64': '宁',
  '65': '新',
};

/** Civil special procedure (民特), judicial confirmation of a mediation agreement (调确). */
export const CONFIRMATION_CASE_TYPE = '民特调确';

/**
 * The court's code in case numbers: the province abbreviation, then the division digits that
 * identify the court at its level — 浙 (high court), 浙01 (Hangzhou intermediate), 浙0106 (Xihu
 * basic). A court whose region is unknown falls back to its platform code. Courts outside the
 * division scheme (an internet or IP court has its own digits, e.g. 浙8601) and two courts in one
 * division would need their code configured per court; numbers are unique per court regardless.
 */
export function courtAbbreviation(court: { region: string | null; level: CourtLevel | null; courtCode: string | null }): string {
  const region = court.region ?? '';
  const province = /^\d{6}$/.test(region) ? PROVINCES[region.slice(0, 2)] : undefined;
  if (!province) return court.courtCode ?? '';
  switch (court.level) {
    case CourtLevel.High:
      return province;
    case CourtLevel.Intermediate:
      return `${province}${region.slice(2, 4)}`;
    default:
      return `${province}${region.slice(2, 6)}`;
  }
}

export function confirmationCaseNumber(input: { year: number; courtAbbreviation: string; sequence: number }): string {
  if (!Number.isInteger(input.year) || input.year < 1000 || input.year > 9999) throw new RangeError(`year ${input.year} is not a four-digit year`);
  if (!Number.isSafeInteger(input.sequence) || input.sequence < 1) throw new RangeError(`sequence ${input.sequence} must be a whole number from 1`);
  return `(${input.year})${input.courtAbbreviation}${CONFIRMATION_CASE_TYPE}${input.sequence}号`;
}
