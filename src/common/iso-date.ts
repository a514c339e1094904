import { ValidateBy, type ValidationOptions } from 'class-validator';
import { DateTime } from 'luxon';

// A calendar date, optionally with a time and a UTC offset: the forms PostgreSQL and every
// client agree on. ISO week and ordinal dates (2026-W05, 2026-032) are left out on purpose.
const SHAPE = /^(\d{4})-\d{2}-\d{2}(T\d{2}:\d{2}(:\d{2}(\.\d{1,6})?)?(Z|[+-]\d{2}:\d{2})?)?$/;

/** A real instant or day: 2026-02-30, hour 25 and year 0 are not (PostgreSQL would refuse them). */
export function isIsoDate(value: unknown): value is string {
  if (typeof value !== 'string') return false;
  const match = SHAPE.exec(value);
  return match !== null && match[1] !== '0000' && DateTime.fromISO(value, { setZone: true }).isValid;
}

/** class-validator rule for a date or date-time field (query filters, schedules, deadlines). */
export const IsIsoDate = (options?: ValidationOptions): PropertyDecorator =>
  ValidateBy(
    {
      name: 'isIsoDate',
      validator: {
        validate: (value: unknown) => isIsoDate(value),
        defaultMessage: () => '$property must be a real date such as 2026-01-31, or a date-time such as 2026-01-31T09:30:00+08:00',
      },
    },
    options,
  );
