// graphile-worker 0.17.3 draining N no-op jobs with concurrency C (one job per fetch, no batching).
// node claim-graphile.js CONNECTION_STRING N C  ->  prints "jobs/s <rate>"
const { run, runMigrations } = require('graphile-worker');
const { Client } = require('pg');
(async () => {
  const [conn, nRaw, cRaw] = process.argv.slice(2);
  const n = Number(nRaw), c = Number(cRaw);
  await runMigrations({ connectionString: conn, logger: quietLogger() });
  const client = new Client({ connectionString: conn });
  await client.connect();
  await client.query("SELECT graphile_worker.add_job('noop', '{}'::json) FROM generate_series(1, $1)", [n]);
  await client.end();
  let done = 0, t0;
  const diag = (mark) => { if (process.env.CLAIM_DIAG_DIR) require('fs').writeFileSync(`${process.env.CLAIM_DIAG_DIR}/${mark}`, ''); };
  const cpu0 = process.cpuUsage();
  diag('start');
  await new Promise(async (resolve, reject) => {
    t0 = process.hrtime.bigint();
    const runner = await run({
      connectionString: conn, concurrency: c, noHandleSignals: true, pollInterval: 1000, logger: quietLogger(),
      taskList: { noop: async () => { if (++done === n) setImmediate(() => runner.stop().then(resolve, reject)); } },
    });
  });
  const secs = Number(process.hrtime.bigint() - t0) / 1e9;
  diag('stop');
  const cpu = process.cpuUsage(cpu0);
  console.error(`graphile: node CPU ${((cpu.user + cpu.system) / 1000 / n).toFixed(3)} ms/job`);
  console.log(`jobs/s ${(n / secs).toFixed(1)}`);
})().catch((e) => { console.error(e); process.exit(1); });

function quietLogger() {
  const { Logger } = require('graphile-worker');
  return new Logger(() => (level, message) => { if (level === 'error') console.error(message); });
}
