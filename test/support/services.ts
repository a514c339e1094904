/** A service as GET /cases/{id}/services and GET /services/{id} return it (the fields the tests read). */
export interface ServiceBody {
  id: string;
  documentId: string;
  documentSha256: string;
  recipientUserId: string | null;
  channels: string[];
  addresses: { channel: string; address: string; confirmed: boolean }[];
  delivered: { channel: string; deliveredAt: string | null; effectiveAt: string | null }[];
  sentAt: string | null;
  readAt: string | null;
  readVia: string | null;
  actedAt: string | null;
  effectiveAt: string | null;
  effectiveRule: string | null;
  effectiveChannel: string | null;
  certificateDocumentId: string | null;
  nextAttemptAt: string | null;
  exhaustedAt: string | null;
}
