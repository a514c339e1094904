import { Module } from '@nestjs/common';
import { ConfigService } from '@nestjs/config';
import { APP_GUARD } from '@nestjs/core';
import { JwtModule } from '@nestjs/jwt';
import { PassportModule } from '@nestjs/passport';
import { ThrottlerModule } from '@nestjs/throttler';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { Redis } from 'ioredis';
import type { AppConfig } from '../config/config.module';
import { REDIS } from '../infrastructure/redis/redis.module';
import { Membership } from '../organisations/membership.entity';
import { User } from '../users/user.entity';
import { accessTokenKey } from './access-token-key';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { BrowserSessions } from './browser-session';
import { JwtAuthGuard, RolesGuard } from './guards';
import { JwtStrategy } from './jwt.strategy';
import { LocalStrategy } from './local.strategy';
import { LoginLockout } from './login-lockout.service';
import { PasswordResetDelivery } from './password-reset-delivery';
import { PasswordResetToken } from './password-reset-token.entity';
import { RedisThrottlerStorage } from './redis-throttler.storage';
import { RefreshToken } from './refresh-token.entity';
import { SessionTokens } from './session-tokens.service';

@Module({
  imports: [
    TypeOrmModule.forFeature([User, Membership, RefreshToken, PasswordResetToken]),
    PassportModule,
    JwtModule.registerAsync({
      inject: [ConfigService],
      useFactory: (config: AppConfig) => ({
        secret: accessTokenKey(config.get('JWT_SECRET')),
        signOptions: { algorithm: 'HS256' },
      }),
    }),
    ThrottlerModule.forRootAsync({
      inject: [ConfigService, REDIS],
      useFactory: (config: AppConfig, redis: Redis) => ({
        throttlers: [{ name: 'default', ttl: 60_000, limit: config.get('AUTH_RATE_LIMIT_PER_MINUTE') }],
        storage: new RedisThrottlerStorage(redis, config),
      }),
    }),
  ],
  controllers: [AuthController],
  providers: [
    AuthService,
    SessionTokens,
    BrowserSessions,
    LoginLockout,
    LocalStrategy,
    JwtStrategy,
    PasswordResetDelivery,
    // Order matters: who you are, then which global role you hold.
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
  // JwtStrategy and JwtModule: for the places a bearer header can't reach (SSE, the queue board).
  exports: [SessionTokens, JwtStrategy, JwtModule],
})
export class AuthModule {}
