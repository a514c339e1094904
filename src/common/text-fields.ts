import { applyDecorators } from '@nestjs/common';
import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

/** A required free-text field (a reason, a list of what is needed): `message` says what it must say. */
export const RequiredText = (message: string, { min = 3, max = 2000 }: { min?: number; max?: number } = {}): PropertyDecorator =>
  applyDecorators(ApiProperty({ minLength: min, maxLength: max }), IsString(), MinLength(min, { message }), MaxLength(max));

/** An optional free-text field (a note). */
export const OptionalText = (max = 2000): PropertyDecorator => applyDecorators(ApiPropertyOptional({ maxLength: max }), IsOptional(), IsString(), MaxLength(max));
