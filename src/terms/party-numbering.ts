import { PartySide } from '../cases/entities/case-party.entity';
import type { DocumentLanguage } from '../common/documents-i18n/language';
import { SIDE_TERMS } from './terms';

/**
 * How a document names a party's place: 申请人 when a side has one party, 第一申请人 / 第二申请人
 * when it has several (as arbitral and court documents number co-parties), First Applicant /
 * Second Applicant in English. Numbering starts at 1. Pure.
 */

const ZH_ORDINALS = ['一', '二', '三', '四', '五', '六', '七', '八', '九', '十'];
const EN_ORDINALS = ['First', 'Second', 'Third', 'Fourth', 'Fifth', 'Sixth', 'Seventh', 'Eighth', 'Ninth', 'Tenth'];

/** `index` counts from 0 within the side; `countOnSide` is how many parties the side has. */
export function partyHeading(side: PartySide | 'applicant' | 'respondent', index: number, countOnSide: number, lang: DocumentLanguage): string {
  const name = SIDE_TERMS[side as PartySide][lang];
  if (countOnSide <= 1) return name;
  if (lang === 'zh-CN') return index < ZH_ORDINALS.length ? `第${ZH_ORDINALS[index]}${name}` : `${name}（${index + 1}）`;
  return index < EN_ORDINALS.length ? `${EN_ORDINALS[index]} ${name}` : `${name} ${index + 1}`;
}

/** Headings for a list of parties in their order, numbered within each side. */
export function partyHeadings(parties: readonly { side: PartySide | 'applicant' | 'respondent' }[], lang: DocumentLanguage): string[] {
  const count = (side: string): number => parties.filter((p) => p.side === side).length;
  const seen: Record<string, number> = {};
  return parties.map((p) => {
    const i = seen[p.side] ?? 0;
    seen[p.side] = i + 1;
    return partyHeading(p.side, i, count(p.side), lang);
  });
}
