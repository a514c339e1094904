import { createHash } from 'node:crypto';
import { chainHash, GENESIS_PREV_HASH, verifyChain, type ChainEvent, type ChainEventFields } from './event-chain';
import type { HashAlgorithm } from './hash-algorithm';

type Draft = Omit<ChainEventFields, 'alg' | 'prevHash' | 'sequence'>;

/** Links drafts into a valid chain, as the case service will when it appends events. */
function buildChain(drafts: Draft[], alg: HashAlgorithm = 'sha256'): ChainEvent[] {
  const events: ChainEvent[] = [];
  for (const draft of drafts) {
    const fields: ChainEventFields = {
      ...draft,
      alg,
      sequence: events.length + 1,
      prevHash: events.at(-1)?.hash ?? GENESIS_PREV_HASH,
    };
    events.push({ ...fields, hash: chainHash(fields) });
  }
  return events;
}

const DRAFTS: Draft[] = [
  { type: 'case.submitted', actorId: 'user-1', occurredAt: new Date('2026-10-08T01:00:00Z'), payload: { claim: 1000 } },
  { type: 'case.accepted', actorId: 'clerk-7', occurredAt: new Date('2026-10-08T03:00:00Z'), payload: {} },
  {
    type: 'mediator.assigned',
    actorId: null,
    occurredAt: new Date('2026-10-09T03:00:00Z'),
    payload: { mediatorId: 'm-3', reasons: ['patent', 'zh'] },
  },
  { type: 'mediation.started', actorId: 'm-3', occurredAt: new Date('2026-10-12T02:00:00Z'), payload: { days: 30 } },
];

/** Rehashes an event after tampering, as a careful forger would. */
const rehash = (e: ChainEvent): ChainEvent => ({ ...e, hash: chainHash(e) });

describe('chainHash', () => {
  const base: ChainEventFields = { ...DRAFTS[0], alg: 'sha256', sequence: 1, prevHash: GENESIS_PREV_HASH };

  it('starts from 64 zeros and gives 64 hex digits with either algorithm', () => {
    expect(GENESIS_PREV_HASH).toBe('0000000000000000000000000000000000000000000000000000000000000000');
    expect(chainHash(base)).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...base, alg: 'sm3' })).toMatch(/^[0-9a-f]{64}$/);
    expect(chainHash({ ...base, alg: 'sm3' })).not.toBe(chainHash(base));
  });

  it('is the hash of the canonical JSON of all fields', () => {
    // Pinned by hand so that a change to the hashed form (which would orphan stored chains) is seen.
    const expected =
      '{"actorId":"user-1","alg":"sha256","occurredAt":"2026-10-08T01:00:00.000Z","payload":{"claim":1000},' +
      '"prevHash":"0000000000000000000000000000000000000000000000000000000000000000","sequence":1,' +
      '"type":"case.submitted"}';
    expect(chainHash(base)).toBe(createHash('sha256').update(expected, 'utf8').digest('hex'));
  });

  it.each<[string, Partial<ChainEventFields>]>([
    ['prevHash', { prevHash: 'f'.repeat(64) }],
    ['sequence', { sequence: 2 }],
    ['type', { type: 'case.withdrawn' }],
    ['actorId', { actorId: 'user-2' }],
    ['actorId null', { actorId: null }],
    ['occurredAt', { occurredAt: new Date('2026-10-08T01:00:00.001Z') }],
    ['payload', { payload: { claim: 1001 } }],
  ])('changes when %s changes', (_field, change) => {
    expect(chainHash({ ...base, ...change })).not.toBe(chainHash(base));
  });

  it('does not depend on the key order of the payload', () => {
    const a = { ...base, payload: { a: 1, b: { c: 2, d: 3 } } };
    const b = { ...base, payload: { b: { d: 3, c: 2 }, a: 1 } };
    expect(chainHash(a)).toBe(chainHash(b));
  });

  it('refuses malformed fields', () => {
    expect(() => chainHash({ ...base, prevHash: 'abc' })).toThrow(/prevHash/);
    expect(() => chainHash({ ...base, prevHash: 'A'.repeat(64) })).toThrow(/prevHash/);
    expect(() => chainHash({ ...base, sequence: 0 })).toThrow(/sequence/);
    expect(() => chainHash({ ...base, type: '' })).toThrow(/type/);
    expect(() => chainHash({ ...base, alg: 'md5' as HashAlgorithm })).toThrow(/md5/);
    expect(() => chainHash({ ...base, payload: { x: undefined } })).toThrow(/payload\.x/);
  });
});

