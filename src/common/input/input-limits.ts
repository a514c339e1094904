import type { FieldError } from '../errors/problem';

/**
 * Bounds on the shape of any request body or query, checked before anything else reads it
 * (guards, class-transformer, class-validator): a public endpoint must not spend seconds on a
 * body built to be expensive, and text the database cannot store must not reach it.
 */
export const INPUT_LIMITS = {
  /** Nesting of objects and arrays; the deepest request the API takes (an agreement) has about 6. */
  depth: 32,
  /** Members of one object; no request has more than about 30 fields. */
  keysPerObject: 100,
  /** Values in the whole document (every object, array, string, number…); a maximal mediator profile has about 5,000. */
  values: 10_000,
} as const;

type Limits = { depth: number; keysPerObject: number; values: number };

/**
 * The first thing wrong with a parsed JSON (or query) document, or undefined when it is
 * within the limits: too deep, too many members or values, a string or field name with a NUL
 * character or a lone UTF-16 surrogate (PostgreSQL refuses the first, and the second is not text
 * at all), or a field named after the prototype. Iterative, so a document nested 10,000 deep
 * costs no stack.
 */
export function findInputFault(document: unknown, limits: Limits = INPUT_LIMITS): FieldError | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value: document, path: '', depth: 0 }];
  // Values seen or waiting on the stack: counted before a container's members are listed.
  let values = 1;
  while (stack.length > 0) {
    const { value, path, depth } = stack.pop()!;
    const field = path || 'body';
    if (typeof value === 'string') {
      const fault = textFault(value);
      if (fault) return { field, ...fault, message: `${field} ${fault.message}` };
      continue;
    }
    if (typeof value !== 'object' || value === null) continue;
    if (depth >= limits.depth) {
      return { field, rule: 'maxDepth', message: `${field} is nested more than ${limits.depth} levels deep` };
    }
    const size = Array.isArray(value) ? value.length : Object.keys(value).length;
    if (!Array.isArray(value) && size > limits.keysPerObject) {
      return { field, rule: 'maxKeys', message: `${field} has more than ${limits.keysPerObject} fields` };
    }
    values += size;
    if (values > limits.values) {
      return { field: 'body', rule: 'maxValues', message: `the request holds more than ${limits.values} values` };
    }
    const entries = Array.isArray(value) ? value.map((v, i) => [String(i), v] as const) : Object.entries(value as object);
    for (let i = entries.length - 1; i >= 0; i--) {
      const [key, child] = entries[i];
      const childPath = path ? `${path}.${key}` : key;
      const keyFault = textFault(key) ?? (PROTOTYPE_KEYS.has(key) ? { rule: 'isNotReserved', message: 'is reserved: no request has such a field' } : undefined);
      if (keyFault) return { field: childPath, ...keyFault, message: `the field name ${JSON.stringify(key)} ${keyFault.message}` };
      stack.push({ value: child, path: childPath, depth: depth + 1 });
    }
  }
  return undefined;
}

// Names that reach an object's prototype rather than the object: no request has such a field,
// and the validation pipe does not see them to refuse them as unknown.
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

// With the u flag a surrogate pair reads as one code point, so only a lone surrogate is Cs.
const LONE_SURROGATE = /\p{Cs}/u;

function textFault(text: string): { rule: string; message: string } | undefined {
  if (text.includes('\u0000')) return { rule: 'noNulCharacter', message: 'must not contain a NUL character (U+0000)' };
  if (LONE_SURROGATE.test(text)) return { rule: 'isWellFormedUnicode', message: 'must be well-formed Unicode (it holds a lone UTF-16 surrogate)' };
  return undefined;
}
