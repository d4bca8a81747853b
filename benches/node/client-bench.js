// Sequential getAllNumbers() calls with the official Node library (sipgateio 2.15.1).
// The library has no base-URL option; run.sh rewrites the hard-coded URL in the installed
// copy to point at the local stub.
const fs = require('fs');
const { sipgateIO, createNumbersModule } = require('sipgateio');

async function main() {
  const requests = Number(process.argv[2] || 10000);
  const client = sipgateIO({ tokenId: 'token-6HEF5K', token: '195d5a7c-559f-444d-9a61-06adaf70ff27' });
  const numbers = createNumbersModule(client);
  const started = process.hrtime.bigint();
  let items = 0;
  for (let i = 0; i < requests; i++) {
    const page = await numbers.getAllNumbers();
    items += page.items.length;
  }
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const peak = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  console.log(JSON.stringify({ impl: 'node', requests, items, seconds, per_second: requests / seconds,
    peak_rss_kib: peak ? Number(peak[1]) : null }));
}
main().catch((e) => { console.error(e); process.exit(1); });
