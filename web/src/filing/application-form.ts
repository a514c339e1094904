import type { CaseView, UpdateApplicationRequest } from '../api/generated/types.gen';

/**
 * The wizard's form mirrors the API's application body field for field, so a problem's
 * `respondents.0.email` is the form's ['respondents', 0, 'email'] (fieldPath) and sits beside
 * its field. Everything here is pure: the screens only render it.
 */
export const STEPS = ['dispute', 'parties', 'claims', 'statement', 'evidence', 'consents', 'check'] as const;
export type StepKey = (typeof STEPS)[number];

export const isStep = (value: unknown): value is StepKey => STEPS.includes(value as StepKey);

export { DISPUTE_TYPES } from '../api/dispute-types';
export const IP_DISPUTE_TYPES: readonly string[] = ['patent', 'utility_model', 'design', 'trademark', 'copyright', 'trade_secret', 'ip_licence_contract'];
export const IP_RIGHT_KINDS = ['patent', 'utility_model', 'design', 'trademark', 'copyright', 'trade_secret', 'other'] as const;
export const ID_TYPES = ['resident_id_card', 'passport', 'hk_macao_permit', 'taiwan_permit', 'unified_social_credit_code', 'business_registration', 'other'] as const;
export const CLAIM_KINDS = ['monetary', 'stop_infringement', 'delist', 'assign', 'licence', 'apology', 'other'] as const;
export const CURRENCIES = ['CNY', 'USD', 'EUR', 'GBP', 'JPY', 'HKD'] as const;
export const EVIDENCE_KINDS = ['evidence', 'identity_proof', 'application', 'correction_material', 'other'] as const;
export const VISIBILITIES = ['all_parties', 'own_side_and_mediator'] as const;

export interface PartyValues {
  kind?: 'person' | 'organisation';
  name?: string;
  /** An organisation's legal representative (法定代表人); never sent for a person. */
  legalRepresentative?: string;
  idType?: string;
  idNumber?: string;
  phone?: string;
  email?: string;
  address?: string;
}

export interface ApplicationValues {
  title?: string;
  disputeType?: string;
  ipRights?: { kind?: string; number?: string; jurisdiction?: string; owner?: string; title?: string }[];
  applicant?: PartyValues & { consentOnline?: boolean; consentEService?: boolean };
  respondents?: PartyValues[];
  claims?: { kind?: string; amount?: string; currency?: string; description?: string }[];
  statement?: string;
}

const text = (value: string | null | undefined): string | undefined => (value === null || value === undefined || value.trim() === '' ? undefined : value.trim());

const party = (p: CaseView['applicants'][number]): PartyValues => ({
  kind: p.kind === 'organisation' ? 'organisation' : 'person',
  name: p.name,
  legalRepresentative: p.legalRepresentative ?? undefined,
  idType: p.idType ?? undefined,
  idNumber: p.idNumber ?? undefined,
  phone: p.phone ?? undefined,
  email: p.email ?? undefined,
  address: p.address ?? undefined,
});

/** The form's values for a case as the API shows it. */
export function toFormValues(view: CaseView): ApplicationValues {
  const applicant = view.applicants[0];
  return {
    title: view.title,
    disputeType: view.disputeType,
    ipRights: view.ipRights.map((r) => ({
      kind: r.kind,
      number: r.number ?? undefined,
      jurisdiction: r.jurisdiction ?? undefined,
      owner: r.owner ?? undefined,
      title: r.title ?? undefined,
    })),
    applicant: applicant ? { ...party(applicant), consentOnline: applicant.consentOnline === true, consentEService: applicant.consentEService === true } : undefined,
    respondents: view.respondents.map(party),
    claims: view.claims.map((c) => ({ kind: c.kind, amount: c.amount, currency: c.currency, description: c.description })),
    statement: view.statement ?? undefined,
  };
}

function partyBody(p: PartyValues): (PartyValues & { name: string; kind: 'person' | 'organisation' }) | undefined {
  const name = text(p.name);
  const kind = p.kind ?? 'person';
  const body = {
    kind,
    name: name ?? '',
    // A person has no legal representative: what was typed before switching to "a person" is not sent.
    legalRepresentative: kind === 'organisation' ? text(p.legalRepresentative) : undefined,
    idType: text(p.idType),
    idNumber: text(p.idNumber),
    phone: text(p.phone),
    email: text(p.email),
    address: text(p.address),
  };
  // A row just added and still empty is not sent: saving it would only earn "name is required".
  if (!name && !body.idNumber && !body.phone && !body.email && !body.address) return undefined;
  return body;
}

/**
 * The PUT body for the form's values. Empty text is left out (the API would refuse ""), rows
 * not yet started are left out, and consent to e-service carries its basis: the applicant
 * ticked it here, expressly.
 */
