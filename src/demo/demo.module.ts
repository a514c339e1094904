import { Module } from '@nestjs/common';
import { DocumentsModule } from '../documents/documents.module';
import { IntakeModule } from '../intake/intake.module';
import { DemoData } from './demo-data.service';

@Module({ imports: [IntakeModule, DocumentsModule], providers: [DemoData], exports: [DemoData] })
export class DemoModule {}
