// pg-boss 10.4.2 draining N no-op jobs with C workers, each fetching one job at a time.
// node claim-pgboss.js CONNECTION_STRING N C  ->  prints "jobs/s <rate>"
const PgBoss = require('pg-boss');
(async () => {
  const [conn, nRaw, cRaw] = process.argv.slice(2);
  const n = Number(nRaw), c = Number(cRaw);
  const boss = new PgBoss({ connectionString: conn, max: c + 2, supervise: false, schedule: false });
  boss.on('error', (e) => console.error(e));
  await boss.start();
  await boss.createQueue('noop');
  for (let i = 0; i < n; i += 1000) {
    await boss.insert(Array.from({ length: Math.min(1000, n - i) }, () => ({ name: 'noop', data: {} })));
  }
  let done = 0;
  const t0 = process.hrtime.bigint();
  await new Promise(async (resolve) => {
    for (let w = 0; w < c; w++) {
      await boss.work('noop', { batchSize: 1, pollingIntervalSeconds: 0.5 }, async () => { if (++done === n) resolve(); });
    }
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`jobs/s ${(n / secs).toFixed(1)}`);
  await boss.stop({ graceful: false, wait: false });
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
