import { Injectable } from '@nestjs/common';

export interface IdentityCheck {
  fullName: string;
  documentType: string;
  documentNumber: string;
}

export type IdentityOutcome = { status: 'verified'; method: string; reference: string } | { status: 'pending'; message: string } | { status: 'rejected'; message: string };

/**
 * Real-name verification provider (e.g. a public-security identity service). Behind this
 * adapter so a deployment plugs in its provider. The document number is passed through and
 * never stored.
 */
export abstract class IdentityVerifier {
  abstract verify(userId: string, check: IdentityCheck): Promise<IdentityOutcome>;
}

/**
 * The default: no automatic provider. The request is acknowledged and an administrator
 * verifies the person (in person, by video or against a court record) through
 * POST /users/{id}/identity-verification.
 */
@Injectable()
export class ManualReviewIdentityVerifier extends IdentityVerifier {
  async verify(): Promise<IdentityOutcome> {
    return {
      status: 'pending',
      message: 'No automatic verification is configured: an administrator will verify your identity and you will be told.',
    };
  }
}
