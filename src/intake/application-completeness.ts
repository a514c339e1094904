import { DisputeType, IP_DISPUTE_TYPES } from '../cases/entities/case.entity';

/** The application as completeness sees it. */
export interface ApplicationFacts {
  disputeType: DisputeType;
  statement: string | null;
  claims: unknown[];
  ipRights: unknown[];
  applicant?: {
    name: string;
    idType: string | null;
    idNumber: string | null;
    phone: string | null;
    email: string | null;
    consentOnline: boolean | null;
    consentEService: boolean | null;
    eServiceBasis: string | null;
  };
  respondents: { name: string; phone: string | null; email: string | null; address: string | null }[];
  documentCount: number;
}

/**
 * What an application still lacks before intake can review it (docs/procedural-rules.md A1, A2, F26):
 * identity, a brief account, a valid phone, an e-service address, filing materials, consent
 * to online handling and to e-service, a respondent to contact, a claim, and for IP disputes
 * the right concerned. Returns people-readable items; empty means complete.
 */
export function missingForSubmission(a: ApplicationFacts, options: { requireDocuments: boolean } = { requireDocuments: true }): string[] {
  const missing: string[] = [];
  const applicant = a.applicant;
  if (!applicant) {
    missing.push('the applicant');
  } else {
    if (!applicant.idType || !applicant.idNumber) missing.push("the applicant's identity document (type and number)");
    if (!applicant.phone) missing.push("the applicant's phone number");
    if (!applicant.email) missing.push("the applicant's electronic-service address (e-mail)");
    if (applicant.consentOnline !== true) missing.push('consent to online handling');
    if (applicant.consentEService !== true || !applicant.eServiceBasis) missing.push('consent to electronic service, with its basis');
  }
  if (!a.statement || a.statement.trim().length < 20) missing.push('a statement of facts (at least 20 characters)');
  if (a.claims.length === 0) missing.push('at least one claim');
  if (a.respondents.length === 0) missing.push('at least one respondent');
  a.respondents.forEach((r, i) => {
    if (!r.phone && !r.email && !r.address) missing.push(`a way to reach respondent ${i + 1} (${r.name}): phone, e-mail or address`);
  });
  if (IP_DISPUTE_TYPES.includes(a.disputeType) && a.ipRights.length === 0) missing.push('the intellectual-property right concerned');
  if (options.requireDocuments && a.documentCount === 0) missing.push('filing materials (upload at least one document)');
  return missing;
}
