import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { IntakeModule } from '../intake/intake.module';
import { DemoClosedLoop } from './demo-closed-loop';
import { DemoData } from './demo-data.service';

@Module({ imports: [IntakeModule, DocumentsModule], providers: [DemoData, DemoClosedLoop], exports: [DemoData] })
export class DemoModule {}
