import type { FieldError } from '../common/errors/problem';

/** What a mediator sends to say when it takes no new cases (null dates: no leave). */
export interface AvailabilityRequest {
  active: boolean;
  onLeaveFrom?: string | null;
  onLeaveUntil?: string | null;
}

/**
 * A leave the matcher can honour: it ends (the matcher reads a leave by its end, see
 * matcher.ts onLeave), after it starts, and in the future — a leave that is already over would
 * be saved and silently mean nothing. Returns the fields to correct, none when it is fine.
 */
export function availabilityErrors(input: AvailabilityRequest, now: Date): FieldError[] {
  const from = input.onLeaveFrom ? new Date(input.onLeaveFrom) : null;
  const until = input.onLeaveUntil ? new Date(input.onLeaveUntil) : null;
  if (from && !until) return [{ field: 'onLeaveUntil', rule: 'isNotEmpty', message: 'a leave needs its last day (onLeaveUntil)' }];
  if (!until) return [];
  if (from && until.getTime() <= from.getTime()) return [{ field: 'onLeaveUntil', rule: 'isAfterLeaveStart', message: 'onLeaveUntil must be after onLeaveFrom' }];
  if (until.getTime() <= now.getTime()) return [{ field: 'onLeaveUntil', rule: 'isFuture', message: 'onLeaveUntil must be in the future' }];
  return [];
}