export function toApplicationBody(values: ApplicationValues, base: { preferredLanguage: string; expectedVersion: number }): UpdateApplicationRequest {
  const applicant = values.applicant ? partyBody(values.applicant) : undefined;
  return {
    expectedVersion: base.expectedVersion,
    title: text(values.title) ?? '',
    disputeType: (values.disputeType ?? 'other') as UpdateApplicationRequest['disputeType'],
    preferredLanguage: base.preferredLanguage as UpdateApplicationRequest['preferredLanguage'],
    statement: text(values.statement),
    ipRights: (values.ipRights ?? [])
      .filter((r) => r && (r.kind || text(r.number)))
      .map((r) => ({
        kind: (r.kind ?? 'other') as NonNullable<UpdateApplicationRequest['ipRights']>[number]['kind'],
        number: text(r.number),
        jurisdiction: text(r.jurisdiction)?.toUpperCase(),
        owner: text(r.owner),
        title: text(r.title),
      })),
    applicant: applicant && {
      ...applicant,
      consentOnline: values.applicant?.consentOnline === true,
      consentEService: values.applicant?.consentEService === true,
      eServiceBasis: values.applicant?.consentEService === true ? 'express' : undefined,
    },
    respondents: (values.respondents ?? []).flatMap((r) => {
      const body = r ? partyBody(r) : undefined;
      return body ? [body] : [];
    }),
    claims: (values.claims ?? [])
      .filter((c) => c && (text(c.amount) || text(c.description)))
      .map((c) => ({
        kind: (c.kind ?? 'other') as NonNullable<UpdateApplicationRequest['claims']>[number]['kind'],
        amount: text(c.amount),
        currency: text(c.amount) ? (c.currency ?? 'CNY') : undefined,
        description: text(c.description),
      })),
  } as UpdateApplicationRequest;
}

/**
 * Whether the server's application is what these values would save. An autosave whose answer
 * was lost (the page reloaded while it was on its way) still landed: the next save then names a
 * version that is no longer the latest, and this tells "my own write" from someone else's.
 */
export function savesAs(view: CaseView, values: ApplicationValues): boolean {
  const base = { preferredLanguage: view.preferredLanguage, expectedVersion: 0 };
  return JSON.stringify(toApplicationBody(toFormValues(view), base)) === JSON.stringify(toApplicationBody(values, base));
}

/** Which step holds a field the API named, e.g. `respondents.0.email` → parties. */
export function stepOfField(field: string): StepKey {
  const head = field.split('.')[0];
  if (head === 'title' || head === 'disputeType' || head === 'ipRights') return 'dispute';
  if (head === 'applicant') return /consent|eServiceBasis/.test(field) ? 'consents' : 'parties';
  if (head === 'respondents') return 'parties';
  if (head === 'claims') return 'claims';
  if (head === 'statement') return 'statement';
  return 'check';
}

export type MissingKey =
  'applicant' | 'identity' | 'phone' | 'email' | 'consentOnline' | 'consentEService' | 'statement' | 'claim' | 'respondent' | 'reachRespondent' | 'ipRight' | 'documents';

export interface MissingItem {
  key: MissingKey | undefined;
  step: StepKey;
  /** For reachRespondent: which one. */
  params: { n?: string; name?: string };
  /** The API's own words, shown when we have none of our own. */
  text: string;
}

const MISSING: Record<string, [MissingKey, StepKey]> = {
  'the applicant': ['applicant', 'parties'],
  "the applicant's identity document (type and number)": ['identity', 'parties'],
  "the applicant's phone number": ['phone', 'parties'],
  "the applicant's electronic-service address (e-mail)": ['email', 'parties'],
  'consent to online handling': ['consentOnline', 'consents'],
  'consent to electronic service, with its basis': ['consentEService', 'consents'],
  'a statement of facts (at least 20 characters)': ['statement', 'statement'],
  'at least one claim': ['claim', 'claims'],
  'at least one respondent': ['respondent', 'parties'],
  'the intellectual-property right concerned': ['ipRight', 'dispute'],
  'filing materials (upload at least one document)': ['documents', 'evidence'],
};

/**
 * The case view's `missingForSubmission` (src/intake/application-completeness.ts, in English)
 * as checklist items in the reader's language, each with the step that fixes it.
 */
export function missingItems(missing: readonly string[] | undefined): MissingItem[] {
  return (missing ?? []).map((item) => {
    const known = MISSING[item];
    if (known) return { key: known[0], step: known[1], params: {}, text: item };
    const reach = /^a way to reach respondent (\d+) \((.*)\)/.exec(item);
    if (reach) return { key: 'reachRespondent', step: 'parties', params: { n: reach[1], name: reach[2] }, text: item };
    return { key: undefined, step: 'check', params: {}, text: item };
  });
}
