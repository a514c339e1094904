import type { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import { ANY_HOLDER, signServiceLink } from '../service-of-process/service-link';
import type { Notification } from './notification.entity';

/**
 * A served document's signed, single-recipient link (src/service-of-process), for a notification
 * that serves one. Signed at delivery, so the link exists only in the message itself, never in
 * a table.
 */
export function servedDocumentLink(n: Pick<Notification, 'data' | 'userId'>, config: ConfigService<Environment, true>): string | undefined {
  const { serviceId, linkExpiresAt } = n.data;
  const secret = config.get('SERVICE_LINK_SECRET') ?? config.get('JWT_SECRET');
  if (typeof serviceId !== 'string' || typeof linkExpiresAt !== 'string' || !secret) return undefined;
  const token = signServiceLink(secret, { serviceId, userId: n.userId ?? ANY_HOLDER, expiresAt: Math.floor(new Date(linkExpiresAt).getTime() / 1000) });
  // The web app's landing page (web/src/respondent); the PDF itself stays at /api/v1/service-links/{token}.
  return `${config.get('PUBLIC_URL').replace(/\/$/, '')}/served/${token}`;
}
