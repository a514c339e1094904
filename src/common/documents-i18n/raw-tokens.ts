/**
 * What must never reach a document a person reads: an enum value or field name (snake_case),
 * an internal id (UUID), a programming artefact (undefined, null, NaN, [object Object]), a
 * machine timestamp or date (2026-12-06T15:30:00Z, 2026-12-06) or a developer command. Used by
 * the tests of every document, on the text extracted from the rendered PDF. Pure.
 */

const RULES: readonly { name: string; pattern: RegExp }[] = [
  { name: 'snake_case token', pattern: /(?<![\p{L}\p{N}])[a-z][a-z0-9]*(?:_[a-z0-9]+)+(?![\p{L}\p{N}])/gu },
  { name: 'UUID', pattern: /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/gi },
  { name: 'programming value', pattern: /\b(?:undefined|null|NaN|Invalid DateTime)\b|\[object Object\]/g },
  { name: 'ISO timestamp', pattern: /\d{4}-\d{2}-\d{2}[T ]\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:?\d{2})?/g },
  { name: 'ISO date', pattern: /(?<!\d)\d{4}-\d{2}-\d{2}(?!\d)/g },
  { name: 'developer command', pattern: /\bnpm (?:run|start|test)\b|\bnode\s+\S+\.c?js\b/g },
];

export interface RawToken {
  rule: string;
  token: string;
  /** Some text either side, to find it in the document. */
  context: string;
}

export function rawTokens(text: string): RawToken[] {
  const found: RawToken[] = [];
  for (const { name, pattern } of RULES) {
    for (const m of text.matchAll(pattern)) {
      const at = m.index ?? 0;
      found.push({ rule: name, token: m[0], context: text.slice(Math.max(0, at - 30), at + m[0].length + 30).replace(/\s+/g, ' ') });
    }
  }
  return found;
}
