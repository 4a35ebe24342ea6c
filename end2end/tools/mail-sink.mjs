// A real SMTP server and a real HTTP server standing in for the SMS gateway, for the delivery
// tests and benchmark. Both listen on 127.0.0.1, port 0; the first line on stdout is
// {"smtp":PORT,"http":PORT}.
//
// SMTP: every accepted message is parsed back (mailparser) and kept: headers, text, html,
// attachments (content type, file name, content as text), the raw source and the arrival time
// in milliseconds. HTTP:
//   POST /sms       the gateway: keeps the JSON body and headers, answers 200 (or as scripted)
//   GET  /messages  the e-mails kept (?summary=1: id, Message-ID, arrival time only)
//   GET  /sms       the SMS kept
//   POST /script    scripts failures, e.g. {"rcpt451":2} (refuse the next 2 RCPT with 451),
//                   {"data451":1}, {"reject":["x@example.it"]} (550 for that recipient),
//                   {"dataDelayMs":3000} (answer DATA that late), {"sms503":2},
//                   {"smsReject":["+39…"]} (400 for that recipient)
//   GET  /counters  RCPT/DATA refused so far, SMS refused so far
import http from 'node:http';
import { SMTPServer } from 'smtp-server';
import { simpleParser } from 'mailparser';

const messages = [];
const sms = [];
const script = {
  rcpt451: 0,
  data451: 0,
  reject: new Set(),
  dataDelayMs: 0,
  sms503: 0,
  smsReject: new Set(),
};
const counters = { rcpt451: 0, data451: 0, rejected: 0, sms503: 0, smsRejected: 0, dataStarted: 0 };

function headersOf(parsed) {
  const out = {};
  for (const line of parsed.headerLines) {
    out[line.key] = line.line.slice(line.line.indexOf(':') + 1).trim();
  }
  return out;
}

const smtp = new SMTPServer({
  authOptional: true,
  allowInsecureAuth: true,
  disabledCommands: ['STARTTLS'],
  logger: false,
  onAuth(auth, session, callback) {
    callback(null, { user: auth.username });
  },
  onRcptTo(address, session, callback) {
    if (script.reject.has(address.address)) {
      counters.rejected += 1;
      const err = new Error('mailbox unavailable');
      err.responseCode = 550;
      return callback(err);
    }
    if (script.rcpt451 > 0) {
      script.rcpt451 -= 1;
      counters.rcpt451 += 1;
      const err = new Error('try again later');
      err.responseCode = 451;
      return callback(err);
    }
    callback();
  },
  onData(stream, session, callback) {
    counters.dataStarted += 1;
    const chunks = [];
    stream.on('data', (c) => chunks.push(c));
    stream.on('end', async () => {
      if (script.data451 > 0) {
        script.data451 -= 1;
        counters.data451 += 1;
        const err = new Error('try again later');
        err.responseCode = 451;
        return callback(err);
      }
      const raw = Buffer.concat(chunks);
      const arrivedAt = Date.now();
      try {
        const parsed = await simpleParser(raw);
        // Kept as soon as the whole message is in, before the answer (a server that
        // delivered but whose "250" never reached the client: the client sends again).
        messages.push({
          arrivedAt,
          messageId: parsed.messageId,
          headers: headersOf(parsed),
          subject: parsed.subject,
          from: parsed.from?.text,
          to: parsed.to?.text,
          envelopeTo: session.envelope.rcptTo.map((r) => r.address),
          text: parsed.text,
          html: parsed.html || null,
          attachments: parsed.attachments.map((a) => ({
            contentType: a.contentType,
            filename: a.filename ?? null,
            method: a.contentType === 'text/calendar' ? (a.headers.get('content-type')?.params?.method ?? null) : null,
            content: a.content.toString('utf8'),
          })),
          raw: raw.toString('utf8'),
        });
      } catch (e) {
        const err = new Error('cannot parse');
        err.responseCode = 554;
        return callback(err);
      }
      if (script.dataDelayMs > 0) {
        setTimeout(() => callback(null, 'kept'), script.dataDelayMs);
      } else {
        callback(null, 'kept');
      }
    });
  },
});

function readBody(req) {
  return new Promise((resolve, reject) => {
    const chunks = [];
    req.on('data', (c) => chunks.push(c));
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')));
    req.on('error', reject);
  });
}

function answer(res, status, body) {
  const text = JSON.stringify(body);
  res.writeHead(status, { 'content-type': 'application/json', 'content-length': Buffer.byteLength(text) });
  res.end(text);
}

const web = http.createServer(async (req, res) => {
  try {
    const url = new URL(req.url, 'http://sink');
    if (req.method === 'POST' && url.pathname === '/sms') {
      const text = await readBody(req);
      let body;
      try {
        body = JSON.parse(text);
      } catch {
        return answer(res, 400, { error: 'not JSON' });
      }
      if (script.smsReject.has(body.to)) {
        counters.smsRejected += 1;
        return answer(res, 400, { error: 'bad recipient' });
      }
      if (script.sms503 > 0) {
        script.sms503 -= 1;
        counters.sms503 += 1;
        return answer(res, 503, { error: 'busy' });
      }
      sms.push({ arrivedAt: Date.now(), headers: req.headers, body });
      return answer(res, 200, { ok: true });
    }
    if (req.method === 'GET' && url.pathname === '/messages') {
      if (url.searchParams.get('summary')) {
        return answer(
          res,
          200,
          messages.map((m) => ({ arrivedAt: m.arrivedAt, messageId: m.messageId, id: m.headers['x-cupola-message'] })),
        );
      }
      return answer(res, 200, messages);
    }
    if (req.method === 'GET' && url.pathname === '/sms') {
      return answer(res, 200, sms);
    }
    if (req.method === 'GET' && url.pathname === '/counters') {
      return answer(res, 200, { ...counters, messages: messages.length, sms: sms.length });
    }
    if (req.method === 'POST' && url.pathname === '/script') {
      const s = JSON.parse(await readBody(req));
      for (const key of ['rcpt451', 'data451', 'dataDelayMs', 'sms503']) {
        if (typeof s[key] === 'number') script[key] = s[key];
      }
      if (Array.isArray(s.reject)) script.reject = new Set(s.reject);
      if (Array.isArray(s.smsReject)) script.smsReject = new Set(s.smsReject);
      return answer(res, 200, { ok: true });
    }
    answer(res, 404, { error: 'not found' });
  } catch (e) {
    answer(res, 500, { error: String(e) });
  }
});

smtp.on('error', (e) => console.error('smtp', e.message));
smtp.listen(0, '127.0.0.1', () => {
  web.listen(0, '127.0.0.1', () => {
    process.stdout.write(`${JSON.stringify({ smtp: smtp.server.address().port, http: web.address().port })}\n`);
  });
});

// Ends with its parent (a test closes stdin, or dies), unless told to stay (a script that
// kills it by pid).
if (!process.env.MAIL_SINK_DETACHED) {
  process.stdin.resume();
  process.stdin.on('end', () => process.exit(0));
}
