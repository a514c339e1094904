import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { ConflictProblem } from '../../common/errors/problem';
import { Clock } from '../../infrastructure/clock/clock';
import { ServiceOfProcess } from '../service-of-process.service';
import { ServiceReader } from '../service-reader';
import { ServiceRecord } from '../service.entity';

@Injectable()
export class RecordOfflineService {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly reader: ServiceReader,
    private readonly service: ServiceOfProcess,
    private readonly clock: Clock,
  ) {}

  /** Staff record that a service was switched to offline (docs/procedural-rules.md A1), with who and why; a served-at time completes it. */
  async run(admin: AuthUser, id: string, body: { reason: string; method: string; servedAt?: string }): Promise<ServiceRecord> {
    const s = await this.reader.get(admin, id);
    if (s.offlineAt) throw new ConflictProblem('An offline service is already recorded for this service');
    const servedAt = body.servedAt ? new Date(body.servedAt) : null;
    if (servedAt && servedAt.getTime() > this.clock.nowMs()) throw new ConflictProblem('servedAt cannot be in the future');
    await this.db
      .getRepository(ServiceRecord)
      .update({ id }, { offlineAt: this.clock.now(), offlineBy: admin.id, offlineReason: body.reason, offlineMethod: body.method, offlineServedAt: servedAt });
    return this.service.refresh(id);
  }
}
