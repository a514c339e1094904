import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-custom';
import type { CourtSystemPrincipal } from '../access/court-system-access.policy';
import { presentedApiKey } from './api-key';
import { CourtSystemKeys } from './court-system-keys.service';

export const COURT_SYSTEM_KEY_STRATEGY = 'court-system-key';

/**
 * Passport strategy for a court system's API key (`Authorization: Bearer acc_…` or `X-Api-Key`).
 * passport-custom rather than a header-only strategy: it reads either header, and the key's
 * row is read on every request, so a revoked key is refused at once.
 */
@Injectable()
export class CourtSystemKeyStrategy extends PassportStrategy(Strategy, COURT_SYSTEM_KEY_STRATEGY) {
  constructor(private readonly keys: CourtSystemKeys) {
    super();
  }

  async validate(req: Request): Promise<CourtSystemPrincipal | false> {
    const presented = presentedApiKey({ authorization: req.get('authorization'), 'x-api-key': req.get('x-api-key') });
    if (!presented) return false;
    const principal = await this.keys.authenticate(presented, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null, method: req.method, path: req.path });
    return principal ?? false;
  }
}
