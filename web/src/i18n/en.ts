import { enPortals } from './en-portals';
import { enPublic } from './en-public';

/**
 * The app's English strings. zh-CN.ts must have exactly the same keys (its type says so), and
 * `t('…')` only accepts keys that exist here (i18next.d.ts). They live in two files, each loaded
 * when needed (i18n.ts): en-public.ts (before sign-in, and the frame) and en-portals.ts (the
 * signed-in portals), so that the sign-in page's first load stays small.
 */
export const en = { ...enPublic, ...enPortals } as const;
