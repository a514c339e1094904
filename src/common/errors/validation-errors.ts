import type { ValidationError } from 'class-validator';
import type { FieldError } from './problem';

/** Flatten class-validator's nested errors into one entry per field and broken rule. */
export function flattenValidationErrors(errors: ValidationError[], parent = ''): FieldError[] {
  const out: FieldError[] = [];
  for (const error of errors) {
    const field = parent ? `${parent}.${error.property}` : error.property;
    for (const [rule, message] of Object.entries(error.constraints ?? {})) {
      out.push({ field, rule, message: humanise(message, error.property, field) });
    }
    if (error.children?.length) out.push(...flattenValidationErrors(error.children, field));
  }
  return out;
}

// class-validator words messages with the bare property name; name the full path instead.
function humanise(message: string, property: string, field: string): string {
  if (message === `property ${property} should not exist`) return `${field} is not a known field`;
  return message.startsWith(property) ? field + message.slice(property.length) : message;
}
