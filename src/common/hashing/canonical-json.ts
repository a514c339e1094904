/**
 * Deterministic JSON for hashing, after RFC 8785 (JSON Canonicalization Scheme): object keys
 * sorted by UTF-16 code units, no whitespace, numbers and strings written as ECMAScript's
 * JSON.stringify writes them. The same value always gives the same bytes, whatever order its
 * keys were built in or came back from the database in (PostgreSQL's jsonb reorders keys).
 *
 * Additions to JCS: a Date becomes its ISO 8601 UTC string. Departures: anything JSON cannot
 * represent faithfully is refused instead of being dropped or changed (undefined, functions,
 * symbols, bigint, NaN, Infinity, sparse arrays, unpaired surrogates, Maps, class instances,
 * cycles), because a hash over silently altered data would prove the wrong thing.
 */
export class CanonicalJsonError extends TypeError {
  constructor(
    readonly path: string,
    problem: string,
  ) {
    super(`${path}: ${problem}`);
    this.name = 'CanonicalJsonError';
  }
}

// A lone high surrogate not followed by a low one, or a lone low surrogate: not encodable as UTF-8.
const UNPAIRED_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export function canonicalJson(value: unknown): string {
  return write(value, '$', new Set());
}

function writeString(s: string, path: string): string {
  if (UNPAIRED_SURROGATE.test(s)) throw new CanonicalJsonError(path, 'string has an unpaired UTF-16 surrogate');
  return JSON.stringify(s);
}

function write(value: unknown, path: string, ancestors: Set<object>): string {
  switch (typeof value) {
    case 'string':
      return writeString(value, path);
    case 'boolean':
      return value ? 'true' : 'false';
    case 'number':
      if (!Number.isFinite(value)) throw new CanonicalJsonError(path, `${value} has no JSON form`);
      return JSON.stringify(value); // ECMAScript Number-to-string, as JCS requires; -0 → 0
    case 'object':
      break;
    default:
      throw new CanonicalJsonError(path, `${typeof value} has no JSON form`);
  }
  if (value === null) return 'null';
  if (value instanceof Date) {
    if (Number.isNaN(value.getTime())) throw new CanonicalJsonError(path, 'invalid Date');
    return JSON.stringify(value.toISOString());
  }
  if (ancestors.has(value)) throw new CanonicalJsonError(path, 'circular reference');
  ancestors.add(value);
  try {
    if (Array.isArray(value)) {
      const items: string[] = [];
      for (let i = 0; i < value.length; i++) {
        if (!(i in value)) throw new CanonicalJsonError(`${path}[${i}]`, 'sparse array hole');
        items.push(write(value[i], `${path}[${i}]`, ancestors));
      }
      return `[${items.join(',')}]`;
    }
    const proto: unknown = Object.getPrototypeOf(value);
    if (proto !== Object.prototype && proto !== null) {
      const name = (value as { constructor?: { name?: string } }).constructor?.name ?? 'object';
      throw new CanonicalJsonError(path, `${name} is not a plain object`);
    }
    if (Object.getOwnPropertySymbols(value).length > 0) throw new CanonicalJsonError(path, 'symbol keys');
    const record = value as Record<string, unknown>;
    // Default sort compares UTF-16 code units, which is exactly the order JCS prescribes.
    const keys = Object.keys(record).sort();
    const members = keys.map((key) => {
      const childPath = `${path}.${key}`;
      if (record[key] === undefined) throw new CanonicalJsonError(childPath, 'undefined has no JSON form');
      return `${writeString(key, childPath)}:${write(record[key], childPath, ancestors)}`;
    });
    return `{${members.join(',')}}`;
  } finally {
    ancestors.delete(value);
  }
}
