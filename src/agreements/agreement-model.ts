// Over 300 lines on purpose: the settlement agreement's one data model, its checks and its hash, pure:
// the single definition every signature binds.
import { PartySide } from '../cases/entities/case-party.entity';
import type { FieldError } from '../common/errors/problem';
import { canonicalJson } from '../common/hashing/canonical-json';
import { hashOf, isHashAlgorithm, type HashAlgorithm } from '../common/hashing/hash-algorithm';
import type { LocalDate } from '../infrastructure/calendar/working-day-calendar';
import { checkAmount, checkCurrency, checkDue, checkInstalments, optionalText, requireText, TEXT_LIMITS, type Due, type Instalment } from '../mediation/settlement-terms';

/**
 * The settlement agreement (调解协议) as data (issue 8; docs/procedural-rules.md C12–C13, D19): what the
 * template is filled from, what a version freezes, and what every signature binds through
 * `agreementHash`. Required content (特邀 24, PML 29): the parties, the main facts, the disputed
 * issues, the result, and how and by when it will be performed, as a structured schedule the
 * performance tracking reads (docs/procedural-rules.md E24).
 */

export type AgreementLanguage = 'zh-CN' | 'en';
export const AGREEMENT_LANGUAGES: readonly AgreementLanguage[] = ['zh-CN', 'en'];

export interface AgreementParty {
  /** The case party's id; obligations and signatures refer to it. */
  partyId: string;
  side: PartySide;
  kind: 'person' | 'organisation';
  name: string;
  /** resident_id_card, passport, unified_social_credit_code… */
  idType: string;
  idNumber: string;
  address?: string | null;
  /** Organisations: the legal representative or person in charge (法定代表人 / 负责人). */
  legalRepresentative?: string | null;
  /** Authorised agents, as named in the agreement. */
  agents?: readonly AgreementAgent[];
}

export interface AgreementAgent {
  name: string;
  lawFirm?: string | null;
}

export interface AgreementMediator {
  userId: string;
  name: string;
  /** The mediation organisation, when the mediator acts for one. */
  organisation?: string | null;
}

interface ObligationBase {
  /** Stable within the agreement: performance items and reports refer to it. */
  id: string;
  obligorSide: PartySide;
  beneficiarySide: PartySide;
  /** Only some parties of the side owe (or receive); absent means every party of the side. */
  obligorPartyIds?: readonly string[];
  beneficiaryPartyIds?: readonly string[];
  /** How to perform: account, place, manner… */
  description?: string;
}

/** A payment: one due date, or instalments adding up to the amount. */
export interface MoneyObligation extends ObligationBase {
  kind: 'money';
  amount: string;
  currency: string;
  /** Exactly one of due and instalments. */
  due?: Due;
  instalments?: readonly Instalment[];
}

/** Something to do (stop use, delist, assign, grant a licence, apologise…) by a due date. */
export interface ActObligation extends ObligationBase {
  kind: 'act';
  act: string;
  due: Due;
}

export type Obligation = MoneyObligation | ActObligation;

export interface PerformanceSchedule {
  obligations: readonly Obligation[];
}

export interface SettlementAgreementContent {
  language: AgreementLanguage;
  /** The platform's case number, printed on the agreement. */
  caseNumber: string;
  parties: readonly AgreementParty[];
  mediator: AgreementMediator;
  /** 主要事实 */
  facts: string;
  /** 争议事项 */
  disputedIssues: readonly string[];
  /** 调解结果: what was agreed, in words. */
  result: string;
  /** 履行方式、期限 (PML 29) */
  performance: PerformanceSchedule;
  /** Further agreed terms: confidentiality, costs, waiver of other claims… */
  otherTerms?: readonly string[];
  /**
   * Set by the mediator when the agreement confirms ownership of property or IP rights (确权):
   * a court may not confirm such an agreement (Interp. 355; docs/procedural-rules.md D19).
   */
  confirmsOwnership: boolean;
}

/** A frozen version: what is rendered, hashed and signed. A change makes a new version. */
export interface AgreementVersion {
  caseId: string;
  /** 1, 2, 3… */
  version: number;
  frozenAt: Date;
  hashAlgorithm: HashAlgorithm;
  /**
   * The hash of the rendered PDF people read when they sign, when it is rendered before the
   * version is hashed; signatures then bind the data and the document together.
   */
  documentHash: string | null;
  content: SettlementAgreementContent;
}

