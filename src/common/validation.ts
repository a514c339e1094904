import { ValidationPipe } from '@nestjs/common';
import { ValidationProblem } from './errors/problem';
import { flattenValidationErrors } from './errors/validation-errors';

/**
 * The one validation pipe: unknown fields are refused (a typo must not be silently dropped),
 * values are converted to the DTO's types, and every broken rule is listed per field.
 */
export const createValidationPipe = (): ValidationPipe =>
  new ValidationPipe({
    whitelist: true,
    forbidNonWhitelisted: true,
    transform: true,
    transformOptions: { enableImplicitConversion: false },
    validationError: { target: false, value: false },
    exceptionFactory: (errors) => new ValidationProblem(flattenValidationErrors(errors)),
  });
