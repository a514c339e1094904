import {
  isEffective,
  issueOneTimeCode,
  ONE_TIME_CODE_DEFAULTS,
  signatureDigest,
  SignerRole,
  validateSignatureRecord,
  verifyOneTimeCode,
  type RequiredSigner,
  type SignatureRecord,
  type StoredSignature,
} from './signatures';

const V1 = '1'.repeat(64);
const V2 = '2'.repeat(64);
const T0 = new Date('2026-04-20T03:00:00Z');
const at = (minutes: number) => new Date(T0.getTime() + minutes * 60_000);

const REQUIRED: RequiredSigner[] = [
  { role: 'party', partyId: 'p-applicant', signerIds: ['u-applicant', 'u-applicant-lawyer'] },
  { role: 'party', partyId: 'p-respondent', signerIds: ['u-respondent'] },
  { role: 'mediator', userId: 'u-mediator' },
];

function signature(over: Partial<SignatureRecord> & Pick<SignatureRecord, 'signerId'>): StoredSignature {
  const record: SignatureRecord = {
    signerName: 'someone',
    signerRole: SignerRole.Party,
    partyId: 'p-applicant',
    agreementHash: V1,
    hashAlgorithm: 'sha256',
    signedAt: T0,
    ip: '203.0.113.7',
    userAgent: 'Mozilla/5.0',
    oneTimeCode: { codeId: 'otp-1', channel: 'sms', destination: '138****5678', verifiedAt: T0 },
    ...over,
  };
  return { ...record, digest: signatureDigest(record) };
}

const applicantSigns = (minute: number, hash = V1) => signature({ signerId: 'u-applicant', partyId: 'p-applicant', signedAt: at(minute), agreementHash: hash });
const agentSigns = (minute: number, hash = V1) =>
  signature({ signerId: 'u-applicant-lawyer', signerRole: SignerRole.Agent, partyId: 'p-applicant', signedAt: at(minute), agreementHash: hash });
const respondentSigns = (minute: number, hash = V1) => signature({ signerId: 'u-respondent', partyId: 'p-respondent', signedAt: at(minute), agreementHash: hash });
const mediatorSigns = (minute: number, hash = V1) =>
  signature({ signerId: 'u-mediator', signerRole: SignerRole.Mediator, partyId: null, signedAt: at(minute), agreementHash: hash });

describe('signature records', () => {
  it('accepts a well-formed record', () => {
    expect(validateSignatureRecord(applicantSigns(0))).toEqual([]);
    expect(validateSignatureRecord(mediatorSigns(0))).toEqual([]);
    expect(validateSignatureRecord({ ...applicantSigns(0), ip: '2001:db8::1' })).toEqual([]);
  });

  it('refuses what would make it unreliable', () => {
    const bad = {
      ...applicantSigns(0),
      signerName: '',
      signerRole: 'witness' as SignerRole,
      agreementHash: 'ABC',
      ip: 'localhost',
      userAgent: '',
      oneTimeCode: { codeId: 'otp-1', channel: 'fax' as 'sms', destination: '', verifiedAt: at(1) },
    };
    expect(validateSignatureRecord(bad).map((e) => `${e.field}:${e.rule}`)).toEqual([
      'signerName:required',
      'signerRole:enum',
      'agreementHash:hash',
      'ip:ip',
      'userAgent:required',
      'oneTimeCode.channel:enum',
      'oneTimeCode.destination:required',
      'oneTimeCode.verifiedAt:order',
    ]);
    expect(validateSignatureRecord({ ...mediatorSigns(0), partyId: 'p-applicant' }).map((e) => e.field)).toEqual(['partyId']);
    expect(validateSignatureRecord({ ...applicantSigns(0), partyId: null }).map((e) => e.field)).toEqual(['partyId']);
    expect(validateSignatureRecord({ ...applicantSigns(0), oneTimeCode: undefined as never }).map((e) => e.field)).toEqual(['oneTimeCode.codeId']);
  });

  it('digests every bound field', () => {
    const base = applicantSigns(0);
    const digest = signatureDigest(base);
    expect(digest).toMatch(/^[0-9a-f]{64}$/);
    expect(signatureDigest({ ...base })).toBe(digest);
    const variants: SignatureRecord[] = [
      { ...base, signerId: 'u-other' },
      { ...base, signerName: 'other' },
      { ...base, signerRole: SignerRole.Agent },
      { ...base, partyId: 'p-respondent' },
      { ...base, agreementHash: V2 },
      { ...base, signedAt: at(1) },
      { ...base, ip: '203.0.113.8' },
      { ...base, userAgent: 'curl/8' },
      { ...base, oneTimeCode: { ...base.oneTimeCode, codeId: 'otp-2' } },
      { ...base, oneTimeCode: { ...base.oneTimeCode, verifiedAt: at(-1) } },
      { ...base, hashAlgorithm: 'sm3' },
    ];
    expect(new Set([digest, ...variants.map(signatureDigest)]).size).toBe(variants.length + 1);
  });
});

