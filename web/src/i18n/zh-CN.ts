import type { en } from './en';
import type { Strings } from './strings';
import { zhCNPortals } from './zh-CN-portals';
import { zhCNPublic } from './zh-CN-public';

/** Every key of en.ts, each a string. Kept in the same two files as the English. */
export type Translation = Strings<typeof en>;

export const zhCN: Translation = { ...zhCNPublic, ...zhCNPortals };