const SIDES = new Set<string>(Object.values(PartySide));
const HEX_256 = /^[0-9a-f]{64}$/;
const MAX_PARTIES = 50;
const MAX_OBLIGATIONS = 200;

export interface AgreementValidationOptions {
  /** The drafting day: fixed due dates before it are refused. */
  today?: LocalDate;
}

type Errors = FieldError[];
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});

/** Field-level errors of an agreement's content; empty when it can be frozen and signed. */
export function validateAgreement(content: unknown, options: AgreementValidationOptions = {}): FieldError[] {
  const errors: Errors = [];
  if (typeof content !== 'object' || content === null) return [{ field: '', rule: 'required', message: 'the agreement is required' }];
  const c = content as Record<string, unknown>;
  if (!AGREEMENT_LANGUAGES.includes(c.language as AgreementLanguage)) {
    errors.push({ field: 'language', rule: 'enum', message: `language must be one of ${AGREEMENT_LANGUAGES.join(', ')}` });
  }
  requireText(errors, c.caseNumber, 'caseNumber', TEXT_LIMITS.short);
  const parties = checkParties(errors, c.parties);
  const m = record(c.mediator);
  requireText(errors, m.userId, 'mediator.userId', TEXT_LIMITS.short);
  requireText(errors, m.name, 'mediator.name', TEXT_LIMITS.short);
  optionalText(errors, m.organisation, 'mediator.organisation', TEXT_LIMITS.short);
  requireText(errors, c.facts, 'facts', TEXT_LIMITS.long);
  if (!Array.isArray(c.disputedIssues) || c.disputedIssues.length === 0) {
    errors.push({ field: 'disputedIssues', rule: 'min_items', message: 'disputedIssues must list at least one disputed issue' });
  } else {
    c.disputedIssues.forEach((issue: unknown, i) => requireText(errors, issue, `disputedIssues.${i}`, TEXT_LIMITS.description));
  }
  requireText(errors, c.result, 'result', TEXT_LIMITS.long);
  checkSchedule(errors, c.performance, parties, options);
  if (c.otherTerms !== undefined) {
    if (!Array.isArray(c.otherTerms)) errors.push({ field: 'otherTerms', rule: 'invalid', message: 'otherTerms must be a list' });
    else c.otherTerms.forEach((t: unknown, i) => requireText(errors, t, `otherTerms.${i}`, TEXT_LIMITS.description));
  }
  if (typeof c.confirmsOwnership !== 'boolean') {
    errors.push({ field: 'confirmsOwnership', rule: 'required', message: 'confirmsOwnership (确权) must be set to true or false by the mediator' });
  }
  return errors;
}

