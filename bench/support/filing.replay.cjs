// The second yardstick of `filing` (bench/filing.bench.cjs): the SQL the API sends for one
// filing, replayed by pgbench. Made afresh on every run from the statements PostgreSQL logged
// (log_statement=all) while the API served one filing, so it is always the SQL of the app being
// measured: when the app sends fewer statements, this baseline speeds up too (which is why the
// ratio that counts is against filing.essential.pgbench.sql).
//
// Each logged statement is replayed in order, its parameters written in as literals (an untyped
// parameter, as node-postgres sends them, and a literal are typed alike), for pgbench -M simple.
// What must differ from one filing to the next is a pgbench variable, which -M simple writes
// into the text wherever it stands, inside literals too:
// * the applicant's id: `uid`, from the filing's random applicant number;
// * an id the app generated (a document's id, a provisional number's): a fresh gen_random_uuid()
//   per filing, taken with `uid` in the script's one statement of its own;
// * an account's id (the intake administrator notified) stays as it is;
// * an id a statement returned (the new case's, the notification's): that statement gets
//   `\gset pK_`, and later statements use `pK_id`. Which statement returned it is found in the
//   database: the last INSERT before the id's first use whose table holds a row with that id.
//   An INSERT of several rows (a case's parties) is wrapped so that it answers one row holding
//   each inserted id by position (`pK_id_1`, `pK_id_2`, …): pgbench's \gset takes one row. The
//   position of an id is its row's place among the rows the same transaction inserted into that
//   table, in the order they were written (ctid); that the count equals the statement's rows is
//   checked.
// Everything else (hashes, sequences, timestamps, the admin's id) is the same every filing.
const UUID = /[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}/g;

/** A captured statement: its text and its parameters ($1 … as logged; null for NULL). */
function parseEntry(entry) {
  const [head, detail = ''] = entry.split(/\n\S.*?\bDETAIL:\s+Parameters: /);
  const text = head.replace(/^(?:statement|execute [^:]*):\s*/, '');
  const params = {};
  for (const m of detail.matchAll(/\$(\d+) = (?:NULL|'((?:[^']|'')*)')/g)) params[m[1]] = m[2] === undefined ? null : m[2].replace(/''/g, "'");
  return { text, params };
}

const literal = (value) => (value === null ? 'NULL' : `'${value.replace(/'/g, "''")}'`);

/** How many rows an INSERT … VALUES (…), (…) writes (1 for any other statement). */
function valuesRows(text) {
  const values = /\bVALUES\s*(\(.*\))\s*(?:RETURNING|ON CONFLICT|$)/is.exec(text);
  if (!values) return 1;
  let depth = 0;
  let rows = 0;
  let quoted = false;
  for (const ch of values[1]) {
    if (ch === "'") quoted = !quoted;
    if (quoted) continue;
    if (ch === '(' && depth++ === 0) rows++;
    if (ch === ')') depth--;
  }
  return rows;
}

/**
 * The pgbench script replaying `entries` (the LOG entries of one filing, prefix removed, each
 * with its DETAIL line). `userId` is the applicant who filed; `rowExists(table, id)` says whether
 * a table holds a row with that id; `rowsWrittenWith(table, id)` lists the ids of the rows the
 * transaction that wrote that row wrote into the table, in the order they were written.
 */
async function replayScript(entries, { userId, rowExists, rowsWrittenWith }) {
  const statements = entries.map(parseEntry).map(({ text, params }) => ({
    table: (/^\s*INSERT INTO "?(\w+)"?/i.exec(text) ?? [])[1],
    returnsId: /\bRETURNING\b[^;]*?(?:"id"|\bid\b)/i.test(text),
    rows: valuesRows(text),
    sql: text.replace(/\$(\d+)\b/g, (whole, n) => (n in params ? literal(params[n]) : whole)).trim(),
  }));
  const variables = new Map([[userId, 'uid']]);
  const generated = [];
  const gsets = new Map();
  for (let i = 0; i < statements.length; i++) {
    for (const id of new Set(statements[i].sql.match(UUID) ?? [])) {
      if (variables.has(id)) continue;
      let producer = -1;
      for (let j = i - 1; j >= 0 && producer < 0; j--) {
        const s = statements[j];
        if (s.table && s.returnsId && (await rowExists(s.table, id))) producer = j;
      }
      if (producer >= 0) {
        const prefix = `p${producer}_`;
        gsets.set(producer, prefix);
        if (statements[producer].rows === 1) {
          variables.set(id, `${prefix}id`);
        } else {
          const written = await rowsWrittenWith(statements[producer].table, id);
          if (written.length !== statements[producer].rows) {
            throw new Error(`statement ${producer} inserted ${statements[producer].rows} rows into ${statements[producer].table}, but its transaction wrote ${written.length}`);
          }
          written.forEach((writtenId, k) => variables.set(writtenId, `${prefix}id_${k + 1}`));
        }
      } else if (!(await rowExists('users', id))) {
        generated.push(id);
        variables.set(id, `g${generated.length}`);
      }
    }
  }
  const lines = [
    '-- Generated by bench/support/filing.replay.cjs from the SQL the API sent for one filing; run with pgbench -M simple.',
    '\\set n random(1, :applicants)',
    `SELECT '00000000-0000-4000-8000-' || lpad(:n::text, 12, '0') AS uid${generated.map((_, k) => `, gen_random_uuid() AS g${k + 1}`).join('')} \\gset`,
  ];
  statements.forEach((s, i) => {
    let sql = s.sql;
    for (const [id, name] of variables) sql = sql.split(id).join(`:${name}`);
    if (gsets.has(i) && s.rows > 1) {
      const ids = Array.from({ length: s.rows }, (_, k) => `(array_agg(r.id))[${k + 1}] AS id_${k + 1}`).join(', ');
      sql = `WITH r AS (${sql}) SELECT ${ids} FROM r`;
    }
    lines.push(gsets.has(i) ? `${sql} \\gset ${gsets.get(i)}` : `${sql};`);
  });
  return { script: `${lines.join('\n')}\n`, statements: statements.length };
}

module.exports = { replayScript };
