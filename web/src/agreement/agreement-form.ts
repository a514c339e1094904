import type { AgreementParty, DueAfterEffect, DueDate, SettlementAgreementContent } from '../api/generated/types.gen';

/**
 * The agreement editor's form values and the API's content, one into the other. The form keeps
 * the content's own shape under `content`, so an error the API names `content.performance.obligations.0.amount`
 * lands beside that very field; only the choices the content writes implicitly are extra form
 * fields: a due date or a number of days after the agreement takes effect, one payment or instalments.
 */

export type Side = 'applicant' | 'respondent';

/** A due date as the form holds it: a YYYY-MM-DD string or a number of days, and which one is meant. */
export interface FormDue {
  mode: 'date' | 'days';
  date?: string;
  daysAfterEffective?: number | null;
}

export interface FormInstalment {
  amount: string;
  due: FormDue;
}

export interface FormObligation {
  id: string;
  kind: 'money' | 'act';
  obligorSide: Side;
  beneficiarySide: Side;
  obligorPartyIds?: string[];
  beneficiaryPartyIds?: string[];
  description?: string;
  amount?: string;
  currency?: string;
  /** Money only: one payment (`due`) or instalments. */
  schedule?: 'single' | 'instalments';
  instalments?: FormInstalment[];
  act?: string;
  due?: FormDue;
}

export interface FormContent extends Omit<SettlementAgreementContent, 'performance' | 'confirmsOwnership' | 'parties'> {
  parties: AgreementParty[];
  performance: { obligations: FormObligation[] };
  /** null until the mediator chooses: the template leaves it open on purpose. */
  confirmsOwnership: boolean | null;
}

export interface AgreementFormValues {
  content: FormContent;
}

type Due = DueDate | DueAfterEffect;

function formDue(due: Due | undefined): FormDue {
  if (due && 'daysAfterEffective' in due) return { mode: 'days', daysAfterEffective: due.daysAfterEffective };
  return { mode: 'date', date: due && 'date' in due ? due.date : undefined };
}

function apiDue(due: FormDue | undefined): Due | undefined {
  if (!due) return undefined;
  if (due.mode === 'days') return { daysAfterEffective: due.daysAfterEffective as number };
  return { date: due.date ?? '' };
}

const blankToNull = (value: string | null | undefined): string | null => (value == null || value.trim() === '' ? null : value);

/** The API's content (a saved draft or the fresh template) as the editor's values. */
export function toFormValues(content: SettlementAgreementContent | FormContent): AgreementFormValues {
  const source = content as SettlementAgreementContent & { confirmsOwnership: boolean | null };
  return {
    content: {
      ...source,
      parties: source.parties.map((p) => ({ ...p })),
      otherTerms: [...(source.otherTerms ?? [])],
      disputedIssues: [...source.disputedIssues],
      confirmsOwnership: typeof source.confirmsOwnership === 'boolean' ? source.confirmsOwnership : null,
      performance: {
        obligations: (source.performance?.obligations ?? []).map((o): FormObligation => {
          const base = {
            id: o.id,
            obligorSide: o.obligorSide,
            beneficiarySide: o.beneficiarySide,
            obligorPartyIds: o.obligorPartyIds,
            beneficiaryPartyIds: o.beneficiaryPartyIds,
            description: o.description,
          };
          if (o.kind === 'act') return { ...base, kind: 'act', act: o.act, due: formDue(o.due) };
          const instalments = o.instalments?.map((i) => ({ amount: i.amount, due: formDue(i.due) }));
          return {
            ...base,
            kind: 'money',
            amount: o.amount,
            currency: o.currency,
            schedule: instalments ? 'instalments' : 'single',
            instalments,
            due: instalments ? undefined : formDue(o.due),
          };
        }),
      },
    },
  };
}

/**
 * The editor's values as the content the API saves. Optional texts left empty are left out (or
 * null), so "no address" is not an empty address; the API judges everything else and names the field.
 */
