import { existsSync } from 'node:fs';
import { join } from 'node:path';

/**
 * The OpenAPI document is the web app's contract: its client is generated from it. These checks
 * keep the document complete enough for a typed client: every operation has a readable, unique
 * id and a schema for its request and its success answer; no schema is empty or an untyped
 * object; every list is the one page shape.
 *
 * The document is built from the compiled app (`dist/`, made by `npm test`'s build) without
 * services, as the web build makes it: the Swagger plugin of `nest build` describes the DTOs,
 * which ts-jest does not run.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  properties?: Record<string, Schema>;
  additionalProperties?: boolean | Schema;
  items?: Schema;
  oneOf?: Schema[];
  anyOf?: Schema[];
  allOf?: Schema[];
  enum?: unknown[];
  required?: string[];
}
interface Operation {
  operationId: string;
  requestBody?: { content: Record<string, { schema?: Schema }> };
  responses: Record<string, { content?: Record<string, { schema?: Schema }> }>;
}
interface Document {
  paths: Record<string, Record<string, Operation>>;
  components: { schemas: Record<string, Schema> };
}

const DIST = join(__dirname, '..', 'dist', 'openapi', 'document-without-services.js');

async function loadDocument(): Promise<Document> {
  if (!existsSync(DIST)) throw new Error('Build first: `npm run build` (npm test does it)');
  const { openApiDocumentWithoutServices } = require(DIST) as { openApiDocumentWithoutServices: () => Promise<Document> };
  return openApiDocumentWithoutServices();
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'];

/** Objects that are free-form JSON by nature, each for a stated reason. */
const FREE_FORM = new Set<string>([
  // each lifecycle event carries its own facts; the event `type` says which
  'CaseEventView.payload',
  // the matcher's, an administrator's or the parties' reasons: its shape depends on the offer's `source`
  'AssignmentOffer.explanation',
  // each security event type records its own details
  'SecurityEvent.details',
]);

/** Views whose `items` are things of their own, not a page of a list. */
const NOT_A_PAGE = new Set<string>([
  // the agreement's obligations as tracked performance items, with the default and enforcement data
  'PerformanceView',
  // what was checked in an archive
  'ArchiveVerificationView',
]);

