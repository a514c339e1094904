import { Injectable, Logger } from '@nestjs/common';
import { Language } from './roles';
import { MailSender } from '../infrastructure/mail/mail-sender.service';
import type { User } from '../users/user.entity';

/**
 * E-mails a password-reset link. Sent straight from the request, after the token's row has
 * committed, and deliberately not through the outbox and notifications: those persist their
 * data (database rows, Redis jobs), and the link is a bearer secret that must exist only in
 * the person's mailbox (only its hash is stored). A failed send is logged; the person asks
 * again. Without SMTP_URL (development) the mail sender writes the message to the log.
 */
@Injectable()
export class PasswordResetDelivery {
  private readonly logger = new Logger(PasswordResetDelivery.name);

  constructor(private readonly mail: MailSender) {}

  async deliver(user: User, link: string, ttlMinutes: number): Promise<void> {
    const zh = user.preferredLanguage === Language.ZhCN;
    const subject = zh ? 'Accord 密码重置' : 'Reset your Accord password';
    const text = zh
      ? `${user.displayName}，您好：\n\n请在 ${ttlMinutes} 分钟内打开以下链接设置新密码（仅可使用一次）：\n${link}\n\n如非本人操作，请忽略本邮件，您的密码不会改变。`
      : `Hello ${user.displayName},\n\nOpen this link within ${ttlMinutes} minutes to set a new password (it works once):\n${link}\n\nIf you did not ask for this, ignore this e-mail: your password stays as it is.`;
    try {
      await this.mail.send({ to: user.email, subject, text });
    } catch (error) {
      this.logger.error({ userId: user.id, err: (error as Error).message }, 'could not send the password reset e-mail');
    }
  }
}
