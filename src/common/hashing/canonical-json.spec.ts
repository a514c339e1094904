import { canonicalJson, CanonicalJsonError } from './canonical-json';

describe('canonicalJson', () => {
  it('gives the same output whatever the key order', () => {
    const a = { b: 1, a: { y: [3, 2, 1], x: 'x' }, c: null };
    const b = { c: null, a: { x: 'x', y: [3, 2, 1] }, b: 1 };
    expect(canonicalJson(a)).toBe('{"a":{"x":"x","y":[3,2,1]},"b":1,"c":null}');
    expect(canonicalJson(b)).toBe(canonicalJson(a));
  });

  it('sorts nested objects inside arrays and keeps array order', () => {
    const value = { list: [{ z: 1, a: 2 }, [{ d: true, c: false }], 'last'], empty: {}, none: [] };
    expect(canonicalJson(value)).toBe('{"empty":{},"list":[{"a":2,"z":1},[{"c":false,"d":true}],"last"],"none":[]}');
  });

  it('sorts keys by UTF-16 code units (RFC 8785 §3.2.3 example)', () => {
    const value = {
      '\u20ac': 'Euro Sign',
      '\r': 'Carriage Return',
      '\ufb33': 'Hebrew Letter Dalet With Dagesh',
      '1': 'One',
      '\ud83d\ude00': 'Emoji: Grinning Face',
      '\u0080': 'Control',
      '\u00f6': 'Latin Small Letter O With Diaeresis',
    };
    // The emoji (a surrogate pair from U+D83D) sorts before U+FB33, unlike in code-point order.
    expect(canonicalJson(value)).toBe(
      '{"\\r":"Carriage Return","1":"One","\u0080":"Control","\u00f6":"Latin Small Letter O With Diaeresis",' +
        '"\u20ac":"Euro Sign","\ud83d\ude00":"Emoji: Grinning Face","\ufb33":"Hebrew Letter Dalet With Dagesh"}',
    );
  });

  it('writes numbers the ECMAScript way (RFC 8785 §3.2.2.3)', () => {
    expect(canonicalJson([0, -0, 1.0, 0.1, 1e21, 1e-7, -1.5e-300, 333333333.3333333, 9007199254740991])).toBe(
      '[0,0,1,0.1,1e+21,1e-7,-1.5e-300,333333333.3333333,9007199254740991]',
    );
  });

  it('leaves non-ASCII text as UTF-8 and escapes control characters', () => {
    expect(canonicalJson({ 名称: '送达回证', s: 'line\nnext\u001f"\\' })).toBe('{"s":"line\\nnext\\u001f\\"\\\\","名称":"送达回证"}');
  });

  it('writes a Date as its ISO 8601 UTC string', () => {
    expect(canonicalJson({ at: new Date(Date.UTC(2026, 9, 1, 8, 30)) })).toBe('{"at":"2026-10-01T08:30:00.000Z"}');
  });

  it('accepts objects without a prototype and a value referenced twice', () => {
    const shared = { k: 1 };
    const bare = Object.assign(Object.create(null) as Record<string, unknown>, { b: shared, a: shared });
    expect(canonicalJson(bare)).toBe('{"a":{"k":1},"b":{"k":1}}');
  });

  it.each([
    ['undefined in an object', { a: 1, b: undefined }, '$.b'],
    ['undefined in an array', [1, undefined], '$[1]'],
    ['undefined at the top', undefined, '$'],
    ['a function', { f: () => 1 }, '$.f'],
    ['NaN', { n: NaN }, '$.n'],
    ['Infinity', [Infinity], '$[0]'],
    ['a bigint', { n: BigInt(1) }, '$.n'],
    ['a symbol', { s: Symbol('s') }, '$.s'],
    ['a symbol key', { [Symbol('k')]: 1 }, '$'],
    ['a Map', { m: new Map([['a', 1]]) }, '$.m'],
    ['a class instance', { u: new URL('https://example.org') }, '$.u'],
    ['a Buffer', { b: Buffer.from('x') }, '$.b'],
    ['an invalid Date', { d: new Date('nope') }, '$.d'],
    ['a sparse array', { a: [1, , 3] }, '$.a[1]'], // eslint-disable-line no-sparse-arrays
    ['an unpaired surrogate', { s: 'a\ud800b' }, '$.s'],
    ['an unpaired surrogate in a key', { ['\udc00']: 1 }, '$.\udc00'],
  ])('refuses %s and names where', (_what, value, path) => {
    expect(() => canonicalJson(value)).toThrow(CanonicalJsonError);
    try {
      canonicalJson(value);
    } catch (e) {
      expect((e as CanonicalJsonError).path).toBe(path);
    }
  });

  it('refuses a cycle', () => {
    const loop: Record<string, unknown> = { a: 1 };
    loop.self = { back: loop };
    expect(() => canonicalJson(loop)).toThrow(/\$\.self\.back: circular reference/);
  });
});
