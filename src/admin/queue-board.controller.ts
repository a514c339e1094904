import { Controller, HttpCode, HttpStatus, Post, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiProperty, ApiTags } from '@nestjs/swagger';
import type { Response } from 'express';
import type { AuthUser } from '../auth/auth-user';
import { CurrentUser, Roles } from '../auth/decorators';
import { GlobalRole } from '../auth/roles';
import { ApiProblems } from '../common/errors/api-problems.decorator';
import { QUEUE_BOARD_PATH, QUEUE_BOARD_SESSION_SECONDS, QueueBoardAuth } from './queue-board-auth.service';

export class QueueBoardSessionView {
  /** Open this in the same browser: the cookie just set lets it in. */
  @ApiProperty() url: string;
  /** Seconds the cookie works. */
  @ApiProperty() expiresIn: number;
}

@ApiTags('admin')
@ApiBearerAuth()
@Roles(GlobalRole.Admin)
@Controller('admin/queue-board')
export class QueueBoardController {
  constructor(private readonly auth: QueueBoardAuth) {}

  /** Sets the short-lived cookie that opens the queue board (bull-board) at /api/admin/queues. */
  @Post('session')
  @HttpCode(HttpStatus.OK)
  @ApiOkResponse({ type: QueueBoardSessionView })
  @ApiProblems(401, 403)
  async session(@CurrentUser() user: AuthUser, @Res({ passthrough: true }) res: Response): Promise<QueueBoardSessionView> {
    const cookie = await this.auth.sessionCookie(user);
    res.cookie(cookie.name, cookie.value, cookie.options);
    return { url: `${QUEUE_BOARD_PATH}/`, expiresIn: QUEUE_BOARD_SESSION_SECONDS };
  }
}
