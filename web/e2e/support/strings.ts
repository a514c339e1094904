import { en } from '../../src/i18n/en';
import { zhCN } from '../../src/i18n/zh-CN';
import type { Lang } from './fixtures';

/** The app's own strings, so the tests read the screens as a person would, in either language. */
export const STRINGS = { en, 'zh-CN': zhCN } as const;

export const LANGS: { lang: Lang; locale: string; other: Lang }[] = [
  { lang: 'zh-CN', locale: 'zh-CN', other: 'en' },
  { lang: 'en', locale: 'en-GB', other: 'zh-CN' },
];
