import type { MediatorProfileInput } from './generated/types.gen';

/** A dispute type as the API names it (one enum for applications, referrals and mediator profiles). */
export type DisputeType = MediatorProfileInput['disputeTypes'][number];

/** Every dispute type, in the order the screens offer them. */
export const DISPUTE_TYPES = [
  'patent',
  'utility_model',
  'design',
  'trademark',
  'copyright',
  'trade_secret',
  'unfair_competition',
  'ip_licence_contract',
  'international_commercial',
  'other',
] as const satisfies readonly DisputeType[];

// Fails to compile when the API gains a dispute type this list does not offer.
const offersEveryType: [Exclude<DisputeType, (typeof DISPUTE_TYPES)[number]>] extends [never] ? true : never = true;
void offersEveryType;
