import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { PartySide } from '../cases/entities/case-party.entity';
import { DUE_SCHEMA, DueAfterEffect, DueDate, Instalment, SETTLEMENT_TERMS_MODELS } from '../mediation/settlement-terms.dto';
import { TEXT_LIMITS } from '../mediation/settlement-terms';
import { AGREEMENT_LANGUAGES, type AgreementLanguage } from './agreement-model';

/**
 * The OpenAPI schemas of the settlement agreement's content (agreement-model.ts), so a client
 * builds a valid draft from the document alone. Documentation only: validateAgreement checks the
 * values and answers each wrong field by its path (e.g. `performance.obligations.0.due`).
 */

export class AgreementAgent {
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) name: string;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TEXT_LIMITS.short }) lawFirm?: string | null;
}

export class AgreementParty {
  /** The case party's id; obligations and signatures refer to it. */
  @ApiProperty({ format: 'uuid' }) partyId: string;
  @ApiProperty({ enum: PartySide }) side: PartySide;
  @ApiProperty({ enum: ['person', 'organisation'] }) kind: 'person' | 'organisation';
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) name: string;
  /** resident_id_card, passport, unified_social_credit_code… */
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) idType: string;
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) idNumber: string;
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TEXT_LIMITS.description }) address?: string | null;
  /** Organisations (required for them): the legal representative or person in charge (法定代表人 / 负责人). */
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TEXT_LIMITS.short }) legalRepresentative?: string | null;
  /** Authorised agents, as named in the agreement. */
  @ApiPropertyOptional({ type: [AgreementAgent] }) agents?: AgreementAgent[];
}

export class AgreementMediator {
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) name: string;
  /** The mediation organisation, when the mediator acts for one. */
  @ApiPropertyOptional({ nullable: true, type: String, maxLength: TEXT_LIMITS.short }) organisation?: string | null;
}

/** What every obligation has: who owes whom. */
class ObligationBase {
  /** Stable within the agreement: performance items and reports refer to it. */
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) id: string;
  @ApiProperty({ enum: PartySide }) obligorSide: PartySide;
  /** The other side. */
  @ApiProperty({ enum: PartySide }) beneficiarySide: PartySide;
  /** Only some parties of the side owe; absent means every party of the side. */
  @ApiPropertyOptional({ type: [String], minItems: 1 }) obligorPartyIds?: string[];
  @ApiPropertyOptional({ type: [String], minItems: 1 }) beneficiaryPartyIds?: string[];
  /** How to perform: account, place, manner… */
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.description }) description?: string;
}

/** A payment: exactly one of `due` (one payment) or `instalments` (at least two, adding up to the amount). */
export class MoneyObligation extends ObligationBase {
  @ApiProperty({ enum: ['money'] }) kind: 'money';
  @ApiProperty({ example: '350000.00' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiPropertyOptional(DUE_SCHEMA) due?: DueDate | DueAfterEffect;
  @ApiPropertyOptional({ type: [Instalment], minItems: 2 }) instalments?: Instalment[];
}

/** Something to do (stop use, delist, assign, grant a licence, apologise…) by a due date. */
export class ActObligation extends ObligationBase {
  @ApiProperty({ enum: ['act'] }) kind: 'act';
  @ApiProperty({ maxLength: TEXT_LIMITS.description }) act: string;
  @ApiProperty(DUE_SCHEMA) due: DueDate | DueAfterEffect;
}

export class PerformanceSchedule {
  /** At least one (PML 29: how and by when the agreement is performed). */
  @ApiProperty({
    type: 'array',
    minItems: 1,
    maxItems: 200,
    items: {
      oneOf: [{ $ref: getSchemaPath(MoneyObligation) }, { $ref: getSchemaPath(ActObligation) }],
      discriminator: { propertyName: 'kind', mapping: { money: getSchemaPath(MoneyObligation), act: getSchemaPath(ActObligation) } },
    },
  })
  obligations: (MoneyObligation | ActObligation)[];
}

/** The settlement agreement (调解协议) as data: what the template is filled from and a version freezes. */
export class SettlementAgreementContent {
  @ApiProperty({ enum: AGREEMENT_LANGUAGES }) language: AgreementLanguage;
  /** The platform's case number, printed on the agreement. */
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) caseNumber: string;
  /** Every party, at least one on each side. */
  @ApiProperty({ type: [AgreementParty], minItems: 2, maxItems: 50 }) parties: AgreementParty[];
  @ApiProperty({ type: AgreementMediator }) mediator: AgreementMediator;
  /** 主要事实 */
  @ApiProperty({ maxLength: TEXT_LIMITS.long }) facts: string;
  /** 争议事项: at least one. */
  @ApiProperty({ type: [String], minItems: 1 }) disputedIssues: string[];
  /** 调解结果: what was agreed, in words. */
  @ApiProperty({ maxLength: TEXT_LIMITS.long }) result: string;
  /** 履行方式、期限 (PML 29) */
  @ApiProperty({ type: PerformanceSchedule }) performance: PerformanceSchedule;
  /** Further agreed terms: confidentiality, costs, waiver of other claims… */
  @ApiPropertyOptional({ type: [String] }) otherTerms?: string[];
  /** Set by the mediator: the agreement confirms ownership of property or IP rights (确权), which a court may not confirm (rule D19). */
  @ApiProperty() confirmsOwnership: boolean;
}

/** Every schema above and the terms' schemas they use, for `@ApiExtraModels`. */
export const AGREEMENT_CONTENT_MODELS = [
  ...SETTLEMENT_TERMS_MODELS,
  AgreementAgent,
  AgreementParty,
  AgreementMediator,
  MoneyObligation,
  ActObligation,
  PerformanceSchedule,
  SettlementAgreementContent,
];
