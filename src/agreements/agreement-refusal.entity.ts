import { Column, Entity, PrimaryGeneratedColumn } from 'typeorm';

/** A party's refusal to sign a version, with its reason (docs/procedural-rules.md B8): the mediator then revises or terminates. */
@Entity('agreement_refusals')
export class AgreementRefusal {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'case_id', type: 'uuid' })
  caseId: string;

  @Column({ name: 'version_id', type: 'uuid' })
  versionId: string;

  @Column({ name: 'party_id', type: 'uuid' })
  partyId: string;

  @Column({ name: 'user_id', type: 'uuid' })
  userId: string;

  @Column({ type: 'text' })
  reason: string;

  @Column({ name: 'refused_at', type: 'timestamptz' })
  refusedAt: Date;
}
