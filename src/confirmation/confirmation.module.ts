import { Module } from '@nestjs/common';

/** Judicial confirmation: the joint application and the court's side (issue 9; RULES.md D). */
@Module({})
export class ConfirmationModule {}
