import { Injectable } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { PassportStrategy } from '@nestjs/passport';
import { InjectDataSource } from '@nestjs/typeorm';
import { ExtractJwt, Strategy } from 'passport-jwt';
import { DataSource } from 'typeorm';
import type { Environment } from '../config/environment';
import { runPrepared, type PreparedStatement } from '../common/database/prepared-statement';
import { UserStatus } from '../users/user.entity';
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
    const [user] = await runPrepared<CurrentUserRow>(this.db.manager, CURRENT_USER, [claims.sub]);
    if (!user || user.status !== UserStatus.Active) return false;
    if (!accessTokenIsCurrent(claims, { sessionGeneration: user.session_generation })) return false;
    return {
      id: user.id,
      email: user.email,
      displayName: user.display_name,
      roles: user.roles,
      preferredLanguage: user.preferred_language,
      identityVerified: user.identity_verified,
      memberships: user.memberships,
      sessionGeneration: user.session_generation,
    };
  }
}

interface CurrentUserRow {
  id: string;
  email: string;
  display_name: string;
  roles: AuthUser['roles'];
  preferred_language: AuthUser['preferredLanguage'];
  identity_verified: boolean;
  status: UserStatus;
  session_generation: number;
  memberships: AuthUser['memberships'];
}

/** Every request asks this once: the person and their memberships in one prepared statement. */
const CURRENT_USER: PreparedStatement = {
  name: 'auth.current-user',
  text: `SELECT u.id, u.email, u.display_name, u.roles, u.preferred_language, u.identity_verified_at IS NOT NULL AS identity_verified, u.status, u.session_generation,
            coalesce((SELECT json_agg(json_build_object('organisationId', m.organisation_id, 'role', m.role)) FROM memberships m WHERE m.user_id = u.id), '[]') AS memberships
       FROM users u WHERE u.id = $1`,
};