describe('isEffective', () => {
  it('takes effect at the LAST required signature, whatever the order of signing', () => {
    const result = isEffective(REQUIRED, [mediatorSigns(30), respondentSigns(5), applicantSigns(12)], V1);
    expect(result).toMatchObject({ effective: true, missing: [], ignored: [] });
    expect(result.effectiveAt).toEqual(at(30));
    expect(result.counted.map((s) => s.signerId)).toEqual(['u-applicant', 'u-respondent', 'u-mediator']);
  });

  it('is partially signed until the last one, and says who is missing', () => {
    const result = isEffective(REQUIRED, [applicantSigns(1), mediatorSigns(2)], V1);
    expect(result.effective).toBe(false);
    expect(result.effectiveAt).toBeNull();
    expect(result.missing).toEqual([REQUIRED[1]]);
  });

  it('does not count a signature on a stale version: a change voids signatures', () => {
    // The applicant signed version 1; the agreement was changed into version 2 and the others signed that.
    const result = isEffective(REQUIRED, [applicantSigns(1, V1), respondentSigns(20, V2), mediatorSigns(21, V2)], V2);
    expect(result.effective).toBe(false);
    expect(result.missing).toEqual([REQUIRED[0]]);
    expect(result.ignored).toEqual([{ signature: expect.objectContaining({ signerId: 'u-applicant' }), reason: 'other_version' }]);

    const resigned = isEffective(REQUIRED, [applicantSigns(1, V1), respondentSigns(20, V2), mediatorSigns(21, V2), applicantSigns(40, V2)], V2);
    expect(resigned).toMatchObject({ effective: true, effectiveAt: at(40) });
  });

  it('lets an authorised agent sign for its party, but not an unlisted account', () => {
    expect(isEffective(REQUIRED, [agentSigns(3), respondentSigns(1), mediatorSigns(2)], V1)).toMatchObject({ effective: true, effectiveAt: at(3) });
    const stranger = signature({ signerId: 'u-stranger', signerRole: SignerRole.Agent, partyId: 'p-respondent', signedAt: at(4) });
    const result = isEffective(REQUIRED, [applicantSigns(1), stranger, mediatorSigns(2)], V1);
    expect(result.effective).toBe(false);
    expect(result.ignored).toEqual([{ signature: stranger, reason: 'not_required' }]);
  });

  it('does not let a party’s account stand in for the mediator, nor the mediator for a party', () => {
    const mediatorAsParty = signature({ signerId: 'u-mediator', signerRole: SignerRole.Party, partyId: 'p-respondent', signedAt: at(1) });
    const result = isEffective(REQUIRED, [applicantSigns(1), mediatorAsParty], V1);
    expect(result.missing).toEqual([REQUIRED[1], REQUIRED[2]]);
  });

  it('counts the earliest of two signatures for one party and ignores the other', () => {
    const result = isEffective(REQUIRED, [applicantSigns(10), agentSigns(2), respondentSigns(3), mediatorSigns(4)], V1);
    expect(result.effectiveAt).toEqual(at(4));
    expect(result.counted[0].signerId).toBe('u-applicant-lawyer');
    expect(result.ignored).toEqual([{ signature: expect.objectContaining({ signerId: 'u-applicant' }), reason: 'duplicate' }]);
  });

  it('ignores a signature whose stored digest no longer matches the record', () => {
    const altered = { ...respondentSigns(3), signedAt: at(1) }; // backdated after the digest was taken
    const result = isEffective(REQUIRED, [applicantSigns(1), altered, mediatorSigns(2)], V1);
    expect(result.effective).toBe(false);
    expect(result.ignored).toEqual([{ signature: altered, reason: 'tampered' }]);
    const { digest: _digest, ...withoutDigest } = altered;
    expect(isEffective(REQUIRED, [applicantSigns(1), withoutDigest, mediatorSigns(2)], V1).effective).toBe(true);
  });

  it('refuses an empty list of required signers', () => {
    expect(() => isEffective([], [], V1)).toThrow(RangeError);
  });
});

