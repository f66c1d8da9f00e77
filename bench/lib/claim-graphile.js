// graphile-worker 0.17.3 draining N no-op jobs with concurrency C (one job per fetch, no batching).
// node claim-graphile.js CONNECTION_STRING N C [W]  ->  prints "jobs/s <rate>" of the N jobs after W warm-up jobs
const { run, runMigrations } = require('graphile-worker');
const { Client } = require('pg');
(async () => {
  const [conn, nRaw, cRaw, wRaw] = process.argv.slice(2);
  const n = Number(nRaw), c = Number(cRaw), w = Number(wRaw || 0);
  await runMigrations({ connectionString: conn, logger: quietLogger() });
  const client = new Client({ connectionString: conn });
  await client.connect();
  await client.query("SELECT graphile_worker.add_job('noop', '{}'::json) FROM generate_series(1, $1)", [w + n]);
  await client.end();
  let done = 0, t0, t1, cpu0, cpu;
  const diag = (mark) => { if (process.env.CLAIM_DIAG_DIR) require('fs').writeFileSync(`${process.env.CLAIM_DIAG_DIR}/${mark}`, ''); };
  const start = () => { cpu0 = process.cpuUsage(); diag('start'); t0 = process.hrtime.bigint(); };
  if (w === 0) start();
  await new Promise(async (resolve, reject) => {
    const runner = await run({
      connectionString: conn, concurrency: c, noHandleSignals: true, pollInterval: 1000, logger: quietLogger(),
      taskList: { noop: async () => {
        ++done;
        if (done === w && w > 0) start();
        if (done === w + n) { t1 = process.hrtime.bigint(); cpu = process.cpuUsage(cpu0); setImmediate(() => runner.stop().then(resolve, reject)); }
      } },
    });
  });
  const secs = Number(t1 - t0) / 1e9;
  diag('stop');
  console.error(`graphile: node CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/job (after ${w} warm-up jobs)`);
  console.log(`jobs/s ${(n / secs).toFixed(1)}`);
})().catch((e) => { console.error(e); process.exit(1); });

function quietLogger() {
  const { Logger } = require('graphile-worker');
  return new Logger(() => (level, message) => { if (level === 'error') console.error(message); });
}
