import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsEnum, IsIn, IsOptional, IsUUID } from 'class-validator';
import { CaseDocument, DocumentKind, DocumentVisibility, UPLOADABLE_KINDS } from './document.entity';

/** Upload metadata travels in the query string so the file can stream straight to storage. */
export class UploadDocumentQuery {
  @ApiProperty({ enum: UPLOADABLE_KINDS })
  @IsIn(UPLOADABLE_KINDS)
  kind: DocumentKind;

  @ApiPropertyOptional({ enum: DocumentVisibility, description: 'Default: all_parties (court staff: court)' })
  @IsOptional()
  @IsEnum(DocumentVisibility)
  visibility?: DocumentVisibility;

  /** The document this one replaces: documents are never overwritten. */
  @ApiPropertyOptional()
  @IsOptional()
  @IsUUID()
  supersedesId?: string;
}

export class DocumentView {
  @ApiProperty() id: string;
  @ApiProperty() caseId: string;
  @ApiProperty({ enum: DocumentKind }) kind: DocumentKind;
  @ApiProperty({ enum: DocumentVisibility }) visibility: DocumentVisibility;
  @ApiProperty() filename: string;
  @ApiProperty() contentType: string;
  @ApiProperty() size: number;
  @ApiProperty() sha256: string;
  @ApiPropertyOptional({ nullable: true, type: String }) supersedesId: string | null;
  @ApiProperty() createdAt: string;

  static of(d: CaseDocument): DocumentView {
    return {
      id: d.id,
      caseId: d.caseId,
      kind: d.kind,
      visibility: d.visibility,
      filename: d.filename,
      contentType: d.contentType,
      size: d.size,
      sha256: d.sha256,
      supersedesId: d.supersedesId,
      createdAt: d.createdAt.toISOString(),
    };
  }
}
