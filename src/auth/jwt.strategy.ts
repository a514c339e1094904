import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { Membership } from '../organisations/membership.entity';
import { User, UserStatus } from '../users/user.entity';
import { isAccessToken, type TokenClaims } from './access-token';
import { accessTokenKey } from './access-token-key';
import type { AuthUser } from './auth-user';
import { accessTokenIsCurrent, type AccessTokenClaims } from './session-generation';

/**
 * Verifies the bearer token, then reads the person afresh: a disabled account or a removed
 * role takes effect on the next request, not when the token expires. Only an access token
 * (its audience, an expiry) passes: the queue board's cookie is signed with the same secret.
 */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    config: ConfigService<Environment, true>,
    @InjectDataSource() private readonly db: DataSource,
  ) {
    super({
      jwtFromRequest: ExtractJwt.fromAuthHeaderAsBearerToken(),
      // passport-jwt hands the key to jsonwebtoken as it is, which takes a KeyObject (passport-jwt's
      // types only say string | Buffer).
      secretOrKey: accessTokenKey(config.get('JWT_SECRET')) as unknown as Buffer,
      algorithms: ['HS256'],
      ignoreExpiration: false,
    });
  }

  /** Called by passport with the verified claims. */
  async validate(payload: TokenClaims & AccessTokenClaims): Promise<AuthUser | false> {
    const generation = payload.gen;
    if (!isAccessToken(payload)) return false;
    return this.currentUser({ sub: payload.sub, gen: generation });
  }

  /**
   * The person as of now, for a token or ticket that named them and the session generation it
   * was issued in (an access token, a stream ticket, the board's cookie).
   */
  async currentUser(claims: AccessTokenClaims & { sub: string }): Promise<AuthUser | false> {
    const user = await this.db.getRepository(User).findOne({ where: { id: claims.sub } });
    if (!user || user.status !== UserStatus.Active) return false;
    if (!accessTokenIsCurrent(claims, user)) return false;
    const memberships = await this.db.getRepository(Membership).find({ where: { userId: user.id } });
    return {
      id: user.id,
      email: user.email,
      displayName: user.displayName,
      roles: user.roles,
      preferredLanguage: user.preferredLanguage,
      identityVerified: user.identityVerifiedAt !== null,
      memberships: memberships.map((m) => ({ organisationId: m.organisationId, role: m.role })),
      sessionGeneration: user.sessionGeneration,
    };
  }
}
