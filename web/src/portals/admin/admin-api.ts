import { listCases } from '../../api/generated/sdk.gen';
import type { CaseSummaryView, CourtSystemKeyView, SecurityEvent, UserView, WebhookSubscriptionView } from '../../api/generated/types.gen';
import { ApiProblem } from '../../api/problem';

/** Every query of the admin portal starts with this key, so one change can refresh the lot. */
export const ADMIN_KEY = 'admin';

export const ADMIN_SECTIONS = ['intake', 'assignment', 'people', 'service', 'security', 'archive', 'courtSystems', 'webhooks'] as const;
export type AdminSection = (typeof ADMIN_SECTIONS)[number];

export type AdminUserRole = UserView['roles'][number];
export const ROLES: readonly AdminUserRole[] = ['party', 'mediator', 'court_clerk', 'judge', 'admin'];

export type CourtSystemPermission = CourtSystemKeyView['permissions'][number];
/** Every permission a court system's key can carry, in the order the form offers them (checked against the API's enum). */
export const COURT_SYSTEM_PERMISSIONS = ['refer_cases', 'read_cases', 'lodge_confirmation_decisions', 'manage_webhooks'] as const satisfies readonly CourtSystemPermission[];
// Fails to compile when the API gains a permission this list does not offer.
const offersEveryPermission: [Exclude<CourtSystemPermission, (typeof COURT_SYSTEM_PERMISSIONS)[number]>] extends [never] ? true : never = true;
void offersEveryPermission;

export type WebhookEventType = WebhookSubscriptionView['events'][number];
/** Every event a court system can subscribe to, in the order of a case's life (checked against the API's enum). */
export const WEBHOOK_EVENT_TYPES = [
  'accepted',
  'mediator_assigned',
  'settled',
  'failed',
  'confirmed',
  'performed',
  'closed',
  'archived',
] as const satisfies readonly WebhookEventType[];
// Fails to compile when the API gains an event this list does not offer.
const offersEveryEvent: [Exclude<WebhookEventType, (typeof WEBHOOK_EVENT_TYPES)[number]>] extends [never] ? true : never = true;
void offersEveryEvent;

export type SecurityEventType = SecurityEvent['type'];
export const SECURITY_EVENT_TYPES: readonly SecurityEventType[] = [
  'registered',
  'login_succeeded',
  'login_failed',
  'account_locked',
  'logged_out',
  'logged_out_everywhere',
  'refresh_token_reused',
  'password_changed',
  'password_reset_requested',
  'password_reset_completed',
  'user_created',
  'roles_changed',
  'user_disabled',
  'user_enabled',
  'identity_verified',
  'membership_granted',
  'api_key_issued',
  'api_key_revoked',
  'api_key_used',
  'api_key_refused',
  'webhook_subscribed',
  'webhook_secret_rotated',
  'webhook_disabled',
];

/** The case with exactly this number (as the person typed it), or undefined. */
export async function caseByNumber(number: string): Promise<CaseSummaryView | undefined> {
  const wanted = number.trim().toUpperCase();
  if (!wanted) return undefined;
  const { data } = await listCases({ query: { q: wanted, limit: 20 }, throwOnError: true });
  return data.items.find((c) => c.number.toUpperCase() === wanted);
}

/** One entry per line, blank lines dropped: how a person lists things in a text box. */
export const lines = (text: string | undefined): string[] =>
  (text ?? '')
    .split('\n')
    .map((l) => l.trim())
    .filter(Boolean);

/** A problem a form shows beside its case number field (`number`): no case has that number. */
export function noSuchCase(text: string): ApiProblem {
  return new ApiProblem({ type: 'about:blank', title: text, errors: [{ field: 'number', rule: 'exists', message: text }] }, 422);
}
