import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import type { Request } from 'express';
import { Strategy } from 'passport-local';
import type { User } from '../users/user.entity';
import { AuthService } from './auth.service';

/** E-mail and password from the body; lockout and audit happen in AuthService.authenticate. */
@Injectable()
export class LocalStrategy extends PassportStrategy(Strategy, 'local') {
  constructor(private readonly auth: AuthService) {
    super({ usernameField: 'email', passwordField: 'password', passReqToCallback: true });
  }

  async validate(req: Request, email: string, password: string): Promise<User> {
    return this.auth.authenticate(email.trim().toLowerCase(), password, { ip: req.ip ?? null, userAgent: req.get('user-agent') ?? null });
  }
}
