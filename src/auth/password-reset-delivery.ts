import { Injectable, Logger } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import type { Environment } from '../config/environment';
import type { User } from '../users/user.entity';

/**
 * Delivers a password-reset link. Until the notification pipeline carries it by e-mail, the
 * link is written to the log outside production (embedded/demo use only) and dropped in
 * production, where nothing secret may reach a log.
 */
@Injectable()
export class PasswordResetDelivery {
  private readonly logger = new Logger(PasswordResetDelivery.name);

  constructor(private readonly config: ConfigService<Environment, true>) {}

  async deliver(user: User, link: string): Promise<void> {
    if (this.config.get('NODE_ENV') === 'production') {
      this.logger.warn({ userId: user.id }, 'password reset requested; e-mail delivery is not configured');
      return;
    }
    this.logger.log({ userId: user.id }, `password reset link (development only): ${link}`);
  }
}
