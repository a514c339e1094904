import { pdfText } from '../../test/support/pdf-text';
import { rawTokens } from '../common/documents-i18n/raw-tokens';
import * as terms from '../terms/terms';
import { renderPdf } from '../infrastructure/pdf/render-pdf';
import { documentFamilies } from './document-samples';

/**
 * The contract of issue 21: no raw enum value, id, programming artefact, machine timestamp or
 * developer command reaches a document a person reads. Every document type is rendered in both
 * languages, in variants that between them print every value of every enum it uses, and the
 * text extracted from the PDF is searched.
 */
/**
 * Every value a catalogue names. A one-word value (monetary, patent, email) is a plain word in
 * English, but in a Chinese document it can only be a raw value that slipped through.
 */
const ENUM_VALUES = [
  ...new Set(
    Object.entries(terms)
      .filter(([name]) => name.endsWith('_TERMS'))
      .flatMap(([, catalogue]) => Object.keys(catalogue as object)),
  ),
];
const asWord = (value: string): RegExp => new RegExp(`(?<![A-Za-z0-9_.@/-])${value}(?![A-Za-z0-9_.@/-])`);

describe.each(['zh-CN', 'en'] as const)('every document in %s', (lang) => {
  const families = documentFamilies(lang);

  it.each(families.map((f) => [f.name, f] as const))('%s: every variant reads as a document, with no raw values', async (_name, family) => {
    const problems: string[] = [];
    for (const [i, spec] of family.variants.entries()) {
      const text = await pdfText(await renderPdf(spec, lang, { timeZone: 'Asia/Shanghai' }));
      expect(text.length).toBeGreaterThan(200);
      for (const t of rawTokens(text)) problems.push(`variant ${i}: ${t.rule} "${t.token}" in …${t.context}…`);
      if (lang === 'zh-CN') for (const value of ENUM_VALUES.filter((v) => asWord(v).test(text))) problems.push(`variant ${i}: raw value "${value}"`);
    }
    expect(problems).toEqual([]);
  });
});
