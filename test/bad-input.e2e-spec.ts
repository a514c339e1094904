import { randomUUID } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { GLOBAL_ROLES } from '../src/auth/roles';
import { CaseStatus } from '../src/cases/lifecycle/case-states';
import { applicationBody, caseInState } from './support/case-fixtures';
import { signedInUser, type SignedIn } from './support/factories';
import { createTestApp, type TestApp } from './support/test-app';

/**
 * Every operation of the OpenAPI document, fed wrong input: wrong types, missing required
 * fields, unknown enum values, oversized strings and arrays, NUL characters, deep nesting,
 * bad path parameters. Each answer must be a 4xx problem+json with no stack or SQL in it, and
 * nothing may change in the database. The operations come from the document the app serves,
 * so a new endpoint is covered the day it is added.
 */

interface Schema {
  $ref?: string;
  type?: string;
  format?: string;
  enum?: unknown[];
  example?: unknown;
  minLength?: number;
  maxLength?: number;
  minimum?: number;
  maximum?: number;
  minItems?: number;
  maxItems?: number;
  items?: Schema;
  properties?: Record<string, Schema>;
  required?: string[];
  allOf?: Schema[];
  oneOf?: Schema[];
  anyOf?: Schema[];
  nullable?: boolean;
}
interface Parameter {
  name: string;
  in: 'path' | 'query' | 'header' | 'cookie';
  required?: boolean;
  schema?: Schema;
}
interface Operation {
  method: string;
  path: string;
  parameters: Parameter[];
  body?: Schema;
  /** Media types the body may come in. */
  consumes: string[];
}
interface Probe {
  what: string;
  method: string;
  url: string;
  body?: unknown;
  rawBody?: string;
  contentType?: string;
  headers?: Record<string, string>;
  /** About a resource that does not exist: no credentials make it stream. */
  pathProbe?: boolean;
}

const METHODS = ['get', 'post', 'put', 'patch', 'delete'] as const;
const DEEP = 5_000;
const deepJson = (leaf = '1'): string => `${'['.repeat(DEEP)}${leaf}${']'.repeat(DEEP)}`;

