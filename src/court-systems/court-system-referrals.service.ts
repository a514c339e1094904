import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import { plainToInstance } from 'class-transformer';
import { validate } from 'class-validator';
import { DataSource } from 'typeorm';
import { courtSystemMay, CourtSystemPermission, type CourtSystemPrincipal } from '../access/court-system-access.policy';
import { NotFoundProblem, ValidationProblem, type FieldError } from '../common/errors/problem';
import { flattenValidationErrors } from '../common/errors/validation-errors';
import type { Environment } from '../config/environment';
import { Case } from '../cases/entities/case.entity';
import { ReferredCaseView } from '../court-referrals/court-referrals.dto';
import { CreateReferralRequest } from '../intake/application.dto';
import { ReferralsService } from '../intake/referrals.service';
import { Organisation } from '../organisations/organisation.entity';
import { ReferralRowResult, type ReferralBatchView, type ReferralRowView } from './court-system-referrals.dto';

/**
 * Referrals posted by a court system. Each row is created by the one referral path (intake's
 * ReferralsService), keyed at its court by its referral number: a retried or re-posted batch
 * answers each row with the case it created the first time, and creates nothing twice.
 */
@Injectable()
export class CourtSystemReferrals {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly config: ConfigService<Environment, true>,
    private readonly referrals: ReferralsService,
  ) {}

  async referBatch(system: CourtSystemPrincipal, rows: unknown[]): Promise<ReferralBatchView> {
    const max = this.config.get('REFERRAL_BATCH_MAX_ROWS', { infer: true });
    if (rows.length === 0) throw new ValidationProblem([{ field: 'referrals', rule: 'arrayMinSize', message: 'referrals must contain at least 1 element' }]);
    if (rows.length > max) {
      throw new ValidationProblem([
        { field: 'referrals', rule: 'arrayMaxSize', message: `referrals must contain no more than ${max} elements (REFERRAL_BATCH_MAX_ROWS): split the batch` },
      ]);
    }
    const court = await this.db.getRepository(Organisation).findOneOrFail({ where: { id: system.courtId } });
    const out: ReferralRowView[] = [];
    // One by one, in order: a reference sent twice in one batch is created once, and answered twice.
    for (const [index, row] of rows.entries()) out.push(await this.referRow(system, court, index, row));
    return {
      created: out.filter((r) => r.result === ReferralRowResult.Created).length,
      existing: out.filter((r) => r.result === ReferralRowResult.Existing).length,
      invalid: out.filter((r) => r.result === ReferralRowResult.Invalid).length,
      rows: out,
    };
  }

  private async referRow(system: CourtSystemPrincipal, court: Organisation, index: number, row: unknown): Promise<ReferralRowView> {
    const at = (field: string): string => `referrals.${index}${field ? `.${field}` : ''}`;
    const invalid = (referralNumber: string | null, errors: FieldError[]): ReferralRowView => ({
      index,
      referralNumber,
      result: ReferralRowResult.Invalid,
      caseNumber: null,
      caseId: null,
      errors,
    });
    if (typeof row !== 'object' || row === null || Array.isArray(row)) return invalid(null, [{ field: at(''), rule: 'isObject', message: `${at('')} must be an object` }]);
    const dto = plainToInstance(CreateReferralRequest, row);
    const reference = typeof dto.referralNumber === 'string' ? dto.referralNumber : null;
    const errors = flattenValidationErrors(await validate(dto, { whitelist: true, forbidNonWhitelisted: true }), at(''));
    if (dto.courtId !== undefined && dto.courtId !== system.courtId) {
      errors.push({ field: at('courtId'), rule: 'isOwnCourt', message: `${at('courtId')} must be left out: the key refers for its own court` });
    }
    if (errors.length) return invalid(reference, errors);

    const existing = await this.existing(system.courtId, dto.referralNumber);
    if (existing) return { index, referralNumber: reference, result: ReferralRowResult.Existing, caseNumber: existing.number, caseId: existing.id, errors: [] };
    try {
      const caseId = await this.referrals.referFor(court, system.accountUserId, dto);
      const created = await this.db.getRepository(Case).findOneOrFail({ where: { id: caseId }, select: { id: true, number: true } });
      return { index, referralNumber: reference, result: ReferralRowResult.Created, caseNumber: created.number, caseId, errors: [] };
    } catch (error) {
      if (!(error instanceof ValidationProblem)) throw error;
      // Referred meanwhile by a concurrent post of the same batch: the unique key kept it once.
      const raced = error.fieldErrors.some((f) => f.rule === 'isUnique') ? await this.existing(system.courtId, dto.referralNumber) : null;
      if (raced) return { index, referralNumber: reference, result: ReferralRowResult.Existing, caseNumber: raced.number, caseId: raced.id, errors: [] };
      return invalid(
        reference,
        error.fieldErrors.map((f) => ({ ...f, field: at(f.field) })),
      );
    }
  }

  private existing(courtId: string, referralNumber: string): Promise<Case | null> {
    return this.db.getRepository(Case).findOne({ where: { referringCourtId: courtId, referralNumber }, select: { id: true, number: true } });
  }

  /** A case the court referred, by its reference: status and outcome. Another court's is a 404. */
  async caseByReference(system: CourtSystemPrincipal, referralNumber: string): Promise<ReferredCaseView> {
    const found = await this.db.getRepository(Case).findOne({ where: { referringCourtId: system.courtId, referralNumber } });
    if (!found || courtSystemMay(system, CourtSystemPermission.ReadCases, found) === 'not_its_case') {
      throw new NotFoundProblem(`Your court referred no case under ${referralNumber}`);
    }
    return ReferredCaseView.of(found);
  }
}
