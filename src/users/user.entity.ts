import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn, UpdateDateColumn } from 'typeorm';
import { GlobalRole, Language } from '../auth/roles';

export enum UserStatus {
  Active = 'active',
  Disabled = 'disabled',
}

@Entity('users')
export class User {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  /** Stored lower-cased; unique. */
  @Column({ type: 'text' })
  email: string;

  /** E.164, e.g. +8613800138000. */
  @Column({ type: 'text', nullable: true })
  phone: string | null;

  @Column({ name: 'display_name', type: 'text' })
  displayName: string;

  @Column({ name: 'preferred_language', type: 'text', default: Language.ZhCN })
  preferredLanguage: Language;

  @Column({ type: 'text', array: true, default: () => `'{}'` })
  roles: GlobalRole[];

  /** argon2id PHC string; null until the person sets a password. */
  @Column({ name: 'password_hash', type: 'text', nullable: true, select: false })
  passwordHash: string | null;

  @Column({ type: 'text', default: UserStatus.Active })
  status: UserStatus;

  /** Real-name verification (OLR 7, OMR 17): required before joining a mediation session. */
  @Column({ name: 'identity_verified_at', type: 'timestamptz', nullable: true })
  identityVerifiedAt: Date | null;

  @Column({ name: 'identity_verification_method', type: 'text', nullable: true })
  identityVerificationMethod: string | null;

  @Column({ name: 'identity_verified_by', type: 'uuid', nullable: true })
  identityVerifiedBy: string | null;

  /** Raised by "sign out everywhere": access tokens of an older generation stop working. */
  @Column({ name: 'session_generation', type: 'integer', default: 0 })
  sessionGeneration: number;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @UpdateDateColumn({ name: 'updated_at', type: 'timestamptz' })
  updatedAt: Date;
}
