import { applyDecorators } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayMinSize, IsArray, IsUUID } from 'class-validator';

/** A request's list of case documents it refers to (proofs, materials): ids, at least one, at most `max`. */
export const DocumentIds = (description: string, max = 50): PropertyDecorator =>
  applyDecorators(
    ApiProperty({ type: [String], format: 'uuid', minItems: 1, maxItems: max, description }),
    IsArray(),
    ArrayMinSize(1, { message: 'documentIds must name at least one document' }),
    ArrayMaxSize(max),
    IsUUID('all', { each: true, message: 'documentIds must be document ids' }),
  );
