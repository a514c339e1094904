import type { DocumentLanguage } from './language';

/** How each language punctuates lists, labels, asides and numbered items in a document. Pure. */
export interface Punctuation {
  /** Between the names of a list: 、 / , */
  list: string;
  /** After a label: ： / : */
  colon: string;
  /** Between clauses: ；/ ; */
  semicolon: string;
  /** Between the parts of one clause: ，/ , */
  comma: string;
  /** Ends a sentence before the next: 。/ . */
  stop: string;
  /** A name with an aside: 王建国（调解员） / Wang (mediator). */
  aside: (main: string, aside: string) => string;
  /** 1．… / 1. … */
  item: (n: number, text: string) => string;
}

export const PUNCTUATION: Readonly<Record<DocumentLanguage, Punctuation>> = {
  'zh-CN': { list: '、', colon: '：', semicolon: '；', comma: '，', stop: '。', aside: (main, aside) => `${main}（${aside}）`, item: (n, text) => `${n}．${text}` },
  en: { list: ', ', colon: ': ', semicolon: '; ', comma: ', ', stop: '. ', aside: (main, aside) => `${main} (${aside})`, item: (n, text) => `${n}. ${text}` },
};

/** Items numbered from 1, one a line. */
export function numberedLines(items: readonly string[], lang: DocumentLanguage): string {
  return items.map((t, i) => PUNCTUATION[lang].item(i + 1, t)).join('\n');
}
