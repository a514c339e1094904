// The `filing` load (bench/filing.bench.cjs), run by bench/support/load.cjs: each connection
// files applications one after the other, as an applicant's browser would: create the draft
// (2 parties, 1 IP right), upload one document (a submission needs filing materials), submit.
const BOUNDARY = 'accord-bench-3b1f0c';
/** Cases whose submit was answered 200 (warm-up included): the benchmark checks each in the database. */
const submitted = [];
exports.report = () => ({ submitted });

exports.requests = ({ tokens, application, pdf }) => {
  const pick = () => tokens[Math.floor(Math.random() * tokens.length)];
  const json = JSON.stringify(application);
  const multipart =
    `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="evidence.pdf"\r\n` + `Content-Type: application/pdf\r\n\r\n${pdf}\r\n--${BOUNDARY}--\r\n`;
  return [
    {
      step: 'create',
      method: 'POST',
      path: '/api/v1/cases',
      setupRequest(req, context) {
        context.auth = `Bearer ${pick()}`;
        return { ...req, headers: { authorization: context.auth, 'content-type': 'application/json' }, body: json };
      },
      onResponse(status, body, context) {
        if (status === 201) context.caseId = JSON.parse(body).id;
      },
    },
    {
      step: 'upload',
      method: 'POST',
      // Returning nothing starts the sequence again: a failed step never cascades.
      setupRequest: (req, context) =>
        context.caseId && {
          ...req,
          path: `/api/v1/cases/${context.caseId}/documents?kind=evidence`,
          headers: { authorization: context.auth, 'content-type': `multipart/form-data; boundary=${BOUNDARY}` },
          body: multipart,
        },
      onResponse(status, _body, context) {
        context.uploaded = status === 201;
      },
    },
    {
      step: 'submit',
      method: 'POST',
      setupRequest: (req, context) =>
        context.uploaded && {
          ...req,
          path: `/api/v1/cases/${context.caseId}/transitions`,
          headers: { authorization: context.auth, 'content-type': 'application/json' },
          body: '{"event":"submit"}',
        },
      onResponse(status, _body, context) {
        if (status === 200) submitted.push(context.caseId);
      },
    },
  ];
};