describe('bad input on every operation of the OpenAPI document', () => {
  let t: TestApp;
  let everyone: SignedIn;
  /** Cases the signed-in person acts in: a draft it filed, and a case it mediates. */
  let caseIds: string[];
  let caseId: string;
  let operations: Operation[];
  let schemas: Record<string, Schema>;
  let baseUrl: string;

  beforeAll(async () => {
    t = await createTestApp({ runWorkers: false });
    await t.app.listen(0, '127.0.0.1');
    baseUrl = `http://127.0.0.1:${(t.app.getHttpServer().address() as AddressInfo).port}`;
    // Every platform role at once, so requests get past role checks to the input they carry.
    everyone = await signedInUser(t, { roles: [...GLOBAL_ROLES], verified: true });
    const draft = await t.http.post('/api/v1/cases').set('Authorization', everyone.bearer).send(applicationBody(everyone.user.email)).expect(201);
    const mediating = await caseInState(t, { status: CaseStatus.Mediating, createdBy: everyone.user.id, mediatorId: everyone.user.id, respondentServed: true });
    caseIds = [draft.body.id as string, mediating.id];
    const doc = (await t.http.get('/api/docs-json').expect(200)).body as {
      paths: Record<string, Record<string, { parameters?: Parameter[]; requestBody?: { content: Record<string, { schema: Schema }> } }>>;
      components: { schemas: Record<string, Schema> };
    };
    schemas = doc.components.schemas;
    operations = Object.entries(doc.paths).flatMap(([path, item]) =>
      METHODS.filter((m) => item[m]).map((method) => {
        const op = item[method]!;
        const content = op.requestBody?.content ?? {};
        return {
          method,
          path,
          parameters: op.parameters ?? [],
          body: content['application/json']?.schema,
          consumes: Object.keys(content),
        };
      }),
    );
  });
  afterAll(async () => {
    await t?.close();
  });

  const resolve = (schema: Schema | undefined): Schema => {
    let s = schema ?? {};
    for (let i = 0; s.$ref && i < 10; i++) s = schemas[s.$ref.split('/').pop()!] ?? {};
    if (s.allOf)
      return s.allOf
        .map(resolve)
        .reduce((a, b) => ({ ...a, ...b, properties: { ...a.properties, ...b.properties }, required: [...(a.required ?? []), ...(b.required ?? [])] }), {});
    if (s.oneOf || s.anyOf) return resolve((s.oneOf ?? s.anyOf)![0]);
    return s;
  };

  /** A plausible value for the schema: what a client would send, so the wrong field is the only wrong one. */
  const sample = (schema: Schema | undefined, depth = 0): unknown => {
    const s = resolve(schema);
    if (s.example !== undefined) return s.example;
    if (s.enum?.length) return s.enum[0];
    switch (s.type) {
      case 'integer':
      case 'number':
        return s.minimum ?? 1;
      case 'boolean':
        return true;
      case 'array':
        return depth > 4 ? [] : Array.from({ length: Math.max(1, s.minItems ?? 1) }, () => sample(s.items, depth + 1));
      case 'string':
        if (s.format === 'uuid') return randomUUID();
        if (s.format === 'email') return `sample-${randomUUID().slice(0, 6)}@test.accord`;
        if (s.format === 'date-time') return '2030-01-02T10:00:00Z';
        if (s.format === 'date') return '2030-01-02';
        return 'sample text abc'.padEnd(Math.max(15, s.minLength ?? 0), 'x').slice(0, s.maxLength ?? 1000);
      default: {
        if (!s.properties || depth > 4) return {};
        const out: Record<string, unknown> = {};
        for (const name of s.required ?? []) out[name] = sample(s.properties[name], depth + 1);
        return out;
      }
    }
  };

  /** A value of the wrong JSON type for the schema. */
  const wrongType = (schema: Schema): unknown => {
    const s = resolve(schema);
    if (s.type === 'string') return 12345;
    if (s.type === 'integer' || s.type === 'number') return 'not a number';
    if (s.type === 'boolean') return 'yes';
    if (s.type === 'array') return 'not an array';
    return 'not an object';
  };

  const urlOf = (op: Operation, pathValues: Record<string, string> = {}, query = ''): string => {
    const path = op.path.replace(/\{([^}]+)\}/g, (_m, name: string) => encodeURIComponent(pathValues[name] ?? defaultPathValue(op, name)));
    return `${path}${query ? `?${query}` : ''}`;
  };
  // The draft case when the operation is about a case (deeper checks run); a random UUID otherwise.
  const defaultPathValue = (op: Operation, name: string): string => (name === 'id' && op.path.startsWith('/api/v1/cases/{id}') ? caseId : randomUUID());

  const bodyProbes = (op: Operation): Probe[] => {
    const probes: Probe[] = [];
    const url = urlOf(op);
    const base = { method: op.method, url };
    if (op.consumes.some((c) => c.startsWith('multipart/'))) {
      probes.push({ ...base, what: 'JSON where multipart is expected', body: { file: 'x' } });
      probes.push({ ...base, what: 'multipart without a boundary', rawBody: 'x', contentType: 'multipart/form-data' });
    }
    if (!op.body) return probes;
    const s = resolve(op.body);
    const valid = sample(s) as Record<string, unknown>;
    probes.push({ ...base, what: 'an array instead of an object', body: [valid] });
    probes.push({ ...base, what: 'a string instead of an object', rawBody: '"text"', contentType: 'application/json' });
    probes.push({ ...base, what: 'malformed JSON', rawBody: '{"a":', contentType: 'application/json' });
    probes.push({
      ...base,
      what: 'a form upload instead of JSON',
      rawBody: '--xyz\r\nContent-Disposition: form-data; name="a"\r\n\r\nb\r\n--xyz--\r\n',
      contentType: 'multipart/form-data; boundary=xyz',
    });
    probes.push({ ...base, what: 'JSON sent as text/plain', rawBody: JSON.stringify({ ...valid, noSuchField: 1 }), contentType: 'text/plain' });
    probes.push({ ...base, what: 'deep nesting', rawBody: `{"deep":${deepJson()}}`, contentType: 'application/json' });
    probes.push({ ...base, what: 'an unknown field', body: { ...valid, noSuchField: 'x' } });
    probes.push({
      ...base,
      what: 'a __proto__ member',
      rawBody: JSON.stringify(valid).replace(/^\{/, '{"__proto__":{"isAdmin":true,"roles":["admin"]},'),
      contentType: 'application/json',
    });
    probes.push({ ...base, what: 'a constructor member', body: { ...valid, constructor: { prototype: { polluted: true } } } });
    if (s.required?.length) probes.push({ ...base, what: 'no fields at all', body: {} });
    const props = Object.entries(s.properties ?? {});
    if (props.length) probes.push({ ...base, what: 'every field of the wrong type', body: Object.fromEntries(props.map(([k, p]) => [k, wrongType(p)])) });
    for (const [name, raw] of props) {
      const p = resolve(raw);
      const withField = (value: unknown, what: string): Probe => ({ ...base, what: `${name}: ${what}`, body: { ...valid, [name]: value } });
      probes.push(withField(wrongType(p), 'wrong type'));
      // null is how a client clears an optional field; a required one it must not empty.
      if (s.required?.includes(name)) probes.push(withField(null, 'null'));
      if (p.type !== 'string') probes.push(withField('', 'an empty string'));
      // Written out: JSON.stringify itself cannot go this deep.
      probes.push({ ...base, what: `${name}: nested deep`, rawBody: JSON.stringify({ ...valid, [name]: '<deep>' }).replace('"<deep>"', deepJson()) });
      if (p.enum) probes.push(withField('no_such_value', 'unknown enum value'));
      if (p.type === 'string') {
        probes.push(withField('a\u0000b', 'NUL character'));
        probes.push(withField('a\ud800b', 'lone surrogate'));
        probes.push(withField('x'.repeat((p.maxLength ?? 100_000) + 1), 'oversize string'));
      }
      if (p.type === 'integer' || p.type === 'number') {
        probes.push(withField(1e20, 'an integer past any column'));
        probes.push(withField(-(2 ** 53 - 1), 'a hugely negative integer'));
        probes.push(withField(1.5, 'a fraction'));
      }
      if (p.type === 'array') {
        const items = resolve(p.items);
        if (items.enum) probes.push(withField(['no_such_value'], 'unknown enum value in the array'));
        probes.push(
          withField(
            Array.from({ length: (p.maxItems ?? 1_000) + 1 }, () => sample(items)),
            'oversize array',
          ),
        );
        probes.push(withField([wrongType(items)], 'an element of the wrong type'));
        if (items.type === 'object' || items.properties) probes.push(withField([{ ...(sample(items) as object), noSuchField: 1 }], 'unknown field in an element'));
      }
      if (p.type === 'object' || p.properties) {
        probes.push(withField({ ...(sample(p) as object), noSuchField: 1 }, 'unknown nested field'));
        for (const [inner, innerRaw] of Object.entries(p.properties ?? {})) {
          const q = resolve(innerRaw);
          probes.push(withField({ ...(sample(p) as object), [inner]: wrongType(q) }, `${inner} of the wrong type`));
          if (q.type === 'integer' || q.type === 'number') probes.push(withField({ ...(sample(p) as object), [inner]: 1e20 }, `${inner} past any column`));
          if (q.type === 'string') probes.push(withField({ ...(sample(p) as object), [inner]: 'x'.repeat((q.maxLength ?? 100_000) + 1) }, `${inner} oversize`));
        }
      }
    }
    return probes;
  };

  const queryProbes = (op: Operation): Probe[] => {
    const query = op.parameters.filter((p) => p.in === 'query');
    if (query.length === 0) return [];
    const probes: Probe[] = [];
    const base = { method: op.method };
    const validQuery = new URLSearchParams();
    for (const p of query) if (p.required) validQuery.set(p.name, String(sample(p.schema)));
    const withParam = (name: string, raw: string, what: string): Probe => {
      const q = new URLSearchParams(validQuery);
      q.delete(name);
      return { ...base, what: `query ${name}: ${what}`, url: urlOf(op, {}, `${q.toString()}${q.size ? '&' : ''}${raw}`) };
    };
    probes.push({ ...base, what: 'an unknown query parameter', url: urlOf(op, {}, `${validQuery.toString()}&noSuchParam=1`) });
    if (query.some((p) => p.required)) probes.push({ ...base, what: 'no query parameters', url: urlOf(op) });
    for (const p of query) {
      const s = resolve(p.schema);
      const n = encodeURIComponent(p.name);
      probes.push(withParam(p.name, `${n}=a%00b`, 'NUL character'));
      probes.push(withParam(p.name, `${n}=a&${n}=b`, 'given twice'));
      probes.push(withParam(p.name, `${n}[a][b][c]=1`, 'nested object'));
      probes.push(withParam(p.name, `${n}=${'x'.repeat(s.maxLength ? s.maxLength + 1 : 5_000)}`, 'oversize'));
      if (s.type === 'integer' || s.type === 'number') {
        probes.push(withParam(p.name, `${n}=abc`, 'not a number'));
        probes.push(withParam(p.name, `${n}=1e400`, 'out of range'));
        probes.push(withParam(p.name, `${n}=-99999999999999999999`, 'hugely negative'));
      }
      if (s.type === 'boolean') probes.push(withParam(p.name, `${n}=maybe`, 'not a boolean'));
      if (s.enum || resolve(s.items).enum) probes.push(withParam(p.name, `${n}=no_such_value`, 'unknown enum value'));
      if (s.format === 'uuid' || /id$/i.test(p.name)) probes.push(withParam(p.name, `${n}=not-a-uuid`, 'not a UUID'));
      if (/from|to|date|at$|until|since|before|after/i.test(p.name)) probes.push(withParam(p.name, `${n}=2026-02-30`, 'impossible date'));
      if (p.name === 'cursor') {
        probes.push(withParam(p.name, `${n}=${Buffer.from(JSON.stringify(['x', 'y'])).toString('base64url')}`, 'forged cursor'));
        probes.push(withParam(p.name, `${n}=${Buffer.from(JSON.stringify([1e300])).toString('base64url')}`, 'forged numeric cursor'));
      }
    }
    return probes;
  };

  const pathProbes = (op: Operation): Probe[] => {
    const names = op.parameters.filter((p) => p.in === 'path').map((p) => p.name);
    const body = op.body ? sample(op.body) : undefined;
    // Random ids everywhere: nothing exists, whatever the operation is.
    const random = Object.fromEntries(names.map((n) => [n, randomUUID()]));
    return names.flatMap((name) => [
      { what: `path ${name}: not a UUID`, method: op.method, url: urlOf(op, { ...random, [name]: 'not-a-uuid' }), body, pathProbe: true },
      { what: `path ${name}: NUL character`, method: op.method, url: urlOf(op, { ...random, [name]: 'a\u0000b' }), body, pathProbe: true },
      { what: `path ${name}: a random UUID`, method: op.method, url: urlOf(op, random), body, pathProbe: true },
    ]);
  };

  const headerProbes = (op: Operation): Probe[] => {
    const body = op.body ? sample(op.body) : undefined;
    return op.parameters
      .filter((p) => p.in === 'header')
      .flatMap((p) => [
        { what: `header ${p.name}: oversize`, method: op.method, url: urlOf(op), body, headers: { [p.name]: 'x'.repeat(4_000) } },
        { what: `header ${p.name}: garbage`, method: op.method, url: urlOf(op), body, headers: { [p.name]: '"; DROP TABLE cases; --' } },
        { what: `header ${p.name}: a number past any column`, method: op.method, url: urlOf(op), body, headers: { [p.name]: '"99999999999999999999"' } },
      ]);
  };

  /**
   * fetch, not supertest: it answers once the headers are in, so an operation that opens a live
   * stream (server-sent events) is seen as such instead of waiting for an end that never comes.
   */
  const send = async (probe: Probe, withBearer = true): Promise<{ status: number; type: string; text: string }> => {
    const headers: Record<string, string> = { ...probe.headers, ...(withBearer ? { authorization: everyone.bearer } : {}) };
    let body: string | undefined;
    if (probe.rawBody !== undefined) {
      headers['content-type'] = probe.contentType ?? 'application/json';
      body = probe.rawBody;
    } else if (probe.body !== undefined) {
      headers['content-type'] = 'application/json';
      body = JSON.stringify(probe.body);
    }
    const abort = new AbortController();
    const timer = setTimeout(() => abort.abort(), 5_000);
    try {
      const res = await fetch(`${baseUrl}${probe.url}`, { method: probe.method.toUpperCase(), headers, body, signal: abort.signal });
      const type = res.headers.get('content-type') ?? '';
      if (type.includes('text/event-stream')) {
        abort.abort();
        return { status: res.status, type, text: '' };
      }
      return { status: res.status, type, text: await res.text() };
    } catch (error) {
      // No answer at all (a hung request) is as much a failure as a 500.
      return { status: 0, type: '', text: String(error) };
    } finally {
      clearTimeout(timer);
    }
  };

  const rowCounts = async (): Promise<Record<string, number>> => {
    const tables = (await t.db.query(`SELECT tablename FROM pg_tables WHERE schemaname = 'public' ORDER BY tablename`)) as { tablename: string }[];
    const counts: Record<string, number> = {};
    for (const { tablename } of tables) {
      const [{ n }] = (await t.db.query(`SELECT count(*)::int AS n FROM "${tablename}"`)) as { n: number }[];
      counts[tablename] = n;
    }
    return counts;
  };

  // Thousands of requests in one test: with a second Jest worker on the same two cores it can take
  // more than the default minute.
  it('answers every bad request with a 4xx problem+json, leaks nothing and changes nothing', async () => {
    expect(operations.length).toBeGreaterThan(50);
    const checked = operations;
    const probes = checked.flatMap((op) => [...pathProbes(op), ...headerProbes(op)]);
    // Body and query once per case, so the checks that come after the case is loaded run too.
    for (const id of caseIds) {
      caseId = id;
      probes.push(...checked.flatMap((op) => (op.path.startsWith('/api/v1/cases/{id}') || id === caseIds[0] ? [...bodyProbes(op), ...queryProbes(op)] : [])));
    }
    const before = await rowCounts();
    const failures: string[] = [];
    const check = async (probe: Probe): Promise<void> => {
      let res = await send(probe);
      // A live stream the bearer token opened (it authenticates by either): its own query must
      // still be checked, so ask again without the token.
      if (res.type.includes('text/event-stream') && !probe.pathProbe) res = await send(probe, false);
      const problems = [
        res.status >= 400 && res.status < 500 ? '' : `status ${res.status}`,
        res.type.includes('application/problem+json') ? '' : `content-type ${res.type}`,
        /\bat [\w.<>]+ \(|\.(ts|js):\d+|QueryFailedError|TypeORM|SELECT |INSERT INTO|UPDATE \S+ SET|syntax error at|violates [\w-]+ (key )?constraint|relation "/i.test(res.text)
          ? 'leaks a stack or SQL'
          : '',
      ].filter(Boolean);
      if (process.env.BAD_INPUT_TRACE) process.stdout.write(`${res.status} ${probe.method.toUpperCase()} ${probe.url.slice(0, 100)} (${probe.what}) ${res.text.slice(0, 160)}\n`);
      if (problems.length) failures.push(`${probe.method.toUpperCase()} ${probe.url.slice(0, 120)} (${probe.what}): ${problems.join(', ')} ${res.text.slice(0, 200)}`);
    };
    // A few at a time, as clients would: the database round trips overlap, the run stays short.
    const queue = [...probes];
    await Promise.all(
      Array.from({ length: 4 }, async () => {
        for (let probe = queue.shift(); probe; probe = queue.shift()) await check(probe);
      }),
    );
    process.stdout.write(`bad-input suite: ${probes.length} requests over ${checked.length} operations\n`);
    expect(failures).toEqual([]);
    const after = await rowCounts();
    expect(Object.entries(after).filter(([k, v]) => before[k] !== v)).toEqual([]);
    await t.http.get('/api/health').expect(200);
  }, 180_000);
});
