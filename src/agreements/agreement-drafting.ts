import { PartySide } from '../cases/entities/case-party.entity';
import { moneyInLegalText } from '../common/documents-i18n/document-money';
import type { Claim } from '../cases/entities/case.entity';
import type { FieldError } from '../common/errors/problem';
import type { AgreementLanguage, AgreementParty, SettlementAgreementContent } from './agreement-model';

/**
 * Drafting the settlement agreement (docs/procedural-rules.md C13): the template a mediator starts from, filled
 * from what the case already knows, and the checks that tie an edited draft to its case. Pure.
 */

/**
 * A draft as edited: the agreement's shape, but possibly incomplete (the template leaves what
 * only the mediator can fill empty) and with the 确权 flag unset until the mediator decides it.
 */
export type AgreementDraftContent = Omit<SettlementAgreementContent, 'confirmsOwnership'> & { confirmsOwnership: boolean | null };

export interface CaseForDraft {
  caseNumber: string;
  title: string;
  statement: string | null;
  claims: readonly Claim[];
  parties: readonly {
    id: string;
    side: PartySide;
    kind: 'person' | 'organisation';
    name: string;
    idType: string | null;
    idNumber: string | null;
    address: string | null;
    /** An organisation's legal representative as the application or referral gave it. */
    legalRepresentative?: string | null;
  }[];
  agents: readonly { partyId: string; name: string; lawFirm: string | null }[];
  mediator: { userId: string; name: string; organisation: string | null };
}

const CLAIM_ISSUES: Record<AgreementLanguage, Record<Claim['kind'], string>> = {
  'zh-CN': {
    monetary: '被申请人是否应当支付{amount}',
    stop_infringement: '被申请人是否应当停止侵权行为',
    delist: '被申请人是否应当下架相关商品或链接',
    assign: '相关权利是否应当转让',
    licence: '是否应当许可使用相关权利及许可条件',
    apology: '被申请人是否应当赔礼道歉',
    other: '其他请求事项',
  },
  en: {
    monetary: 'Whether the respondent owes {amount}',
    stop_infringement: 'Whether the respondent must stop the infringing acts',
    delist: 'Whether the respondent must take the listings down',
    assign: 'Whether the right must be assigned',
    licence: 'Whether, and on what terms, a licence is granted',
    apology: 'Whether the respondent must apologise',
    other: 'Other requests',
  },
};

/** Terms nearly every agreement carries; the mediator edits or removes them. */
export const DEFAULT_OTHER_TERMS: Record<AgreementLanguage, readonly string[]> = {
  'zh-CN': [
    '本协议经各方当事人及调解员电子签名后生效，自最后一方签名之时起生效。',
    '各方对调解过程中知悉的对方商业信息负有保密义务。',
    '本协议履行完毕后，各方就本案纠纷再无其他争议。',
  ],
  en: [
    'This agreement takes effect when every party and the mediator have signed it electronically, at the time of the last signature.',
    'Each party keeps confidential the other side’s business information it learned in the mediation.',
    'Once this agreement is performed, the parties have no further claims against each other arising from this dispute.',
  ],
};

function issueFor(claim: Claim, language: AgreementLanguage): string {
  const amount = claim.amount && claim.currency ? moneyInLegalText(claim.amount, claim.currency, language) : language === 'zh-CN' ? '赔偿金' : 'damages';
  const base = CLAIM_ISSUES[language][claim.kind] ?? CLAIM_ISSUES[language].other;
  const text = base.replace('{amount}', amount);
  return claim.description ? `${text}${language === 'zh-CN' ? '：' : ': '}${claim.description}` : text;
}

/**
 * The template filled from the case: parties with what is known of their identities and
 * addresses, their agents, the mediator, the case number, the facts from the statement and one
 * disputed issue per claim, and an organisation's legal representative as the case records it
 * (docs/procedural-rules.md C13). The result, the performance schedule and the 确权 flag are left
 * to the mediator, as are identity details the case does not hold.
 */
export function draftFromCase(c: CaseForDraft, language: AgreementLanguage): AgreementDraftContent {
  const sideOrder = (s: PartySide): number => (s === PartySide.Applicant ? 0 : 1);
  const parties: AgreementParty[] = [...c.parties]
    .sort((a, b) => sideOrder(a.side) - sideOrder(b.side))
    .map((p) => {
      const agents = c.agents.filter((a) => a.partyId === p.id).map((a) => ({ name: a.name, lawFirm: a.lawFirm }));
      return {
        partyId: p.id,
        side: p.side,
        kind: p.kind,
        name: p.name,
        idType: p.idType ?? (p.kind === 'organisation' ? 'unified_social_credit_code' : 'resident_id_card'),
        idNumber: p.idNumber ?? '',
        address: p.address,
        ...(p.kind === 'organisation' ? { legalRepresentative: p.legalRepresentative ?? '' } : {}),
        ...(agents.length > 0 ? { agents } : {}),
      };
    });
  const issues = c.claims.map((claim) => issueFor(claim, language));
  return {
    language,
    caseNumber: c.caseNumber,
    parties,
    mediator: { userId: c.mediator.userId, name: c.mediator.name, organisation: c.mediator.organisation },
    facts: c.statement ?? '',
    disputedIssues: issues.length > 0 ? issues : [c.title],
    result: '',
    performance: { obligations: [] },
    otherTerms: [...DEFAULT_OTHER_TERMS[language]],
    confirmsOwnership: null,
  };
}

export interface CaseIdentity {
  caseNumber: string;
  mediatorId: string | null;
  parties: readonly { id: string; side: PartySide }[];
}

/**
 * What validateAgreement cannot know: the agreement is this case's, names its mediator, and
 * lists every party of the case, each once, on its own side. A party left out would be bound by
 * nothing and could not sign; an unknown one could not sign either.
 */
export function checkAgainstCase(content: Pick<SettlementAgreementContent, 'caseNumber' | 'mediator' | 'parties'>, c: CaseIdentity): FieldError[] {
  const errors: FieldError[] = [];
  if (content.caseNumber !== c.caseNumber) {
    errors.push({ field: 'caseNumber', rule: 'case', message: `caseNumber must be this case's number, ${c.caseNumber}` });
  }
  if (content.mediator?.userId !== c.mediatorId) {
    errors.push({ field: 'mediator.userId', rule: 'case', message: 'mediator.userId must be the case’s mediator' });
  }
  const listed = new Set<string>();
  (Array.isArray(content.parties) ? content.parties : []).forEach((p, i) => {
    const party = c.parties.find((x) => x.id === p?.partyId);
    if (!party) errors.push({ field: `parties.${i}.partyId`, rule: 'case', message: `parties.${i}.partyId is not a party of this case` });
    else if (party.side !== p.side) errors.push({ field: `parties.${i}.side`, rule: 'case', message: `parties.${i} is a ${party.side} of this case` });
    else listed.add(party.id);
  });
  const missing = c.parties.filter((p) => !listed.has(p.id));
  if (missing.length > 0) {
    errors.push({ field: 'parties', rule: 'all_parties', message: `the agreement must list every party of the case; missing: ${missing.map((p) => p.id).join(', ')}` });
  }
  return errors;
}
