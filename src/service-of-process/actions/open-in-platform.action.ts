import { Injectable } from '@nestjs/common';
import type { Readable } from 'node:stream';
import type { AuthUser } from '../../auth/auth-user';
import { ForbiddenProblem } from '../../common/errors/problem';
import type { CaseDocument } from '../../documents/document.entity';
import { ServedDocuments } from '../served-documents';
import type { RequestOrigin } from '../../common/request-origin';
import { ServiceReader } from '../service-reader';

@Injectable()
export class OpenInPlatform {
  constructor(
    private readonly reader: ServiceReader,
    private readonly served: ServedDocuments,
  ) {}

  /** The recipient opening the served document in the platform while signed in. */
  async run(user: AuthUser, id: string, origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const s = await this.reader.get(user, id);
    const courtMember = s.recipientOrganisationId !== null && user.memberships.some((m) => m.organisationId === s.recipientOrganisationId);
    if (s.recipientUserId !== user.id && !courtMember)
      throw new ForbiddenProblem('Only the recipient opens a served document this way (others download it from the case documents)');
    return this.served.recordReadAndOpen(s, 'platform', origin);
  }
}
