import { Controller, Get, Param, ParseUUIDPipe, Res, StreamableFile } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProduces, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser } from '../auth/decorators';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { ArchiveRecord } from './archive-record.entity';
import { ArchiveService } from './archive.service';
import { ArchiveVerificationView } from './archive.view';

@ApiTags('archive')
@ApiBearerAuth()
@Controller('cases/:id/archive')
export class ArchiveController {
  constructor(private readonly archives: ArchiveService) {}

  /** Where the sealed archive is, its hashes and its retention date. */
  @Get()
  @ApiOkResponse({ type: ArchiveRecord })
  @ApiProblems(401, 403, 404)
  get(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ArchiveRecord> {
    return this.archives.record(user, id);
  }

  /** Recompute every hash and the event chain from storage; reports each item. */
  @Get('verification')
  @ApiOkResponse({ type: ArchiveVerificationView })
  @ApiProblems(401, 403, 404)
  verify(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string): Promise<ArchiveVerificationView> {
    return this.archives.verify(user, id);
  }

  /** The ZIP (parties and the mediator: it holds sealed mediation content). Verify it offline with `npm run archive:verify`. */
  @Get('content')
  @ApiProduces('application/zip')
  @ApiOkResponse({ description: 'The sealed archive ZIP', schema: { type: 'string', format: 'binary' } })
  @ApiProblems(401, 403, 404)
  async content(@CurrentUser() user: AuthUser, @Param('id', ParseUUIDPipe) id: string, @Res({ passthrough: true }) res: Response): Promise<StreamableFile> {
    const { row, stream } = await this.archives.content(user, id);
    res.setHeader('X-Archive-Manifest-Hash', row.manifestHash);
    res.setHeader('X-Content-SHA256', row.sha256);
    return new StreamableFile(stream, { type: 'application/zip', length: row.size, disposition: `attachment; filename="case-${id}.zip"` });
  }
}
