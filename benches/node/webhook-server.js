// sipgateio-node's webhook server (2.15.1) answering newCall with the same one-digit gather
// as the Rust servers. Signature verification is off: Node can only check bodies that come
// from sipgate's own addresses. Usage: node webhook-server.js <port>
const { createWebhookModule } = require('sipgateio');

const port = Number(process.argv[2] || 18091);
// What WebhookResponse.gatherDTMF builds, written out so that no announcement is downloaded.
const gather = {
  Gather: {
    _attributes: { maxDigits: '1', timeout: '3000' },
    Play: { Url: { _text: 'https://example.com/menu.wav' } },
  },
};

createWebhookModule()
  .createServer({ port, hostname: '127.0.0.1', serverAddress: `http://127.0.0.1:${port}/`, skipSignatureVerification: true })
  .then((server) => {
    server.onNewCall(() => gather);
    console.error(`node webhook server on http://127.0.0.1:${port}`);
  })
  .catch((e) => { console.error(e); process.exit(1); });