describe('OpenAPI contract (what the generated web client relies on)', () => {
  let doc: Document;
  let operations: { name: string; op: Operation }[];
  beforeAll(async () => {
    doc = await loadDocument();
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      Object.entries(item)
        .filter(([method]) => METHODS.includes(method))
        .map(([method, op]) => ({ name: `${method.toUpperCase()} ${path}`, op })),
    );
  });

  /** The schema a reference (or a lone `allOf` reference, as a described property has) points at. */
  const resolve = (schema: Schema): Schema => {
    const ref = schema.$ref ?? (schema.allOf?.length === 1 ? schema.allOf[0].$ref : undefined);
    return ref ? (doc.components.schemas[ref.split('/').pop()!] ?? {}) : schema;
  };

  /** What is wrong with a schema for a typed client, looking into its properties (not through $refs). */
  function flaws(schema: Schema, where: string): string[] {
    if (schema.$ref) return doc.components.schemas[schema.$ref.split('/').pop()!] ? [] : [`${where}: dangling ${schema.$ref}`];
    const out: string[] = [];
    for (const part of [...(schema.oneOf ?? []), ...(schema.anyOf ?? []), ...(schema.allOf ?? [])]) out.push(...flaws(part, where));
    if (schema.oneOf || schema.anyOf || schema.allOf || schema.enum) return out;
    if (schema.type === 'array') {
      if (!schema.items) return [...out, `${where}: array without items`];
      if (schema.items.type === 'array') out.push(`${where}: array of arrays`);
      return [...out, ...flaws(schema.items, `${where}[]`)];
    }
    if (schema.type === 'object' || (!schema.type && !schema.$ref)) {
      const properties = Object.entries(schema.properties ?? {});
      const freeForm = properties.length === 0 && (!schema.additionalProperties || schema.additionalProperties === true);
      if (freeForm && !FREE_FORM.has(where)) return [...out, `${where}: empty or untyped object`];
      for (const [name, property] of properties) out.push(...flaws(property, `${where}.${name}`));
      if (typeof schema.additionalProperties === 'object') out.push(...flaws(schema.additionalProperties, `${where}{}`));
    }
    return out;
  }

  it('names every operation readably and uniquely', () => {
    const ids = operations.map(({ op }) => op.operationId);
    expect(ids.filter((id) => /Controller_|_v\d+$/.test(id) || !/^[a-z][A-Za-z0-9]*$/.test(id))).toEqual([]);
    expect(ids.filter((id, i) => ids.indexOf(id) !== i)).toEqual([]);
  });

  it('gives every success answer (but 204) a schema, and every request body one', () => {
    const missing: string[] = [];
    for (const { name, op } of operations) {
      const success = Object.entries(op.responses).filter(([status]) => /^2/.test(status));
      if (success.length === 0) missing.push(`${name}: no success response`);
      for (const [status, response] of success) {
        if (status === '204') continue;
        const media = Object.entries(response.content ?? {});
        if (media.length === 0) missing.push(`${name} ${status}: no content`);
        for (const [type, { schema }] of media) if (!schema) missing.push(`${name} ${status} ${type}: no schema`);
      }
      for (const [type, { schema }] of Object.entries(op.requestBody?.content ?? {})) if (!schema) missing.push(`${name} body ${type}: no schema`);
    }
    expect(missing).toEqual([]);
  });

  it('has no empty schema, untyped object or array of arrays, in operations or components', () => {
    const found: string[] = [];
    for (const [name, schema] of Object.entries(doc.components.schemas)) found.push(...flaws(schema, name));
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => /^2/.test(s))) {
        for (const { schema } of Object.values(response.content ?? {})) if (schema) found.push(...flaws(schema, `${name} ${status}`));
      }
      for (const { schema } of Object.values(op.requestBody?.content ?? {})) if (schema) found.push(...flaws(schema, `${name} body`));
    }
    expect(found).toEqual([]);
  });

  it('answers every list as { items, nextCursor }', () => {
    const wrong: string[] = [];
    for (const { name, op } of operations) {
      for (const [status, response] of Object.entries(op.responses).filter(([s]) => /^2/.test(s))) {
        const schema = response.content?.['application/json']?.schema;
        if (!schema) continue;
        const body = resolve(schema);
        if (body.type === 'array') wrong.push(`${name} ${status}: a bare array`);
        const items = schema.$ref && NOT_A_PAGE.has(schema.$ref.split('/').pop()!) ? undefined : body.properties?.items;
        if (items && (!body.properties?.nextCursor || resolve(items).type !== 'array')) wrong.push(`${name} ${status}: items without nextCursor`);
        if (items?.type === 'array' && !items.items?.$ref) wrong.push(`${name} ${status}: items of no named schema`);
      }
    }
    expect(wrong).toEqual([]);
  });

  it('answers the case view from the changes of a case that used to answer 204 or a fragment', () => {
    const byId = new Map(operations.map(({ op }) => [op.operationId, op]));
    const caseChanges = [
      'acceptAssignment',
      'declineAssignment',
      'assignManually',
      'recuseMediator',
      'reassignCase',
      'reviseAgreement',
      'answerNoticeOfMediation',
      'claimServedParty',
      'authoriseAgent',
    ];
    const answers = caseChanges.map((id) => {
      const op = byId.get(id);
      const [status, response] = Object.entries(op?.responses ?? {}).find(([s]) => /^2/.test(s)) ?? [];
      return `${id} ${status} ${response?.content?.['application/json']?.schema?.$ref ?? 'no schema'}`;
    });
    expect(answers).toEqual(caseChanges.map((id) => `${id} ${id === 'authoriseAgent' ? 201 : 200} #/components/schemas/CaseView`));
  });

  it('types the agreement content and the offer terms fully', () => {
    const draftBody = resolve({ $ref: '#/components/schemas/UpdateDraftRequest' });
    expect(resolve(draftBody.properties!.content!).properties).toEqual(expect.objectContaining({ performance: expect.anything(), result: expect.anything() }));
    const offerBody = resolve({ $ref: '#/components/schemas/MakeOfferRequest' });
    const terms = resolve(offerBody.properties!.terms!);
    expect(terms.properties).toEqual(expect.objectContaining({ nonMonetary: expect.anything() }));
  });
});
