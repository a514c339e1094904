import { ApiProperty, ApiPropertyOptional, getSchemaPath } from '@nestjs/swagger';
import { MAX_DAYS_AFTER_EFFECTIVE, NonMonetaryKind, TEXT_LIMITS } from './settlement-terms';

/**
 * The OpenAPI schemas of the settlement-terms vocabulary (settlement-terms.ts), so a client
 * builds a valid offer or agreement from the document alone. Documentation only: the values are
 * checked by validateSettlementTerms / validateAgreement, which answer each wrong field by name.
 * Unions are oneOf, with `kind` as the discriminator where the shape has one.
 */

export class DueDate {
  /** A calendar date in the platform's time zone, YYYY-MM-DD. */
  @ApiProperty({ format: 'date', example: '2027-03-31' }) date: string;
}

export class DueAfterEffect {
  /** Days after the agreement takes effect (the effective day not counted; a last day on a rest day moves to the next working day). */
  @ApiProperty({ type: 'integer', minimum: 1, maximum: MAX_DAYS_AFTER_EFFECTIVE, example: 30 }) daysAfterEffective: number;
}

/** By when: exactly one of a date or a number of days after the agreement takes effect. */
export const DUE_SCHEMA = { oneOf: [{ $ref: getSchemaPath(DueDate) }, { $ref: getSchemaPath(DueAfterEffect) }] };

export class Instalment {
  /** Decimal string in the terms' currency, above zero. */
  @ApiProperty({ example: '100000.00' }) amount: string;
  @ApiProperty(DUE_SCHEMA) due: DueDate | DueAfterEffect;
}

export class LumpSumSchedule {
  @ApiProperty({ enum: ['lump_sum'] }) kind: 'lump_sum';
  @ApiProperty(DUE_SCHEMA) due: DueDate | DueAfterEffect;
}

export class InstalmentSchedule {
  @ApiProperty({ enum: ['instalments'] }) kind: 'instalments';
  /** At least two, adding up exactly to the amount, each due after the one before; all dates or all days after effect. */
  @ApiProperty({ type: [Instalment], minItems: 2, maxItems: 100 }) instalments: Instalment[];
}

export class MoneyTerms {
  /** Decimal string in `currency`, e.g. "350000.00". */
  @ApiProperty({ example: '350000.00' }) amount: string;
  /** ISO 4217, e.g. CNY, USD. */
  @ApiProperty({ example: 'CNY' }) currency: string;
  @ApiProperty({
    oneOf: [{ $ref: getSchemaPath(LumpSumSchedule) }, { $ref: getSchemaPath(InstalmentSchedule) }],
    discriminator: { propertyName: 'kind', mapping: { lump_sum: getSchemaPath(LumpSumSchedule), instalments: getSchemaPath(InstalmentSchedule) } },
  })
  schedule: LumpSumSchedule | InstalmentSchedule;
}

export class FixedRoyalty {
  @ApiProperty({ enum: ['fixed'] }) kind: 'fixed';
  @ApiProperty({ example: '50000.00' }) amount: string;
  @ApiProperty({ example: 'CNY' }) currency: string;
}

export class RunningRoyalty {
  @ApiProperty({ enum: ['running'] }) kind: 'running';
  /** A decimal above 0 and at most 100. */
  @ApiProperty({ example: '3.5' }) percent: string;
  /** What the percentage is of, e.g. "net sales of the licensed product". */
  @ApiProperty({ maxLength: TEXT_LIMITS.short }) base: string;
}

export class LicenceTerm {
  @ApiProperty({ enum: [NonMonetaryKind.Licence] }) kind: NonMonetaryKind.Licence;
  @ApiProperty({ maxLength: TEXT_LIMITS.description }) description: string;
  @ApiProperty() exclusive: boolean;
  /** Where the licence applies, e.g. "Mainland China". */
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.short }) territory?: string;
  /** How long, e.g. "until the patent expires". */
  @ApiPropertyOptional({ maxLength: TEXT_LIMITS.short }) duration?: string;
  /** Null for a royalty-free licence. */
  @ApiProperty({
    nullable: true,
    oneOf: [{ $ref: getSchemaPath(FixedRoyalty) }, { $ref: getSchemaPath(RunningRoyalty) }],
    discriminator: { propertyName: 'kind', mapping: { fixed: getSchemaPath(FixedRoyalty), running: getSchemaPath(RunningRoyalty) } },
  })
  royalty: FixedRoyalty | RunningRoyalty | null;
  @ApiPropertyOptional(DUE_SCHEMA) due?: DueDate | DueAfterEffect;
}

const OTHER_KINDS = Object.values(NonMonetaryKind).filter((k) => k !== NonMonetaryKind.Licence);

/** Stop use, delist, assign, apologise, withdraw proceedings, or anything else, described. */
export class OtherNonMonetaryTerm {
  @ApiProperty({ enum: OTHER_KINDS }) kind: Exclude<NonMonetaryKind, NonMonetaryKind.Licence>;
  @ApiProperty({ maxLength: TEXT_LIMITS.description }) description: string;
  @ApiPropertyOptional(DUE_SCHEMA) due?: DueDate | DueAfterEffect;
}

export class SettlementTerms {
  /** Absent when nothing is paid. */
  @ApiPropertyOptional({ type: () => MoneyTerms }) money?: MoneyTerms;
  /** May be empty when money is offered; something must be offered. */
  @ApiProperty({
    type: 'array',
    maxItems: 100,
    items: {
      oneOf: [{ $ref: getSchemaPath(LicenceTerm) }, { $ref: getSchemaPath(OtherNonMonetaryTerm) }],
      discriminator: {
        propertyName: 'kind',
        mapping: Object.fromEntries(Object.values(NonMonetaryKind).map((k) => [k, getSchemaPath(k === NonMonetaryKind.Licence ? LicenceTerm : OtherNonMonetaryTerm)])),
      },
    },
  })
  nonMonetary: (LicenceTerm | OtherNonMonetaryTerm)[];
}

/** Every schema above, for `@ApiExtraModels` where they are used. */
export const SETTLEMENT_TERMS_MODELS = [
  DueDate,
  DueAfterEffect,
  Instalment,
  LumpSumSchedule,
  InstalmentSchedule,
  MoneyTerms,
  FixedRoyalty,
  RunningRoyalty,
  LicenceTerm,
  OtherNonMonetaryTerm,
  SettlementTerms,
];
