/** The languages documents are issued in: Chinese (the courts' language, CPL art. 11) and English. */
export type DocumentLanguage = 'zh-CN' | 'en';
export const DOCUMENT_LANGUAGES: readonly DocumentLanguage[] = ['zh-CN', 'en'];

/** A term in each document language. */
export type Bilingual = Readonly<Record<DocumentLanguage, string>>;
