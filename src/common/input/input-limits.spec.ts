import { findInputFault } from './input-limits';

const limits = { depth: 4, keysPerObject: 3, values: 12 };

describe('findInputFault', () => {
  it('accepts a document within the limits', () => {
    expect(findInputFault({ a: 'x', b: [1, 2, { c: null }], d: true }, limits)).toBeUndefined();
    expect(findInputFault(undefined, limits)).toBeUndefined();
    expect(findInputFault('plain text, 中文 and 🙂', limits)).toBeUndefined();
  });

  it('names a string with a NUL character or a lone surrogate, with its dotted path', () => {
    expect(findInputFault({ parties: [{ name: 'ok' }, { name: 'a\u0000b' }] }, limits)).toEqual({
      field: 'parties.1.name',
      rule: 'noNulCharacter',
      message: 'parties.1.name must not contain a NUL character (U+0000)',
    });
    expect(findInputFault({ q: 'x\ud800' }, limits)).toMatchObject({ field: 'q', rule: 'isWellFormedUnicode' });
    expect(findInputFault({ q: 'x\udfff\ud800' }, limits)).toMatchObject({ field: 'q', rule: 'isWellFormedUnicode' });
  });

  it('checks field names too, refusing those that reach a prototype', () => {
    expect(findInputFault({ 'bad\u0000key': 1 }, limits)).toMatchObject({ field: 'bad\u0000key', rule: 'noNulCharacter' });
    expect(findInputFault(JSON.parse('{"a":{"__proto__":{"admin":true}}}'), limits)).toMatchObject({ field: 'a.__proto__', rule: 'isNotReserved' });
    expect(findInputFault({ constructor: { prototype: {} } }, limits)).toMatchObject({ field: 'constructor', rule: 'isNotReserved' });
  });

  it('refuses nesting past the limit without using the stack, however deep', () => {
    expect(findInputFault({ a: [[[1]]] }, limits)).toBeUndefined();
    expect(findInputFault({ a: [[[[1]]]] }, limits)).toMatchObject({ field: 'a.0.0.0', rule: 'maxDepth' });
    let deep: unknown = 1;
    for (let i = 0; i < 100_000; i++) deep = [deep];
    expect(findInputFault({ a: deep })).toMatchObject({ rule: 'maxDepth' });
  });

  it('refuses an object with too many members before looking at any of them', () => {
    expect(findInputFault({ a: 1, b: 2, c: 3, d: 4 }, limits)).toMatchObject({ field: 'body', rule: 'maxKeys' });
    expect(findInputFault({ x: { a: 1, b: 2, c: 3, d: '\u0000' } }, limits)).toMatchObject({ field: 'x', rule: 'maxKeys' });
  });

  it('refuses more values than the limit, counting arrays before walking them', () => {
    expect(findInputFault({ a: Array.from({ length: 11 }, () => 0) }, limits)).toMatchObject({ field: 'body', rule: 'maxValues' });
    expect(findInputFault({ a: Array.from({ length: 10 }, () => 0) }, limits)).toBeUndefined();
  });
});
