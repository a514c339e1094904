import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Transform } from 'class-transformer';
import { IsEmail, IsEnum, IsOptional, IsString, Length, Matches, MaxLength } from 'class-validator';
import { Language } from './roles';
import { SECRET_TOKEN_PATTERN } from './secret-token';

const trimLower = ({ value }: { value: unknown }): unknown => (typeof value === 'string' ? value.trim().toLowerCase() : value);

/** OWASP ASVS: at least 12 characters, long passphrases allowed, no composition rules. */
export const PasswordRule = (): PropertyDecorator => Length(12, 128, { message: '$property must be 12 to 128 characters long' });

/** E.164, e.g. +8613800138000: a valid number is required for intake (OMR 8). */
export const PhoneRule = (): PropertyDecorator => Matches(/^\+[1-9]\d{6,14}$/, { message: '$property must be an international number such as +8613800138000' });

export class RegisterRequest {
  @ApiProperty({ example: 'li.wei@example.com' })
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @PasswordRule()
  password: string;

  @ApiProperty({ example: 'Li Wei' })
  @IsString()
  @Length(1, 200)
  displayName: string;

  @ApiPropertyOptional({ example: '+8613800138000' })
  @IsOptional()
  @PhoneRule()
  phone?: string;

  @ApiPropertyOptional({ enum: Language, default: Language.ZhCN })
  @IsOptional()
  @IsEnum(Language)
  preferredLanguage?: Language;
}

export class LoginRequest {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;

  @ApiProperty()
  @IsString()
  @MaxLength(128)
  password: string;
}

/** A refresh or reset token as the API issues it: anything else is malformed, not merely unknown. */
const SecretTokenRule = (): PropertyDecorator => Matches(SECRET_TOKEN_PATTERN, { message: '$property is not a token this API issued' });

export class RefreshRequest {
  @ApiPropertyOptional({ description: 'Required of API clients. Browser clients (X-Accord-Client: browser) send no body: the accord_refresh cookie holds the token' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  @SecretTokenRule()
  refreshToken?: string;
}

export class ChangePasswordRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(128)
  currentPassword: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @PasswordRule()
  newPassword: string;
}

export class PasswordResetRequest {
  @ApiProperty()
  @Transform(trimLower)
  @IsEmail()
  @MaxLength(254)
  email: string;
}

export class CompletePasswordResetRequest {
  @ApiProperty()
  @IsString()
  @MaxLength(200)
  @SecretTokenRule()
  token: string;

  @ApiProperty({ minLength: 12, maxLength: 128 })
  @IsString()
  @PasswordRule()
  newPassword: string;
}

export class SessionResponse {
  @ApiProperty()
  accessToken: string;

  @ApiProperty({ example: 'Bearer' })
  tokenType: 'Bearer';

  @ApiProperty({ description: 'Seconds until the access token expires' })
  expiresIn: number;

  @ApiPropertyOptional({
    description: 'Use once at POST /auth/refresh; each use returns a new one. Absent for browser clients: they get it as the HttpOnly cookie accord_refresh',
  })
  refreshToken?: string;

  @ApiProperty()
  refreshTokenExpiresAt: string;
}