describe('one-time codes', () => {
  const BINDING = 'case-1:' + V1 + ':u-applicant';

  it('issues six crypto-random digits, storing only a salted hash and the expiry', () => {
    const issued = issueOneTimeCode({ now: T0, binding: BINDING });
    expect(issued.code).toMatch(/^\d{6}$/);
    expect(issued.stored).toEqual({
      hash: expect.stringMatching(/^[0-9a-f]{64}$/),
      salt: expect.stringMatching(/^[0-9a-f]{32}$/),
      expiresAt: new Date(T0.getTime() + ONE_TIME_CODE_DEFAULTS.ttlSeconds * 1000),
      attempts: 0,
      maxAttempts: 5,
      usedAt: null,
    });
    expect(JSON.stringify(issued.stored)).not.toContain(issued.code);
    const codes = new Set(Array.from({ length: 200 }, () => issueOneTimeCode({ now: T0, binding: BINDING }).code));
    expect(codes.size).toBeGreaterThan(190);
  });

  it('verifies the right code once: a reused code is refused', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING });
    const first = verifyOneTimeCode(stored, code, at(1), BINDING);
    expect(first).toMatchObject({ result: 'ok', stored: { usedAt: at(1), attempts: 0 } });
    expect(verifyOneTimeCode(first.stored, code, at(2), BINDING)).toMatchObject({ result: 'used', attemptsLeft: 0 });
  });

  it('counts wrong codes and locks after the maximum', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING, maxAttempts: 3 });
    const wrong = code === '000000' ? '000001' : '000000';
    let state = stored;
    for (const left of [2, 1, 0]) {
      const attempt = verifyOneTimeCode(state, wrong, at(1), BINDING);
      expect(attempt).toMatchObject({ result: 'wrong', attemptsLeft: left });
      state = attempt.stored;
    }
    // Even the right code is refused once locked.
    expect(verifyOneTimeCode(state, code, at(1), BINDING)).toMatchObject({ result: 'too_many_attempts', attemptsLeft: 0 });
  });

  it('refuses a code at or after its expiry', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING, ttlSeconds: 60 });
    expect(verifyOneTimeCode(stored, code, new Date(T0.getTime() + 59_999), BINDING).result).toBe('ok');
    expect(verifyOneTimeCode(stored, code, at(1), BINDING)).toMatchObject({ result: 'expired', stored });
  });

  it('refuses a code presented for another version or signer', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING });
    expect(verifyOneTimeCode(stored, code, at(1), 'case-1:' + V2 + ':u-applicant').result).toBe('wrong');
    expect(verifyOneTimeCode(stored, code, at(1), 'case-1:' + V1 + ':u-respondent').result).toBe('wrong');
  });

  it('treats malformed input as a wrong code and tolerates surrounding spaces', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING });
    expect(verifyOneTimeCode(stored, '', at(1), BINDING).result).toBe('wrong');
    expect(verifyOneTimeCode(stored, `${code}0`, at(1), BINDING).result).toBe('wrong');
    expect(verifyOneTimeCode(stored, ` ${code} `, at(1), BINDING).result).toBe('ok');
  });

  it('stores a code the caller derived, and refuses one that is not six digits', () => {
    const { code, stored } = issueOneTimeCode({ now: T0, binding: BINDING, code: '012345' });
    expect(code).toBe('012345');
    expect(verifyOneTimeCode(stored, '012345', at(1), BINDING).result).toBe('ok');
    for (const bad of ['12345', '1234567', '12a456', '']) expect(() => issueOneTimeCode({ now: T0, binding: BINDING, code: bad })).toThrow(RangeError);
  });

  it('refuses nonsensical settings', () => {
    expect(() => issueOneTimeCode({ now: T0, binding: BINDING, ttlSeconds: 0 })).toThrow(RangeError);
    expect(() => issueOneTimeCode({ now: T0, binding: BINDING, maxAttempts: 0 })).toThrow(RangeError);
  });
});
