import dayjs from 'dayjs';
import 'dayjs/locale/zh-cn';
import localizedFormat from 'dayjs/plugin/localizedFormat';
import i18next from 'i18next';
import resourcesToBackend from 'i18next-resources-to-backend';
import { initReactI18next } from 'react-i18next';

/** The languages of the platform (the API's `Language`: profiles, e-mails, documents). */
export const LANGUAGES = ['zh-CN', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

// Dates as each language writes them: dayjs(x).format('LL') is "6 December 2026" / "2026年12月6日".
dayjs.extend(localizedFormat);

const STORAGE_KEY = 'accord.language';
const DAYJS_LOCALE: Record<Language, string> = { 'zh-CN': 'zh-cn', en: 'en' };

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** Before sign-in: the last language chosen on this browser, else the browser's own. */
export function initialLanguage(): Language {
  const stored = safeStorage()?.getItem(STORAGE_KEY);
  if (isLanguage(stored)) return stored;
  return navigator.languages.some((l) => l.toLowerCase().startsWith('zh')) ? 'zh-CN' : 'en';
}

export function currentLanguage(): Language {
  return isLanguage(i18next.language) ? i18next.language : 'zh-CN';
}

/** Switch the app's language: strings, `<html lang>`, dates; remembered on this browser. */
export async function applyLanguage(language: Language): Promise<void> {
  safeStorage()?.setItem(STORAGE_KEY, language);
  // A signed-in page switching language needs the portals' strings in the new one first.
  if (portalStringsLoaded.size > 0) await loadPortalStrings(language);
  if (i18next.language !== language) await i18next.changeLanguage(language);
}

i18next.on('languageChanged', (language: string) => {
  if (!isLanguage(language)) return;
  document.documentElement.lang = language;
  dayjs.locale(DAYJS_LOCALE[language]);
});

/**
 * Each language's strings are chunks of their own, loaded when the language is first used: a
 * first visit downloads one language, not both, and only the strings of the pages before
 * sign-in (the sign-in page's first load has a budget). The portals' strings follow on signing
 * in (loadPortalStrings). zh-CN has every key of en (its type says so), so nothing needs a
 * fallback language.
 */
const loadStrings = resourcesToBackend((language: string) =>
  language === 'zh-CN' ? import('./zh-CN-public').then((m) => m.zhCNPublic) : import('./en-public').then((m) => m.enPublic),
);

const portalStringsLoaded = new Set<Language>();

/** The signed-in portals' strings in `language`, added to what is loaded; once per language. */
export async function loadPortalStrings(language: Language = currentLanguage()): Promise<void> {
  if (portalStringsLoaded.has(language)) return;
  // The public strings first: once a language has any bundle, i18next would not load them.
  await i18next.loadLanguages(language);
  const strings = language === 'zh-CN' ? (await import('./zh-CN-portals')).zhCNPortals : (await import('./en-portals')).enPortals;
  i18next.addResourceBundle(language, 'translation', strings, true, true);
  portalStringsLoaded.add(language);
}

export const i18nReady = i18next
  .use(loadStrings)
  .use(initReactI18next)
  .init({
    lng: initialLanguage(),
    fallbackLng: false,
    supportedLngs: LANGUAGES,
    // React escapes what it renders.
    interpolation: { escapeValue: false },
    returnNull: false,
    // Components re-render when the portals' strings arrive.
    react: { bindI18nStore: 'added' },
  });

function safeStorage(): Storage | undefined {
  try {
    return window.localStorage;
  } catch {
    return undefined; // storage disabled: the language simply is not remembered
  }
}
