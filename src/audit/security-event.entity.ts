import { Column, CreateDateColumn, Entity, PrimaryGeneratedColumn } from 'typeorm';

export enum SecurityEventType {
  Registered = 'registered',
  LoginSucceeded = 'login_succeeded',
  LoginFailed = 'login_failed',
  AccountLocked = 'account_locked',
  LoggedOut = 'logged_out',
  LoggedOutEverywhere = 'logged_out_everywhere',
  RefreshTokenReused = 'refresh_token_reused',
  PasswordChanged = 'password_changed',
  PasswordResetRequested = 'password_reset_requested',
  PasswordResetCompleted = 'password_reset_completed',
  UserCreated = 'user_created',
  RolesChanged = 'roles_changed',
  UserDisabled = 'user_disabled',
  UserEnabled = 'user_enabled',
  IdentityVerified = 'identity_verified',
  MembershipGranted = 'membership_granted',
  /** A court system's API key: issued, revoked, used (each request), refused (a wrong, unknown or revoked key). */
  ApiKeyIssued = 'api_key_issued',
  ApiKeyRevoked = 'api_key_revoked',
  ApiKeyUsed = 'api_key_used',
  ApiKeyRefused = 'api_key_refused',
  /** A court system's webhook: subscribed (by an administrator or its own key), its signing secret rotated, disabled. */
  WebhookSubscribed = 'webhook_subscribed',
  WebhookSecretRotated = 'webhook_secret_rotated',
  WebhookDisabled = 'webhook_disabled',
}

/** Append-only log of security events, for administrators. Never holds a secret. */
@Entity('security_events')
export class SecurityEvent {
  @PrimaryGeneratedColumn('uuid')
  id: string;

  @Column({ type: 'text' })
  type: SecurityEventType;

  /** The account the event is about (null for a failed login on an unknown e-mail). */
  @Column({ name: 'user_id', type: 'uuid', nullable: true })
  userId: string | null;

  /** Who did it, when not the user itself (an admin changing roles). */
  @Column({ name: 'actor_id', type: 'uuid', nullable: true })
  actorId: string | null;

  @Column({ type: 'text', nullable: true })
  ip: string | null;

  @Column({ name: 'user_agent', type: 'text', nullable: true })
  userAgent: string | null;

  @Column({ type: 'jsonb', default: () => `'{}'` })
  details: Record<string, unknown>;

  @CreateDateColumn({ name: 'occurred_at', type: 'timestamptz' })
  occurredAt: Date;
}
