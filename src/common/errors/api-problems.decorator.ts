import { applyDecorators } from '@nestjs/common';
import { ApiExtraModels, ApiProperty, ApiPropertyOptional, ApiResponse, getSchemaPath } from '@nestjs/swagger';

export class FieldErrorDoc {
  @ApiProperty({ example: 'respondents.0.email' })
  field: string;

  @ApiProperty({ example: 'isEmail' })
  rule: string;

  @ApiProperty({ example: 'respondents.0.email must be an email' })
  message: string;
}

export class ProblemDoc {
  @ApiProperty({ example: 'urn:accord:problem:validation-failed' })
  type: string;

  @ApiProperty({ example: 'The request is invalid' })
  title: string;

  @ApiProperty({ example: 400 })
  status: number;

  @ApiPropertyOptional({ example: 'message: message must be a string' })
  detail?: string;

  @ApiPropertyOptional({ example: '/api/v1/system/ping' })
  instance?: string;

  @ApiPropertyOptional({ type: [FieldErrorDoc], description: 'Per-field validation errors' })
  errors?: FieldErrorDoc[];

  @ApiPropertyOptional({ description: 'Request id of an unexpected error, to quote when reporting it' })
  correlationId?: string;
}

const DESCRIPTIONS: Record<number, string> = {
  400: 'The request is invalid: `errors` lists each field and the rule it broke',
  401: 'Not signed in, or the token expired',
  403: 'Signed in, but this role may not do this',
  404: 'No such resource, or not visible to you',
  409: 'The resource changed meanwhile, or the action is not allowed in its current state',
  413: 'The upload or body is too large',
  415: 'The content type is not accepted',
  423: 'The resource is locked (archived)',
  429: 'Too many attempts: retry after the number of seconds in Retry-After',
  503: 'A service the platform depends on (the database, Redis) is down: retry after the seconds in Retry-After',
};

/** Documents the problem+json responses an endpoint can return. */
export const ApiProblems = (...statuses: number[]): MethodDecorator & ClassDecorator =>
  applyDecorators(
    ApiExtraModels(ProblemDoc, FieldErrorDoc),
    ...statuses.map((status) =>
      ApiResponse({
        status,
        description: DESCRIPTIONS[status] ?? 'Error',
        content: { 'application/problem+json': { schema: { $ref: getSchemaPath(ProblemDoc) } } },
      }),
    ),
  );