export function toContent(values: AgreementFormValues): SettlementAgreementContent {
  const c = values.content;
  return {
    ...c,
    parties: c.parties.map(({ legalRepresentative, ...p }) => {
      const representative = p.kind === 'organisation' ? (legalRepresentative ?? '') : blankToNull(legalRepresentative);
      return { ...p, address: blankToNull(p.address), ...(representative === null ? {} : { legalRepresentative: representative }) };
    }),
    disputedIssues: c.disputedIssues ?? [],
    otherTerms: (c.otherTerms ?? []).filter((term) => term !== undefined),
    // Sent as chosen; the API refuses an open choice by name (confirmsOwnership).
    confirmsOwnership: c.confirmsOwnership as boolean,
    performance: {
      obligations: (c.performance?.obligations ?? []).map((o) => {
        const base = {
          id: o.id,
          obligorSide: o.obligorSide,
          beneficiarySide: o.beneficiarySide,
          ...(o.obligorPartyIds?.length ? { obligorPartyIds: o.obligorPartyIds } : {}),
          ...(o.beneficiaryPartyIds?.length ? { beneficiaryPartyIds: o.beneficiaryPartyIds } : {}),
          ...(o.description?.trim() ? { description: o.description } : {}),
        };
        if (o.kind === 'act') return { ...base, kind: 'act' as const, act: o.act ?? '', due: apiDue(o.due) ?? { date: '' } };
        const money = { ...base, kind: 'money' as const, amount: (o.amount ?? '').trim(), currency: (o.currency ?? '').trim().toUpperCase() };
        if (o.schedule === 'instalments')
          return { ...money, instalments: (o.instalments ?? []).map((i) => ({ amount: (i.amount ?? '').trim(), due: apiDue(i.due) ?? { date: '' } })) };
        return { ...money, due: apiDue(o.due) };
      }),
    },
  };
}

/** An obligation id not used yet in the agreement: performance tracking refers to obligations by it. */
export function nextObligationId(obligations: readonly Pick<FormObligation, 'id'>[] | undefined): string {
  const used = new Set((obligations ?? []).map((o) => o.id));
  let n = used.size + 1;
  while (used.has(`item-${n}`)) n += 1;
  return `item-${n}`;
}

/** A new obligation, owed by the respondent to the applicant (the common case), paid in one go. */
export function newObligation(kind: 'money' | 'act', obligations: readonly Pick<FormObligation, 'id'>[] | undefined): FormObligation {
  const base = { id: nextObligationId(obligations), obligorSide: 'respondent' as const, beneficiarySide: 'applicant' as const };
  if (kind === 'act') return { ...base, kind, act: '', due: { mode: 'days', daysAfterEffective: 10 } };
  return { ...base, kind, amount: '', currency: 'CNY', schedule: 'single', due: { mode: 'date' } };
}

/** What a settled double-blind bidding gives the agreement: the amount, its currency, and who receives it. */
export interface BiddingSettlement {
  settlementAmount: string | null;
  currency: string;
  claimantSide: Side;
}

/**
 * The payment the parties agreed through double-blind bidding, as the agreement's first obligation:
 * the other side pays the claimant the settlement figure, in one payment whose date the mediator
 * still sets. Only for the fresh template (revision 1, no obligation yet); undefined otherwise.
 */
export function settlementObligation(bidding: BiddingSettlement | null | undefined, draft: { revision: number; obligations: readonly unknown[] }): FormObligation | undefined {
  if (!bidding?.settlementAmount || draft.revision !== 1 || draft.obligations.length > 0) return undefined;
  const payer: Side = bidding.claimantSide === 'applicant' ? 'respondent' : 'applicant';
  return {
    ...newObligation('money', []),
    obligorSide: payer,
    beneficiarySide: bidding.claimantSide,
    amount: bidding.settlementAmount,
    currency: bidding.currency,
  };
}

/** Who has signed a version and who is still awaited, as the tracker lists them. */
export function hasSigned(signatures: readonly { signerId: string; voidedAt?: string | null }[], userId: string | undefined): boolean {
  return !!userId && signatures.some((s) => s.signerId === userId && !s.voidedAt);
}