/** Checks the parties and returns the side of each valid party id. */
function checkParties(errors: Errors, value: unknown): Map<string, PartySide> {
  const sides = new Map<string, PartySide>();
  if (!Array.isArray(value) || value.length === 0) {
    errors.push({ field: 'parties', rule: 'min_items', message: 'parties must list every party' });
    return sides;
  }
  if (value.length > MAX_PARTIES) {
    errors.push({ field: 'parties', rule: 'max_items', message: `parties may list at most ${MAX_PARTIES} parties` });
    return sides;
  }
  value.forEach((item: unknown, i) => {
    const at = `parties.${i}`;
    const p = record(item);
    if (typeof p.partyId !== 'string' || p.partyId === '') {
      errors.push({ field: `${at}.partyId`, rule: 'required', message: `${at}.partyId is required` });
    } else if (sides.has(p.partyId)) {
      errors.push({ field: `${at}.partyId`, rule: 'unique', message: `${at}.partyId ${p.partyId} is listed twice` });
    }
    if (!SIDES.has(p.side as string)) errors.push({ field: `${at}.side`, rule: 'enum', message: `${at}.side must be applicant or respondent` });
    else if (typeof p.partyId === 'string' && p.partyId !== '' && !sides.has(p.partyId)) sides.set(p.partyId, p.side as PartySide);
    if (p.kind !== 'person' && p.kind !== 'organisation') errors.push({ field: `${at}.kind`, rule: 'enum', message: `${at}.kind must be person or organisation` });
    requireText(errors, p.name, `${at}.name`, TEXT_LIMITS.short);
    requireText(errors, p.idType, `${at}.idType`, TEXT_LIMITS.short);
    requireText(errors, p.idNumber, `${at}.idNumber`, TEXT_LIMITS.short);
    optionalText(errors, p.address, `${at}.address`, TEXT_LIMITS.description);
    if (p.kind === 'organisation') requireText(errors, p.legalRepresentative, `${at}.legalRepresentative`, TEXT_LIMITS.short);
    else optionalText(errors, p.legalRepresentative, `${at}.legalRepresentative`, TEXT_LIMITS.short);
    if (p.agents !== undefined) {
      if (!Array.isArray(p.agents)) errors.push({ field: `${at}.agents`, rule: 'invalid', message: `${at}.agents must be a list` });
      else
        p.agents.forEach((a: unknown, j) => {
          requireText(errors, record(a).name, `${at}.agents.${j}.name`, TEXT_LIMITS.short);
          optionalText(errors, record(a).lawFirm, `${at}.agents.${j}.lawFirm`, TEXT_LIMITS.short);
        });
    }
  });
  for (const side of Object.values(PartySide)) {
    if (![...sides.values()].includes(side)) {
      errors.push({ field: 'parties', rule: 'both_sides', message: `parties must include at least one ${side}` });
    }
  }
  return sides;
}

function checkSchedule(errors: Errors, value: unknown, parties: Map<string, PartySide>, options: AgreementValidationOptions): void {
  const obligations = record(value).obligations;
  if (!Array.isArray(obligations) || obligations.length === 0) {
    errors.push({
      field: 'performance.obligations',
      rule: 'min_items',
      message: 'the agreement must say how and by when it will be performed: list at least one obligation (PML 29)',
    });
    return;
  }
  if (obligations.length > MAX_OBLIGATIONS) {
    errors.push({ field: 'performance.obligations', rule: 'max_items', message: `at most ${MAX_OBLIGATIONS} obligations` });
    return;
  }
  const ids = new Set<string>();
  const dueOptions = { notBefore: options.today };
  obligations.forEach((item: unknown, i) => {
    const at = `performance.obligations.${i}`;
    const o = record(item);
    if (typeof o.id !== 'string' || o.id === '') errors.push({ field: `${at}.id`, rule: 'required', message: `${at}.id is required` });
    else if (ids.has(o.id)) errors.push({ field: `${at}.id`, rule: 'unique', message: `${at}.id ${o.id} is used twice` });
    else ids.add(o.id);
    checkParticipants(errors, o, at, parties);
    optionalText(errors, o.description, `${at}.description`, TEXT_LIMITS.description);
    if (o.kind === 'money') {
      const currencyOk = checkCurrency(errors, o.currency, `${at}.currency`);
      const amountOk = checkAmount(errors, o.amount, o.currency, `${at}.amount`);
      const hasDue = o.due !== undefined;
      const hasInstalments = o.instalments !== undefined;
      if (hasDue === hasInstalments) {
        errors.push({ field: `${at}.due`, rule: 'one_of', message: `${at} needs exactly one of due (one payment) or instalments` });
      } else if (hasDue) {
        checkDue(errors, o.due, `${at}.due`, dueOptions);
      } else if (currencyOk && amountOk) {
        checkInstalments(errors, o.instalments, o.amount as string, o.currency as string, `${at}.instalments`, dueOptions);
      }
    } else if (o.kind === 'act') {
      requireText(errors, o.act, `${at}.act`, TEXT_LIMITS.description);
      checkDue(errors, o.due, `${at}.due`, dueOptions);
    } else {
      errors.push({ field: `${at}.kind`, rule: 'enum', message: `${at}.kind must be money or act` });
    }
  });
}

