import 'i18next';
import type { en } from './en';

/** `t('…')` accepts only keys that exist in en.ts. */
declare module 'i18next' {
  interface CustomTypeOptions {
    defaultNS: 'translation';
    resources: { translation: typeof en };
  }
}
