// The Node side of the client benchmarks (sipgateio 2.15.1) against the local stub API. The
// library has no base-URL option; run.sh rewrites the hard-coded URL in the installed copy.
//   node client-bench.js <requests>                 sequential getAllNumbers()
//   node client-bench.js sms <messages> <in-flight> sms.send(), Promise.all in batches
//   node client-bench.js history                    history.exportAsCsvString()
const fs = require('fs');
const { sipgateIO, createNumbersModule, createSMSModule, createHistoryModule } = require('sipgateio');

const client = sipgateIO({ tokenId: 'token-6HEF5K', token: '195d5a7c-559f-444d-9a61-06adaf70ff27' });

function report(kind, operations, seconds, cpu, extra) {
  const used = process.cpuUsage(cpu);
  const peak = /VmHWM:\s+(\d+)/.exec(fs.readFileSync('/proc/self/status', 'utf8'));
  console.log(JSON.stringify(Object.assign({ impl: 'node', kind, requests: operations, seconds,
    per_second: operations / seconds,
    cpu_us_per_request: (used.user + used.system) / operations,
    user_us_per_request: used.user / operations, kernel_us_per_request: used.system / operations,
    peak_rss_kib: peak ? Number(peak[1]) : null }, extra)));
}

async function gets(requests) {
  const numbers = createNumbersModule(client);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let items = 0;
  for (let i = 0; i < requests; i++) {
    const page = await numbers.getAllNumbers();
    items += page.items.length;
  }
  report('get', requests, Number(process.hrtime.bigint() - started) / 1e9, cpu, { items });
}

async function sms(messages, inFlight) {
  const module = createSMSModule(client);
  const message = { smsId: 's0', to: '+4915739777777', message: 'Hello from the benchmark' };
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  let failed = 0;
  for (let sent = 0; sent < messages; sent += inFlight) {
    const batch = [];
    for (let i = sent; i < Math.min(messages, sent + inFlight); i++) {
      batch.push(module.send(message).catch(() => { failed += 1; }));
    }
    await Promise.all(batch);
  }
  report('sms', messages, Number(process.hrtime.bigint() - started) / 1e9, cpu, { failed });
}

async function history() {
  const module = createHistoryModule(client);
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  const csv = await module.exportAsCsvString();
  report('history-export', 1, Number(process.hrtime.bigint() - started) / 1e9, cpu,
    { bytes: Buffer.byteLength(csv) });
}

const args = process.argv.slice(2);
const run = args[0] === 'sms' ? sms(Number(args[1] || 1000), Number(args[2] || 50))
  : args[0] === 'history' ? history()
    : gets(Number(args[0] || 10000));
run.catch((e) => { console.error(e); process.exit(1); });