describe('verifyChain', () => {
  it('accepts an intact chain, an empty one, and an SM3 one', () => {
    expect(verifyChain(buildChain(DRAFTS))).toEqual({ ok: true });
    expect(verifyChain([])).toEqual({ ok: true });
    expect(verifyChain(buildChain(DRAFTS, 'sm3'))).toEqual({ ok: true });
  });

  it('accepts a chain whose algorithm changed between events', () => {
    const chain = buildChain(DRAFTS.slice(0, 2));
    const third: ChainEventFields = { ...DRAFTS[2], alg: 'sm3', sequence: 3, prevHash: chain[1].hash };
    expect(verifyChain([...chain, { ...third, hash: chainHash(third) }])).toEqual({ ok: true });
  });

  it('accepts payloads read back with their keys in another order (as from jsonb)', () => {
    const chain = buildChain(DRAFTS);
    const reordered = chain.map((e) => (e.sequence === 3 ? { ...e, payload: { reasons: ['patent', 'zh'], mediatorId: 'm-3' } } : e));
    expect(verifyChain(reordered)).toEqual({ ok: true });
  });

  it('detects an edited payload at that event', () => {
    const chain = buildChain(DRAFTS);
    chain[1] = { ...chain[1], payload: { note: 'added later' } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2, reason: 'hash' });
  });

  it.each<[string, Partial<ChainEvent>]>([
    ['type', { type: 'case.rejected' }],
    ['actor', { actorId: 'someone-else' }],
    ['time', { occurredAt: new Date('2026-10-01T00:00:00Z') }],
    ['algorithm label', { alg: 'sm3' }],
  ])('detects an edited %s', (_what, change) => {
    const chain = buildChain(DRAFTS);
    chain[2] = { ...chain[2], ...change };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: 'hash' });
  });

  it('detects an edited and rehashed event at the next link', () => {
    const chain = buildChain(DRAFTS);
    chain[1] = rehash({ ...chain[1], payload: { note: 'forged' } });
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: 'prev-hash' });
  });

  it('needs the sealed last hash to catch a rewritten or dropped last event', () => {
    const chain = buildChain(DRAFTS);
    const sealedHash = chain[3].hash;
    const rewritten = [...chain.slice(0, 3), rehash({ ...chain[3], payload: { days: 60 } })];
    // The links alone cannot tell: the rewritten tail is a valid chain.
    expect(verifyChain(rewritten)).toEqual({ ok: true });
    expect(verifyChain(rewritten, { sealedHash })).toMatchObject({ ok: false, brokenAt: 4, reason: 'seal' });
    expect(verifyChain(chain.slice(0, 3), { sealedHash })).toMatchObject({ ok: false, brokenAt: 3, reason: 'seal' });
    expect(verifyChain(chain, { sealedHash })).toEqual({ ok: true });
    expect(verifyChain([], { sealedHash: GENESIS_PREV_HASH })).toEqual({ ok: true });
  });

  it('detects a missing event', () => {
    const chain = buildChain(DRAFTS);
    expect(verifyChain([chain[0], chain[1], chain[3]])).toMatchObject({ ok: false, brokenAt: 3, reason: 'sequence' });
  });

  it('detects reordered events', () => {
    const chain = buildChain(DRAFTS);
    const result = verifyChain([chain[0], chain[2], chain[1], chain[3]]);
    expect(result).toMatchObject({ ok: false, brokenAt: 2, reason: 'sequence' });
    expect(result.ok === false && result.detail).toMatch(/expected sequence 2, found 3/);
  });

  it('detects renumbered events whose links no longer fit', () => {
    const chain = buildChain(DRAFTS);
    // Drop event 2 and renumber the rest, rehashing each: the link from 3 (now 2) to 1 is wrong.
    const renumbered = [chain[0], rehash({ ...chain[2], sequence: 2 }), rehash({ ...chain[3], sequence: 3 })];
    expect(verifyChain(renumbered)).toMatchObject({ ok: false, brokenAt: 2, reason: 'prev-hash' });
  });

  it('detects a chain that does not start at sequence 1', () => {
    expect(verifyChain(buildChain(DRAFTS).slice(1))).toMatchObject({ ok: false, brokenAt: 1, reason: 'sequence' });
  });

  it('detects a wrong genesis prevHash even when the first event is rehashed', () => {
    const chain = buildChain(DRAFTS);
    chain[0] = rehash({ ...chain[0], prevHash: '1'.repeat(64) });
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 1, reason: 'prev-hash' });
  });

  it('detects a wrong prevHash in the middle', () => {
    const chain = buildChain(DRAFTS);
    chain[2] = rehash({ ...chain[2], prevHash: chain[0].hash });
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 3, reason: 'prev-hash' });
  });

  it('reports an event that cannot be hashed at all', () => {
    const chain = buildChain(DRAFTS);
    chain[1] = { ...chain[1], payload: { amount: NaN } };
    expect(verifyChain(chain)).toMatchObject({ ok: false, brokenAt: 2, reason: 'malformed' });
  });
});
