// The Node side of the contacts benchmark (sipgateio 2.15.1). The library's CSV projection and
// vCard writer are internal, so they run through the public contacts module with a fake HTTP
// client that only records what would be sent: the measured time is the conversion alone.
//   node contacts-bench.js csv-import <file.csv>
//   node contacts-bench.js vcard-export <file.json>
//   node contacts-bench.js parse-lines <file.jsonl>
const fs = require('fs');
const { createContactsModule } = require('sipgateio');

function report(kind, rows, bytes, seconds) {
  const peak = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  console.log(JSON.stringify({ impl: 'node', kind, rows, bytes, seconds,
    peak_rss_kib: peak ? Number(peak[1]) : null }));
}

async function csvImport(path) {
  const input = fs.readFileSync(path, 'utf8');
  let payload;
  const contacts = createContactsModule({ post: async (_url, body) => { payload = JSON.stringify(body); } });
  const started = process.hrtime.bigint();
  await contacts.importFromCsvString(input);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report('csv-import', input.split('\n').length - 2, payload.length, seconds);
}

async function vcardExport(path) {
  const items = JSON.parse(fs.readFileSync(path, 'utf8'));
  const contacts = createContactsModule({ get: async () => ({ items, totalCount: items.length }) });
  const started = process.hrtime.bigint();
  const book = await contacts.exportAsSingleVCard('ALL');
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report('vcard-export', items.length, Buffer.byteLength(book), seconds);
}

// The decoding half of a streaming export, for a like-for-like comparison with the Rust
// stream (which decodes every line): the JSON lines file read and every line parsed (the
// library has no streaming export; its vCard export starts from parsed contacts).
async function parseLines(path) {
  const started = process.hrtime.bigint();
  const input = fs.readFileSync(path, 'utf8');
  let rows = 0;
  for (const line of input.split('\n')) {
    if (line) { JSON.parse(line); rows += 1; }
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  report('parse-lines', rows, Buffer.byteLength(input), seconds);
}

const [command, path] = process.argv.slice(2);
const run = { 'csv-import': csvImport, 'vcard-export': vcardExport, 'parse-lines': parseLines }[command];
if (!run) { console.error(`unknown command ${command}`); process.exit(2); }
run(path).catch((e) => { console.error(e); process.exit(1); });
