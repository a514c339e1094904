import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, type EntityManager } from 'typeorm';
import { GlobalRole } from '../auth/roles';
import { NotFoundProblem, ValidationProblem } from '../common/errors/problem';
import { Clock } from '../infrastructure/clock/clock';
import { User } from '../users/user.entity';
import { availabilityErrors } from './availability';
import type { CaseFacts } from './case-facts';
import { DEFAULT_MATCH_RULES } from './matcher';
import type { Track } from './triage';

/** How many pre-filtered mediators the matcher weighs per decision. */
export const CANDIDATE_LIMIT = 100;
import type { AvailabilityInput, MediatorProfileInput } from './mediator-profile.dto';
import { normaliseTechnicalField, type MediatorProfile } from './mediator-profile';
import { MediatorProfileRecord } from './mediator-profile.entity';

export const toMediatorProfile = (r: MediatorProfileRecord): MediatorProfile => ({
  id: r.userId,
  active: r.active,
  onLeaveFrom: r.onLeaveFrom,
  onLeaveUntil: r.onLeaveUntil,
  expertise: { disputeTypes: r.disputeTypes, technicalFields: r.technicalFields },
  languages: r.languages,
  jurisdictions: r.jurisdictions,
  accreditations: r.accreditations,
  seniority: r.seniority,
  capacity: r.capacity,
  openCases: r.openCases,
  courtIds: r.courtIds,
  organisationIds: r.organisationIds,
  relationships: r.relationships,
  pastInvolvement: r.pastInvolvement,
  stats: { outcomes: r.outcomes, assignmentsLast30Days: r.assignments30d },
});

/** Mediator profiles: maintained by admins, availability by the mediators themselves. */
@Injectable()
export class MediatorDirectory {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly clock: Clock,
  ) {}

  async get(userId: string): Promise<MediatorProfileRecord> {
    const row = await this.db.getRepository(MediatorProfileRecord).findOne({ where: { userId } });
    if (!row) throw new NotFoundProblem(`No mediator profile for ${userId}`);
    return row;
  }

  async put(userId: string, input: MediatorProfileInput): Promise<MediatorProfileRecord> {
    const user = await this.db.getRepository(User).findOne({ where: { id: userId } });
    if (!user) throw new NotFoundProblem(`No user ${userId}`);
    if (!user.roles.includes(GlobalRole.Mediator)) {
      throw new ValidationProblem([{ field: 'userId', rule: 'isMediator', message: 'the account does not hold the mediator role' }]);
    }
    const repo = this.db.getRepository(MediatorProfileRecord);
    const existing = await repo.findOne({ where: { userId } });
    await repo.save({
      userId,
      active: input.active,
      onLeaveFrom: input.onLeaveFrom ? new Date(input.onLeaveFrom) : null,
      onLeaveUntil: input.onLeaveUntil ? new Date(input.onLeaveUntil) : null,
      disputeTypes: input.disputeTypes,
      technicalFields: input.technicalFields.map(normaliseTechnicalField),
      languages: input.languages,
      jurisdictions: input.jurisdictions,
      accreditations: input.accreditations,
      seniority: input.seniority,
      capacity: input.capacity,
      courtIds: input.courtIds,
      organisationIds: input.organisationIds,
      relationships: { organisations: input.organisationRelationships, people: input.personRelationships },
      pastInvolvement: input.pastInvolvement,
      // Counters belong to the assignment service, never to the form.
      openCases: existing?.openCases ?? 0,
      assignments30d: existing?.assignments30d ?? 0,
      outcomes: existing?.outcomes ?? {},
    });
    return this.get(userId);
  }

  async setAvailability(userId: string, input: AvailabilityInput): Promise<MediatorProfileRecord> {
    await this.get(userId);
    const errors = availabilityErrors(input, this.clock.now());
    if (errors.length) throw new ValidationProblem(errors);
    await this.db
      .getRepository(MediatorProfileRecord)
      .update(
        { userId },
        { active: input.active, onLeaveFrom: input.onLeaveFrom ? new Date(input.onLeaveFrom) : null, onLeaveUntil: input.onLeaveUntil ? new Date(input.onLeaveUntil) : null },
      );
    return this.get(userId);
  }

  /**
   * The database does the coarse cut on indexed columns (active, dispute type, language, room
   * left, seniority for the track, the referring court) and keeps the most plausible few: those
   * sharing a technical field first, then the least loaded. The matcher weighs only these, so a
   * decision costs the same with ten or ten thousand mediators.
   */
  async candidates(facts: CaseFacts, track: Track, manager: EntityManager = this.db.manager, limit = CANDIDATE_LIMIT): Promise<MediatorProfile[]> {
    const fields = facts.technicalFields ?? [];
    const qb = manager
      .getRepository(MediatorProfileRecord)
      .createQueryBuilder('m')
      .where('m.active')
      .andWhere('m.dispute_types @> ARRAY[:disputeType]::text[]', { disputeType: facts.disputeType })
      .andWhere('m.languages @> ARRAY[:language]::text[]', { language: facts.language })
      .andWhere('m.open_cases < m.capacity')
      .andWhere('m.seniority >= :seniority', { seniority: DEFAULT_MATCH_RULES.minSeniority[track] });
    if (facts.referringCourtId) qb.andWhere('m.court_ids @> ARRAY[:courtId]::uuid[]', { courtId: facts.referringCourtId });
    if (fields.length) qb.addOrderBy('(m.technical_fields && ARRAY[:...fields]::text[])', 'DESC').setParameter('fields', fields);
    qb.addOrderBy('m.open_cases::float / greatest(m.capacity, 1)', 'ASC').addOrderBy('m.assignments_30d', 'ASC');
    return (await qb.limit(limit).getMany()).map(toMediatorProfile);
  }
}
