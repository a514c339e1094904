import { CaseEvent } from '../cases/lifecycle/case-lifecycle';
import { rawTokens } from '../common/documents-i18n/raw-tokens';
import * as terms from './terms';
import { eventTerm, term } from './terms';

describe('the documents’ terms', () => {
  const catalogues = Object.entries(terms).filter(([name]) => name.endsWith('_TERMS')) as [string, Record<string, { 'zh-CN': string; en: string }>][];

  it.each(catalogues)('%s names every value in both languages, in words', (name, catalogue) => {
    for (const [value, t] of Object.entries(catalogue)) {
      for (const lang of ['zh-CN', 'en'] as const) {
        expect({ value, lang, text: t[lang] }).toEqual({ value, lang, text: expect.stringMatching(/\S/) });
        expect(rawTokens(t[lang])).toEqual([]);
      }
      // In Chinese, except the algorithms' names (SHA-256, SM3).
      if (name !== 'HASH_ALGORITHM_TERMS') expect(/[\u4e00-\u9fff]/.test(t['zh-CN'])).toBe(true);
    }
  });

  it('names every lifecycle event', () => {
    for (const e of Object.values(CaseEvent)) expect(eventTerm(e, 'zh-CN')).not.toBe(eventTerm('an_event_added_later', 'zh-CN'));
  });

  it('never returns a raw value: an unknown or missing one reads "other"', () => {
    expect(term(terms.ID_TYPE_TERMS, 'unified_social_credit_code', 'zh-CN')).toBe('统一社会信用代码');
    expect(term(terms.ID_TYPE_TERMS, 'a_new_type', 'zh-CN')).toBe('其他');
    expect(term(terms.DISPUTE_TYPE_TERMS, null, 'en')).toBe('Other');
    expect(eventTerm('a_new_event', 'en')).toBe('Other recorded event');
  });
});
