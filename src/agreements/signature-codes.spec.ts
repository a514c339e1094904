import { Language } from '../auth/roles';
import { capacitiesOf, deriveSignatureCode, maskDestination, requiredSigners, signatureCodeBinding, signatureCodeMessage, type CaseSigners } from './signature-codes';
import { SignerRole } from './signatures';

const SECRET = 's'.repeat(32);
const HASH = 'ab'.repeat(32);

describe('signing codes and signers', () => {
  it('derives six digits from the secret and the code id, the same each time and different per id and secret', () => {
    const code = deriveSignatureCode(SECRET, 'code-1');
    expect(code).toMatch(/^\d{6}$/);
    expect(deriveSignatureCode(SECRET, 'code-1')).toBe(code);
    const others = new Set(Array.from({ length: 200 }, (_, i) => deriveSignatureCode(SECRET, `code-${i}`)));
    expect(others.size).toBeGreaterThan(190);
    expect(deriveSignatureCode('t'.repeat(32), 'code-1')).not.toBe(code);
    expect(() => deriveSignatureCode('', 'code-1')).toThrow(RangeError);
  });

  it('keeps leading zeros', () => {
    const codes = Array.from({ length: 2000 }, (_, i) => deriveSignatureCode(SECRET, `z-${i}`));
    expect(codes.every((c) => c.length === 6)).toBe(true);
    expect(codes.some((c) => c.startsWith('0'))).toBe(true);
  });

  it('binds a code to the case, the version hash, the signer and the party', () => {
    const base = { caseId: 'c1', versionHash: HASH, signerId: 'u1', partyId: 'p1' };
    const bindings = new Set([
      signatureCodeBinding(base),
      signatureCodeBinding({ ...base, caseId: 'c2' }),
      signatureCodeBinding({ ...base, versionHash: 'cd'.repeat(32) }),
      signatureCodeBinding({ ...base, signerId: 'u2' }),
      signatureCodeBinding({ ...base, partyId: 'p2' }),
      signatureCodeBinding({ ...base, partyId: null }),
    ]);
    expect(bindings.size).toBe(6);
  });

  it('masks addresses as shown to the signer', () => {
    expect(maskDestination('email', 'zhang.san@example.com')).toBe('z***@example.com');
    expect(maskDestination('email', 'broken')).toBe('***');
    expect(maskDestination('sms', '+8613800138000')).toBe('+86138****8000');
    expect(maskDestination('sms', '13800138000')).toBe('138****8000');
    expect(maskDestination('sms', '12345')).toBe('***');
  });

  const signers: CaseSigners = {
    parties: [
      { id: 'pa', userId: 'ua' },
      { id: 'pr', userId: null },
    ],
    agents: [
      { partyId: 'pa', userId: 'lawyer' },
      { partyId: 'pr', userId: 'lawyer' },
    ],
    mediatorId: 'um',
  };

  it('requires every party (by its account or an agent) and the mediator', () => {
    expect(requiredSigners(signers)).toEqual([
      { role: 'party', partyId: 'pa', signerIds: ['ua', 'lawyer'] },
      { role: 'party', partyId: 'pr', signerIds: ['lawyer'] },
      { role: 'mediator', userId: 'um' },
    ]);
  });

  it('lists the capacities a person signs in', () => {
    expect(capacitiesOf('ua', signers)).toEqual([{ role: SignerRole.Party, partyId: 'pa' }]);
    expect(capacitiesOf('lawyer', signers)).toEqual([
      { role: SignerRole.Agent, partyId: 'pa' },
      { role: SignerRole.Agent, partyId: 'pr' },
    ]);
    expect(capacitiesOf('um', signers)).toEqual([{ role: SignerRole.Mediator, partyId: null }]);
    expect(capacitiesOf('nobody', signers)).toEqual([]);
    // A party's own account and an agent of the same party sign once for it.
    expect(capacitiesOf('ua', { ...signers, agents: [{ partyId: 'pa', userId: 'ua' }] })).toEqual([{ role: SignerRole.Party, partyId: 'pa' }]);
  });

  it('says in the message what is signed, for how long, and never to share the code', () => {
    const input = { code: '042917', caseNumber: 'ACC-2026-000123', version: 2, versionHash: HASH, ttlSeconds: 300 };
    const en = signatureCodeMessage(Language.En, input);
    expect(en.subject).toContain('ACC-2026-000123');
    expect(en.text).toContain('Your code: 042917');
    expect(en.text).toContain(HASH.slice(0, 16));
    expect(en.text).toContain('5 minutes');
    expect(en.text).toMatch(/Never tell anyone/);
    expect(en.sms).toContain('042917');
    const zh = signatureCodeMessage(Language.ZhCN, input);
    expect(zh.text).toContain('验证码：042917');
    expect(zh.sms).toMatch(/^【Accord】/);
    expect(zh.text).toContain('第 2 版');
  });
});
