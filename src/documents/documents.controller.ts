import { Controller, Get, Headers, Param, ParseUUIDPipe, Post, Query, Req, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiConsumes, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { Idempotency } from '../common/idempotency/idempotency.service';
import { ApiPage, wholePage, type Page } from '../common/pagination';
import { DocumentView, UploadDocumentQuery } from './document.dto';
import { DocumentsService } from './documents.service';

@ApiTags('documents')
@ApiBearerAuth()
@Controller()
export class DocumentsController {
  constructor(
    private readonly documents: DocumentsService,
    private readonly idempotency: Idempotency,
  ) {}

  /** Upload one file (multipart part `file`). Checked by content, size-limited, hashed while streamed. */
  @Post('cases/:id/documents')
  @ApiConsumes('multipart/form-data')
  @ApiBody({ schema: { type: 'object', properties: { file: { type: 'string', format: 'binary' } }, required: ['file'] } })
  @ApiHeader({ name: 'Idempotency-Key', required: false })
  @ApiCreatedResponse({ type: DocumentView })
  @ApiProblems(400, 401, 403, 404, 413, 415, 422)
  async upload(
    @CurrentUser() user: AuthUser,
    @Param('id', ParseUUIDPipe) id: string,
    @Query() query: UploadDocumentQuery,
    @Headers('idempotency-key') key: string | undefined,
    @Req() req: Request,
  ): Promise<DocumentView> {
    const idem = this.idempotency.request(user.id, key, 'POST', req.path, query);
    return DocumentView.of(await this.documents.upload(user, id, query, req, idem));
  }

  @Get('cases/:id/documents')
  @ApiPage(DocumentView)
  @ApiProblems(400, 401, 404)
  async list(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<Page<DocumentView>> {
    return wholePage((await this.documents.list(user, id)).map(DocumentView.of));
  }

  @Get('documents/:id')
  @ApiOkResponse({ type: DocumentView })
  @ApiProblems(400, 401, 404)
  async get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<DocumentView> {
    return DocumentView.of(await this.documents.get(user, id));
  }

  /** The file itself, as an attachment (never rendered inline by the browser). */
  @Get('documents/:id/content')
  @ApiProduces('application/octet-stream')
  @ApiOkResponse({ description: 'The bytes, in the document’s own content type; X-Content-SHA256 carries the stored hash', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(400, 401, 404)
  async content(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { doc, stream } = await this.documents.content(user, id);
    res.setHeader('X-Content-SHA256', doc.sha256);
    return new StreamableFile(stream, {
      type: doc.contentType,
      length: doc.size,
      disposition: `attachment; filename="${doc.filename.replace(/[^\x20-\x7e]|"/g, '_')}"; filename*=UTF-8''${encodeURIComponent(doc.filename)}`,
    });
  }
}
