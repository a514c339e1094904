import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';
import { CourtSystemPermission } from '../access/court-system-access.policy';

/**
 * A court's own case-management system: the machine principal its API keys (and, later, its
 * webhook subscriptions) belong to. It acts through its account, a users row that can never sign
 * in (disabled, no password, no role), so the cases it refers name it as their creator.
 */
@Entity('court_systems')
export class CourtSystem {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_id', type: 'uuid' })
  courtId: string;

  @Column({ type: 'text' })
  name: string;

  @Column({ name: 'account_user_id', type: 'uuid' })
  accountUserId: string;

  @Column({ name: 'created_by', type: 'uuid' })
  createdBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;
}

/** One API key of a court system. Its secret is never stored, only its hash (see api-key.ts). */
@Entity('court_system_keys')
export class CourtSystemKey {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ name: 'court_system_id', type: 'uuid' })
  courtSystemId: string;

  @Column({ type: 'text' })
  label: string;

  @Column({ type: 'text', array: true })
  permissions: CourtSystemPermission[];

  @Column({ name: 'secret_hash', type: 'text', select: false })
  secretHash: string;

  @Column({ name: 'issued_by', type: 'uuid' })
  issuedBy: string;

  @CreateDateColumn({ name: 'created_at', type: 'timestamptz' })
  createdAt: Date;

  @Column({ name: 'last_used_at', type: 'timestamptz', nullable: true })
  lastUsedAt: Date | null;

  @Column({ name: 'revoked_at', type: 'timestamptz', nullable: true })
  revokedAt: Date | null;

  @Column({ name: 'revoked_by', type: 'uuid', nullable: true })
  revokedBy: string | null;
}

/** A key as administrators see it: never its secret. */
export class CourtSystemKeyView {
  @ApiProperty({ format: 'uuid' })
  id: string;

  @ApiProperty({ format: 'uuid' })
  courtSystemId: string;

  @ApiProperty({ example: '杭州中院审判系统' })
  courtSystemName: string;

  @ApiProperty({ format: 'uuid' })
  courtId: string;

  @ApiProperty({ example: 'production 2026' })
  label: string;

  @ApiProperty({ enum: CourtSystemPermission, isArray: true })
  permissions: CourtSystemPermission[];

  @ApiProperty({ description: 'The start of the key, enough to recognise it: `acc_<id>`', example: 'acc_7d0f1c2e-…' })
  prefix: string;

  @ApiProperty({ format: 'date-time' })
  createdAt: string;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  lastUsedAt: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true, type: String })
  revokedAt: string | null;

  static of(key: CourtSystemKey, system: CourtSystem): CourtSystemKeyView {
    return {
      id: key.id,
      courtSystemId: system.id,
      courtSystemName: system.name,
      courtId: system.courtId,
      label: key.label,
      permissions: key.permissions,
      prefix: `acc_${key.id}`,
      createdAt: key.createdAt.toISOString(),
      lastUsedAt: key.lastUsedAt?.toISOString() ?? null,
      revokedAt: key.revokedAt?.toISOString() ?? null,
    };
  }
}

/** The answer to issuing a key: the only time its secret is shown. */
export class IssuedCourtSystemKeyView extends CourtSystemKeyView {
  @ApiProperty({ description: 'The whole key. Shown this once: store it in the court system now; the platform keeps only its hash.', example: 'acc_7d0f…' })
  key: string;
}
