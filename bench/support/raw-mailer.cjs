// The e-mail yardstick of `notifications` (bench/notifications.bench.cjs): nodemailer on its
// own, pooled as the app's MailSender pools it (src/infrastructure/mail/mail-sender.service.ts:
// SMTP_MAX_CONNECTIONS 5, SMTP_MAX_MESSAGES 100), sending to the same SMTP server with as many
// messages in flight as the app's worker runs jobs at once. In a process of its own, so its CPU
// can be read. Forked; told how to connect, then to send a number of messages (it answers when
// the server has taken them all), then to close.
const { createTransport } = require('nodemailer');
const { performance } = require('node:perf_hooks');

let transport;
let concurrency = 1;

async function sendAll(count, message) {
  let next = 0;
  const lane = async () => {
    while (next < count) {
      const i = next++;
      await transport.sendMail({ ...message, messageId: `<raw-${Date.now()}-${i}@bench.accord>` });
    }
  };
  await Promise.all(Array.from({ length: Math.min(concurrency, count) }, lane));
}

process.on('message', async (m) => {
  if (m.url) {
    concurrency = m.concurrency;
    transport = createTransport({ url: m.url, pool: true, maxConnections: m.maxConnections, maxMessages: m.maxMessages, maxRequeues: 0 }, { from: m.from });
    process.send({ ready: true });
  } else if (m.send) {
    const started = performance.now();
    await sendAll(m.send, m.message);
    process.send({ seconds: (performance.now() - started) / 1000 });
  } else if (m.close) {
    transport.close();
    process.send({ closed: true }, () => process.disconnect());
  }
});
