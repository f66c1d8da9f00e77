// pg-boss 10.4.2 draining N no-op jobs with C workers, each fetching one job at a time.
// node claim-pgboss.js CONNECTION_STRING N C  ->  prints "jobs/s <rate>"
// Each worker loops fetch(batchSize 1) → complete, as fast as it can. pg-boss's own work()
// loop would sleep pollingIntervalSeconds (>= 0.5 s) after every fetch, capping it at
// 2 jobs/s per worker: that measures the sleep, not the queue.
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
  const worker = async () => {
    for (;;) {
      const jobs = await boss.fetch('noop', { batchSize: 1 });
      if (!jobs || jobs.length === 0) {
        if (done >= n) return;
        continue;
      }
      await boss.complete('noop', jobs[0].id);
      done++;
    }
  };
  await Promise.all(Array.from({ length: c }, worker));
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  console.log(`jobs/s ${(n / secs).toFixed(1)}`);
  await boss.stop({ graceful: false, wait: false });
  process.exit(0);
})().catch((e) => { console.error(e); process.exit(1); });
