import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsArray } from 'class-validator';
import { FieldErrorDoc } from '../common/errors/api-problems.decorator';
import type { FieldError } from '../common/errors/problem';
import { CreateReferralRequest } from '../intake/application.dto';

export class ReferralBatchRequest {
  @ApiProperty({
    type: [CreateReferralRequest],
    description:
      "The referrals, each with the court's own `referralNumber`. Each row is checked on its own: a wrong row is answered with its errors, the others are created. At most REFERRAL_BATCH_MAX_ROWS rows (100 by default).",
  })
  // Rows are validated one by one (the service), so that one wrong row does not refuse the batch.
  @IsArray()
  referrals: unknown[];
}

export enum ReferralRowResult {
  Created = 'created',
  /** Referred before (an earlier batch, a retry, or an earlier row of this one): nothing created. */
  Existing = 'existing',
  Invalid = 'invalid',
}

export class ReferralRowView {
  @ApiProperty({ description: "The row's index in `referrals`" }) index: number;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The court's reference, as sent" }) referralNumber: string | null;
  @ApiProperty({ enum: ReferralRowResult }) result: ReferralRowResult;
  @ApiPropertyOptional({ nullable: true, type: String, description: "The platform's case number (created or already existing)" }) caseNumber: string | null;
  @ApiPropertyOptional({ nullable: true, type: String, format: 'uuid' }) caseId: string | null;
  @ApiProperty({ type: [FieldErrorDoc], description: "The row's errors, fields named `referrals.<index>.<field>`; empty unless invalid" }) errors: FieldError[];
}

export class ReferralBatchView {
  @ApiProperty() created: number;
  @ApiProperty() existing: number;
  @ApiProperty() invalid: number;
  @ApiProperty({ type: [ReferralRowView] }) rows: ReferralRowView[];
}
