import { createHash } from 'node:crypto';
import type { PdfLanguage } from '../../infrastructure/pdf/pdf-document.model';

/**
 * The warning on the consequences of sham mediation (虚假调解) every party and agent
 * acknowledges before the first session (docs/procedural-rules.md A6; OMR 17). The wording follows CPL 2023
 * art. 115 and Criminal Law art. 307-1; check it against the official texts before production.
 */
export const SHAM_MEDIATION_WARNING: Readonly<Record<PdfLanguage, { title: string; text: string }>> = Object.freeze({
  'zh-CN': {
    title: '虚假调解风险告知',
    text:
      '当事人参加调解应当遵循诚信原则，如实陈述案件事实，不得伪造、隐匿、毁灭证据。' +
      '当事人之间恶意串通，企图通过调解等方式侵害国家利益、社会公共利益或者他人合法权益的，人民法院对调解协议不予确认，' +
      '并根据情节轻重予以罚款、拘留；构成犯罪的，依法追究刑事责任（《中华人民共和国民事诉讼法》第一百一十五条）。' +
      '以捏造的事实提起民事诉讼，妨害司法秩序或者严重侵害他人合法权益的，可能构成虚假诉讼罪（《中华人民共和国刑法》第三百零七条之一）。',
  },
  en: {
    title: 'Warning on sham mediation',
    text:
      'Take part in the mediation in good faith: state the facts truthfully and do not forge, hide or destroy evidence. ' +
      'Where parties collude to harm the interests of the State, the public or others through mediation, the court will not confirm the agreement ' +
      'and may fine or detain those involved according to the seriousness of the conduct; a crime is prosecuted ' +
      '(Civil Procedure Law of the PRC, art. 115). Bringing a civil claim on fabricated facts that disrupts the administration of justice ' +
      'or seriously harms the lawful rights of others may be the crime of false litigation (Criminal Law of the PRC, art. 307-1).',
  },
});

/**
 * Identifies the wording: an acknowledgement counts for the text that was shown. Changing the
 * text changes the version, and people acknowledge again.
 */
export const SHAM_MEDIATION_WARNING_VERSION = createHash('sha256').update(JSON.stringify(SHAM_MEDIATION_WARNING)).digest('hex').slice(0, 16);
