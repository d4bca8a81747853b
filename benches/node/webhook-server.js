// sipgateio-node's webhook server (2.15.1) answering newCall with the same one-digit gather
// as the Rust servers. Usage: node webhook-server.js <port> [signed]
// With `signed`, the library's own checks are on: the origin (X-Forwarded-For must be one of
// sipgate's addresses: wrk sends one) and the RSA signature of every body.
const { createWebhookModule } = require('sipgateio');

const port = Number(process.argv[2] || 18091);
const signed = process.argv[3] === 'signed';
// What WebhookResponse.gatherDTMF builds, written out so that no announcement is downloaded.
const gather = {
  Gather: {
    _attributes: { maxDigits: '1', timeout: '3000' },
    Play: { Url: { _text: 'https://example.com/menu.wav' } },
  },
};

createWebhookModule()
  .createServer({ port, hostname: '127.0.0.1', serverAddress: `http://127.0.0.1:${port}/`,
    skipSignatureVerification: !signed })
  .then((server) => {
    server.onNewCall(() => gather);
    console.error(`node webhook server on http://127.0.0.1:${port} (signature check ${signed ? 'on' : 'off'})`);
  })
  .catch((e) => { console.error(e); process.exit(1); });
