import { createHmac } from 'node:crypto';
import { Language } from '../auth/roles';
import { ONE_TIME_CODE_DEFAULTS, SignerRole, type RequiredSigner } from './signatures';

/**
 * Who signs and how the one-time code reaches them (docs/procedural-rules.md C12; ESL 13). Pure.
 *
 * The code is derived from a secret and the code's id (`deriveSignatureCode`) instead of being
 * drawn and kept: the request that issues it stores only a salted hash (verifyOneTimeCode's
 * input), the outbox job that sends it carries only the id, and the worker derives the digits
 * again when it hands the message to the mail server or SMS provider. So the code is in no
 * table, no job and no log line; it exists in the message to the signer and nowhere else.
 */

export type CodeChannel = 'sms' | 'email';

/** The code for one issued code id: HMAC-SHA-256 of the id under the secret, as six digits. */
export function deriveSignatureCode(secret: string, codeId: string): string {
  if (!secret) throw new RangeError('a secret is needed to derive a signature code');
  const mac = createHmac('sha256', secret).update(`accord.signature-code/1\u0000${codeId}`, 'utf8').digest();
  const modulus = 10n ** BigInt(ONE_TIME_CODE_DEFAULTS.digits);
  // 64 bits reduced modulo 10^6: the bias is below 10^-13, nothing an attacker can use.
  return (mac.readBigUInt64BE(0) % modulus).toString().padStart(ONE_TIME_CODE_DEFAULTS.digits, '0');
}

/** What a code may be used for: this signer, for this party, on this exact version. */
export function signatureCodeBinding(input: { caseId: string; versionHash: string; signerId: string; partyId: string | null }): string {
  return ['accord.signature', input.caseId, input.versionHash, input.signerId, input.partyId ?? 'mediator'].join('\u0000');
}

/** The address as shown to the signer and printed in the signature record: 138****5678, z***@example.com. */
export function maskDestination(channel: CodeChannel, address: string): string {
  if (channel === 'email') {
    const at = address.lastIndexOf('@');
    if (at <= 0) return '***';
    return `${address[0]}***${address.slice(at)}`;
  }
  const digits = address.replace(/\s/g, '');
  if (digits.length <= 6) return '***';
  return `${digits.slice(0, digits.length - 8 > 0 ? digits.length - 8 : 2)}****${digits.slice(-4)}`;
}

/** A capacity in which a person may sign one case's agreement. */
export interface SigningCapacity {
  role: SignerRole;
  /** The party signed for; null for the mediator. */
  partyId: string | null;
}

export interface CaseSigners {
  parties: readonly { id: string; userId: string | null }[];
  agents: readonly { partyId: string; userId: string }[];
  mediatorId: string | null;
}

/** Every party (by its own account or an authorised agent's) and the mediator must sign (OMR 19). */
export function requiredSigners(c: CaseSigners): RequiredSigner[] {
  const required: RequiredSigner[] = c.parties.map((p) => ({
    role: 'party' as const,
    partyId: p.id,
    signerIds: [...(p.userId ? [p.userId] : []), ...c.agents.filter((a) => a.partyId === p.id).map((a) => a.userId)],
  }));
  if (c.mediatorId) required.push({ role: 'mediator', userId: c.mediatorId });
  return required;
}

/** The capacities in which this account may sign: for its own party, as an agent, as the mediator. */
export function capacitiesOf(userId: string, c: CaseSigners): SigningCapacity[] {
  const capacities: SigningCapacity[] = [];
  for (const p of c.parties) if (p.userId === userId) capacities.push({ role: SignerRole.Party, partyId: p.id });
  for (const a of c.agents) {
    if (a.userId === userId && !capacities.some((x) => x.partyId === a.partyId)) capacities.push({ role: SignerRole.Agent, partyId: a.partyId });
  }
  if (c.mediatorId === userId) capacities.push({ role: SignerRole.Mediator, partyId: null });
  return capacities;
}

export interface CodeMessageInput {
  code: string;
  caseNumber: string;
  version: number;
  versionHash: string;
  ttlSeconds: number;
}

/**
 * The message carrying a code. It names what is being signed (case, version, the start of its
 * hash), so the signer can tell a code for this agreement from one for anything else, and says
 * never to share it.
 */
export function signatureCodeMessage(language: Language, m: CodeMessageInput): { subject: string; text: string; sms: string } {
  const minutes = Math.max(1, Math.round(m.ttlSeconds / 60));
  const hash = m.versionHash.slice(0, 16);
  if (language === Language.ZhCN) {
    return {
      subject: `签署验证码：案件 ${m.caseNumber} 调解协议第 ${m.version} 版`,
      text: `您正在电子签署案件 ${m.caseNumber} 的调解协议第 ${m.version} 版（哈希值 ${hash}…）。\n\n验证码：${m.code}\n\n${minutes} 分钟内有效，仅可使用一次。输入验证码即表示您签署该版本协议。请勿将验证码告诉任何人，包括调解员和平台工作人员。如非本人操作，请忽略本邮件。`,
      sms: `【Accord】验证码 ${m.code}，用于签署案件 ${m.caseNumber} 调解协议第 ${m.version} 版，${minutes} 分钟内有效。请勿告诉他人。`,
    };
  }
  return {
    subject: `Signing code: settlement agreement of case ${m.caseNumber}, version ${m.version}`,
    text: `You are signing version ${m.version} of the settlement agreement in case ${m.caseNumber} (hash ${hash}…) electronically.\n\nYour code: ${m.code}\n\nIt works once, within ${minutes} minutes. Entering it signs that version. Never tell anyone this code, not the mediator and not the platform's staff. If you did not ask for it, ignore this message.`,
    sms: `[Accord] Code ${m.code} signs version ${m.version} of the agreement in case ${m.caseNumber}; valid ${minutes} min. Never share it.`,
  };
}
