import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';

export enum MembershipRole {
  /** Administers the organisation (a court admin creates its clerks and judges). */
  Admin = 'admin',
  Member = 'member',
}

@Entity('memberships')
export class Membership {
  @PrimaryColumn({ name: 'user_id', type: 'uuid' })
  userId: string;

  @PrimaryColumn({ name: 'organisation_id', type: 'uuid' })
  organisationId: string;

  @Column({ type: 'text', default: MembershipRole.Member })
  role: MembershipRole;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}