function checkParticipants(errors: Errors, o: Record<string, unknown>, at: string, parties: Map<string, PartySide>): void {
  for (const role of ['obligor', 'beneficiary'] as const) {
    const side = o[`${role}Side`];
    if (!SIDES.has(side as string)) {
      errors.push({ field: `${at}.${role}Side`, rule: 'enum', message: `${at}.${role}Side must be applicant or respondent` });
      continue;
    }
    const ids = o[`${role}PartyIds`];
    if (ids === undefined) continue;
    if (!Array.isArray(ids) || ids.length === 0) {
      errors.push({ field: `${at}.${role}PartyIds`, rule: 'min_items', message: `${at}.${role}PartyIds must name at least one party, or be left out for the whole side` });
      continue;
    }
    ids.forEach((id: unknown, j) => {
      if (typeof id !== 'string' || parties.get(id) !== side) {
        errors.push({ field: `${at}.${role}PartyIds.${j}`, rule: 'party', message: `${at}.${role}PartyIds.${j} is not a party on the ${String(side)} side` });
      }
    });
  }
  if (SIDES.has(o.obligorSide as string) && o.obligorSide === o.beneficiarySide) {
    errors.push({ field: `${at}.beneficiarySide`, rule: 'other_side', message: `${at}: an obligation is owed to the other side` });
  }
}

export type FreezeResult = { ok: true; version: AgreementVersion; hash: string } | { ok: false; errors: FieldError[] };

export interface FreezeInput {
  caseId: string;
  version: number;
  frozenAt: Date;
  content: SettlementAgreementContent;
  hashAlgorithm?: HashAlgorithm;
  documentHash?: string | null;
  validation?: AgreementValidationOptions;
}

/**
 * Validates the content and freezes it as a version (deeply read-only, undefined members
 * dropped), with the hash every signature of this version must carry.
 */
export function freezeAgreementVersion(input: FreezeInput): FreezeResult {
  const errors = validateAgreement(input.content, input.validation);
  if (typeof input.caseId !== 'string' || input.caseId === '') errors.push({ field: 'caseId', rule: 'required', message: 'caseId is required' });
  if (!(input.frozenAt instanceof Date) || Number.isNaN(input.frozenAt.getTime())) {
    errors.push({ field: 'frozenAt', rule: 'date', message: 'frozenAt must be a valid time' });
  }
  if (!Number.isSafeInteger(input.version) || input.version < 1) errors.push({ field: 'version', rule: 'range', message: 'version must be a whole number from 1' });
  if (input.documentHash != null && !HEX_256.test(input.documentHash)) {
    errors.push({ field: 'documentHash', rule: 'hash', message: 'documentHash must be 64 lower-case hex digits' });
  }
  const alg = input.hashAlgorithm ?? 'sha256';
  if (!isHashAlgorithm(alg)) errors.push({ field: 'hashAlgorithm', rule: 'enum', message: 'hashAlgorithm must be sha256 or sm3' });
  if (errors.length > 0) return { ok: false, errors };
  const version = deepFreeze(
    withoutUndefined({
      caseId: input.caseId,
      version: input.version,
      frozenAt: new Date(input.frozenAt.getTime()),
      hashAlgorithm: alg,
      documentHash: input.documentHash ?? null,
      content: input.content,
    }),
  ) as AgreementVersion;
  return { ok: true, version, hash: agreementHash(version) };
}

/**
 * The version's hash: its algorithm over the canonical JSON (RFC 8785) of everything frozen —
 * case, version number, freezing time, document hash and content. Key order and undefined
 * members make no difference; any change of content does.
 */
export function agreementHash(version: AgreementVersion): string {
  const { caseId, version: n, frozenAt, hashAlgorithm: alg, documentHash, content } = version;
  if (!isHashAlgorithm(alg)) throw new TypeError(`unsupported hash algorithm "${String(alg)}"`);
  return hashOf(alg, canonicalJson(withoutUndefined({ schema: 'accord.settlement-agreement/1', alg, caseId, version: n, frozenAt, documentHash, content })));
}

/** Plain data without undefined members (JSON drops them; canonical JSON refuses them). */
function withoutUndefined<T>(value: T): T {
  if (Array.isArray(value)) return value.map((v: unknown) => withoutUndefined(v)) as T;
  if (value instanceof Date || typeof value !== 'object' || value === null) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) if (v !== undefined) out[k] = withoutUndefined(v);
  return out as T;
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}
