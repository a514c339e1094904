import { Readable } from 'node:stream';
import { createStreamingHasher, hashOf, hashStream, isHashAlgorithm, type HashAlgorithm } from './hash-algorithm';

// Published test vectors: FIPS 180-2 appendix B (SHA-256) and GB/T 32905-2016 appendix A (SM3).
const VECTORS: { alg: HashAlgorithm; input: string; hex: string }[] = [
  { alg: 'sha256', input: 'abc', hex: 'ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad' },
  {
    alg: 'sha256',
    input: 'abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq',
    hex: '248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1',
  },
  { alg: 'sha256', input: '', hex: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' },
  { alg: 'sm3', input: 'abc', hex: '66c7f0f462eeedd9d1f2d46bdc10e4e24167c4875cf2f7a2297da02b8f4ba8e0' },
  {
    alg: 'sm3',
    input: 'abcd'.repeat(16),
    hex: 'debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732',
  },
];

describe('hashOf', () => {
  it.each(VECTORS)('$alg("$input") matches the published vector', ({ alg, input, hex }) => {
    expect(hashOf(alg, input)).toBe(hex);
    expect(hashOf(alg, Buffer.from(input, 'latin1'))).toBe(hex);
  });

  it('hashes strings as UTF-8', () => {
    expect(hashOf('sha256', '送达')).toBe(hashOf('sha256', Buffer.from([0xe9, 0x80, 0x81, 0xe8, 0xbe, 0xbe])));
  });

  it('refuses an algorithm it does not know', () => {
    expect(() => hashOf('md5' as HashAlgorithm, 'abc')).toThrow(/unsupported hash algorithm "md5"/);
    expect(isHashAlgorithm('sm3')).toBe(true);
    expect(isHashAlgorithm('SHA256')).toBe(false);
  });
});

describe('createStreamingHasher', () => {
  it.each(['sha256', 'sm3'] as const)('%s: chunk by chunk equals all at once', (alg) => {
    const bytes = Buffer.from('调解协议书 settlement agreement '.repeat(1000), 'utf8');
    const hasher = createStreamingHasher(alg);
    // Uneven chunks that split multi-byte characters, as file reads do.
    for (let i = 0; i < bytes.length; i += 4093) hasher.update(bytes.subarray(i, i + 4093));
    expect(hasher.algorithm).toBe(alg);
    expect(hasher.digest()).toBe(hashOf(alg, bytes));
  });

  it('reaches the SM3 vector across a block boundary', () => {
    const hasher = createStreamingHasher('sm3').update('abcd'.repeat(10)).update('abcd'.repeat(6));
    expect(hasher.digest()).toBe('debe9ff92275b8a138604889c18e5a4d6fdb70e5387e5765293dcba39c0c5732');
  });
});

describe('hashStream', () => {
  it('hashes everything a readable stream yields', async () => {
    await expect(hashStream('sha256', Readable.from([Buffer.from('a'), 'b', Buffer.from('c')]))).resolves.toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });

  it('passes on a failing stream', async () => {
    const failing = new Readable({
      read() {
        this.destroy(new Error('disk gone'));
      },
    });
    await expect(hashStream('sm3', failing)).rejects.toThrow('disk gone');
  });
});
