import { HttpStatus, Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import { ForbiddenProblem, ProblemException, ProblemType } from '../common/errors/problem';
import type { Environment } from '../config/environment';
import { CaseDocument } from '../documents/document.entity';
import { Clock } from '../infrastructure/clock/clock';
import { ObjectStorage } from '../infrastructure/storage/object-storage';
import { ServiceOfProcess } from './service-of-process.service';
import { ANY_HOLDER, verifyServiceLink } from './service-link';
import { ServiceRecord } from './service.entity';
import type { RequestOrigin } from '../common/request-origin';

class GoneProblem extends ProblemException {
  constructor(detail: string) {
    super(HttpStatus.GONE, ProblemType.LinkExpired, 'Link expired', detail);
  }
}

/** The signed link to a served document, and the reading of it that proves service (docs/procedural-rules.md F27). */
@Injectable()
export class ServedDocuments {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly service: ServiceOfProcess,
    private readonly storage: ObjectStorage,
    private readonly clock: Clock,
    private readonly config: ConfigService<Environment, true>,
  ) {}

  /** The service a signed link names, refused when the link is tampered with or expired. */
  async byLink(token: string): Promise<ServiceRecord> {
    return this.linkedService(this.checkLink(token));
  }

  private async linkedService(payload: { serviceId: string; userId: string }): Promise<ServiceRecord> {
    const s = await this.db.getRepository(ServiceRecord).findOneBy({ id: payload.serviceId });
    if (!s || (s.recipientUserId ?? ANY_HOLDER) !== payload.userId) throw new ForbiddenProblem('This link is not valid');
    return s;
  }

  private checkLink(token: string): { serviceId: string; userId: string } {
    const secret = this.config.get('SERVICE_LINK_SECRET') ?? this.config.get('JWT_SECRET');
    const check = secret ? verifyServiceLink(secret, token, this.clock.nowMs()) : ({ ok: false, reason: 'bad_signature' } as const);
    if (!check.ok) {
      if (check.reason === 'expired') throw new GoneProblem('This link has expired: sign in to the platform to read the document');
      throw new ForbiddenProblem('This link is not valid');
    }
    return check.payload;
  }

  async recordReadAndOpen(s: ServiceRecord, via: 'link' | 'platform', origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const doc = await this.db.getRepository(CaseDocument).findOneByOrFail({ id: s.documentId });
    const stream = await this.storage.get(doc.storageKey);
    // The first reading is the proof; later ones change nothing.
    await this.db.query(`UPDATE services SET read_at = $2, read_via = $3, read_ip = $4, read_user_agent = $5 WHERE id = $1 AND read_at IS NULL`, [
      s.id,
      this.clock.now(),
      via,
      origin.ip,
      origin.userAgent?.slice(0, 500) ?? null,
    ]);
    await this.service.refresh(s.id);
    return { doc, stream };
  }
}
