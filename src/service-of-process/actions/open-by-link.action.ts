import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { Readable } from 'node:stream';
import { DataSource } from 'typeorm';
import type { AuthUser } from '../../auth/auth-user';
import { CaseParty } from '../../cases/entities/case-party.entity';
import { ForbiddenProblem } from '../../common/errors/problem';
import type { CaseDocument } from '../../documents/document.entity';
import { ServedDocuments } from '../served-documents';
import type { RequestOrigin } from '../../common/request-origin';

@Injectable()
export class OpenByLink {
  constructor(
    @InjectDataSource() private readonly db: DataSource,
    private readonly served: ServedDocuments,
  ) {}

  /**
   * Opening the served document through its signed link, anonymously or signed in. Refused
   * (nothing recorded) when the link is tampered with or expired, or when someone other than
   * its recipient is signed in.
   */
  async run(token: string, signedIn: AuthUser | null, origin: RequestOrigin): Promise<{ doc: CaseDocument; stream: Readable }> {
    const s = await this.served.byLink(token);
    // A party without an account may have signed up and claimed the party since: then only that person.
    const owner = s.recipientUserId ?? (s.partyId ? ((await this.db.getRepository(CaseParty).findOneBy({ id: s.partyId }))?.userId ?? null) : null);
    if (signedIn && owner !== null && signedIn.id !== owner) throw new ForbiddenProblem('This link is for another person: only its recipient may open it');
    if (signedIn && owner === null) throw new ForbiddenProblem('This link is for a party without an account: sign out to read it, or claim the party first');
    return this.served.recordReadAndOpen(s, 'link', origin);
  }
}
