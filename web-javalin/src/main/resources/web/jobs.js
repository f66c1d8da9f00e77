import { get, post, patch, items, el, when, onSubmit, flash, flashError, fillRows, activeOrganization, markBound } from './api.js';
import { boot, requireOrganization } from './layout.js';

const { organization } = await boot();
const tbody = document.querySelector('#jobs-table tbody');
const filters = document.getElementById('filters');
const more = document.getElementById('more');
const printers = new Map();
let jobs = new Map();
let cursor = null;

const ACTIONS = {
  pending: ['hold', 'cancel'],
  held: ['release', 'cancel'],
  printing: ['cancel'],
  paused: ['cancel'],
  failed: ['retry'],
  cancelled: ['retry'],
  completed: [],
};
const FINAL = new Set(['completed', 'failed', 'cancelled']);

function printerName(id) {
  if (!id) return el('span', { class: 'muted' }, 'any');
  return printers.get(id)?.name || id.slice(0, 8);
}

function progressCell(job) {
  const pct = Math.max(0, Math.min(100, Number(job.progressPercentage ?? 0)));
  const label = `Progress of ${job.jobName}`;
  return el('div', { class: 'progress' },
    el('progress', { max: 100, value: pct, 'aria-label': label, dataset: { role: 'progress' } }),
    el('output', { dataset: { role: 'percent' } }, `${pct}%`));
}

function row(job) {
  const priority = el('input', {
    type: 'number', class: 'priority', min: 0, max: 100, step: 1, value: job.priority ?? 0,
    'aria-label': `Priority of ${job.jobName}`, disabled: FINAL.has(job.status) || job.status === 'printing' || job.status === 'paused',
  });
  priority.addEventListener('change', async () => {
    try {
      await patch(`/api/print-jobs/${job.id}`, { priority: Number(priority.value) });
      flash(`Priority of ${job.jobName} set to ${priority.value}.`);
      await load();
    } catch (e) { priority.value = job.priority ?? 0; flashError(e); }
  });
  const details = [];
  if (job.errorMessage) details.push(el('div', { class: 'field-error' }, job.errorMessage));
  if (job.estimatedCompletion && !FINAL.has(job.status)) details.push(el('div', { class: 'hint' }, `done ≈ ${when(job.estimatedCompletion)}`));
  if (job.fileIds && job.fileIds.length) details.push(el('div', { class: 'hint' }, `${job.fileIds.length} file${job.fileIds.length > 1 ? 's' : ''}`));
  return el('tr', { dataset: { id: job.id, status: job.status } },
    el('th', { scope: 'row' }, job.jobName, ...details),
    el('td', {}, el('span', { class: `badge ${job.status}`, dataset: { role: 'status' } }, job.status)),
    el('td', {}, progressCell(job)),
    el('td', {}, printerName(job.printerId)),
    el('td', { class: 'num' }, priority),
    el('td', { class: 'when wide-only' }, when(job.createdAt)),
    el('td', {}, el('div', { class: 'row-actions' }, ...(ACTIONS[job.status] || []).map((action) => el('button', {
      type: 'button', class: action === 'cancel' ? 'small danger' : 'small secondary', 'aria-label': `${action} ${job.jobName}`,
      onclick: () => transition(job, action),
    }, action[0].toUpperCase() + action.slice(1))))));
}

async function transition(job, action) {
  try {
    await post(`/api/print-jobs/${job.id}/${action}`, {});
    flash(`${job.jobName}: ${action} done.`);
    await load();
  } catch (e) { flashError(e); }
}

function query() {
  const q = new URLSearchParams({ limit: '50' });
  if (filters.elements.status.value) q.set('status', filters.elements.status.value);
  if (filters.elements.printerId.value) q.set('printerId', filters.elements.printerId.value);
  return q;
}

function render() {
  fillRows(tbody, [...jobs.values()].map(row), 'No jobs match.');
}

async function load(append = false) {
  const q = query();
  if (append && cursor) q.set('cursor', cursor);
  const answer = await get(`/api/print-jobs?${q}`);
  if (!append) jobs = new Map();
  for (const j of items(answer)) jobs.set(j.id, j);
  cursor = answer && answer.nextCursor;
  more.hidden = !cursor;
  render();
}
more.addEventListener('click', () => load(true).catch(flashError));
filters.addEventListener('change', () => load().catch(flashError));
filters.addEventListener('submit', (e) => e.preventDefault());
markBound(filters);

// ---- live updates --------------------------------------------------------------------------

function matchesFilters(job) {
  const status = filters.elements.status.value;
  const printerId = filters.elements.printerId.value;
  return (!status || job.status === status) && (!printerId || job.printerId === printerId);
}

let reloadTimer = null;
function reloadSoon() {
  clearTimeout(reloadTimer);
  reloadTimer = setTimeout(() => load().catch(() => {}), 300);
}

/** Applies one stream event: the job's fields (or a part of them) by id. */
function applyEvent(message) {
  let data;
  try { data = JSON.parse(message.data); } catch (e) { return; }
  const update = data.job || data;
  const id = update.id || update.jobId || update.printJobId;
  if (!id) return;
  const known = jobs.get(id);
  if (!known) { reloadSoon(); return; }
  const merged = { ...known };
  for (const key of ['status', 'progressPercentage', 'estimatedCompletion', 'errorMessage', 'priority', 'printerId', 'startedAt', 'completedAt', 'jobName']) {
    if (key in update) merged[key] = update[key];
  }
  if ('percent' in update && !('progressPercentage' in update)) merged.progressPercentage = update.percent;
  if (!('status' in update) && typeof data.type === 'string' && ACTIONS[data.type]) merged.status = data.type;
  jobs.set(id, merged);
  if (!matchesFilters(merged)) { jobs.delete(id); render(); return; }
  const old = tbody.querySelector(`tr[data-id="${CSS.escape(id)}"]`);
  if (old && old.dataset.status === merged.status) {
    // progress only: update in place so keyboard focus is kept
    const pct = Math.max(0, Math.min(100, Number(merged.progressPercentage ?? 0)));
    old.querySelector('[data-role=progress]').value = pct;
    old.querySelector('[data-role=percent]').textContent = `${pct}%`;
  } else if (old) {
    old.replaceWith(row(merged));
  } else {
    render();
  }
}

function connect() {
  const live = document.getElementById('live');
  const source = new EventSource(`/api/print-jobs/stream?organizationId=${encodeURIComponent(activeOrganization())}`);
  source.addEventListener('open', () => { live.className = 'badge online'; live.textContent = 'live'; });
  source.addEventListener('error', () => { live.className = 'badge offline'; live.textContent = 'reconnecting…'; });
  source.addEventListener('message', applyEvent);
  // EventSource hands named events only to listeners of that name: the job events of the audit trail
  const transitions = ['submitted', 'claimed', 'progress', 'paused', 'resumed', 'completed', 'failed', 'held', 'released',
    'cancelled', 'retried', 'updated', 'lease_lapsed'];
  for (const name of ['job', 'update', 'status', 'progress', ...transitions.map((t) => `print_job.${t}`)]) {
    source.addEventListener(name, applyEvent);
  }
  window.addEventListener('pagehide', () => source.close());
}

// ---- submit --------------------------------------------------------------------------------

const form = document.getElementById('job-form');
onSubmit(form, async (values) => {
  if (!values.fileIds) values.fileIds = [];
  const canvas = values['printConfig.canvasConfigId'];
  delete values['printConfig.canvasConfigId'];
  if (canvas) values.printConfig = { canvasConfigId: canvas };
  const job = await post('/api/print-jobs', values);
  form.reset();
  flash(`${job.jobName} was submitted.`);
  await load();
});

async function loadPrinters() {
  for (const p of items(await get('/api/printers?limit=200'))) printers.set(p.id, p);
  const options = [...printers.values()].map((p) => [p.id, `${p.name}${p.isDefault ? ' (default)' : ''}${p.isActive === false ? ' (inactive)' : ''}`]);
  filters.elements.printerId.append(...options.map(([v, t]) => new Option(t, v)));
  form.elements.printerId.append(...options.map(([v, t]) => new Option(t, v)));
}

async function loadCanvasConfigs() {
  let configs = [];
  try { configs = items(await get('/api/canvas-configs?limit=200')); } catch (e) { return; }
  form.elements['printConfig.canvasConfigId'].append(...configs.map((c) => new Option(`${c.name} (${c.dpi} DPI)`, c.id)));
}

async function loadFiles() {
  let files = [];
  try { files = items(await get('/api/files?limit=100')); } catch (e) { return; }
  if (!files.length) return;
  document.getElementById('job-files-list').replaceChildren(...files.map((f, i) => el('label', { class: 'file-choice', for: `job-file-${i}` },
    el('input', { type: 'checkbox', id: `job-file-${i}`, name: 'fileIds', value: f.id, dataset: { type: 'list' } }),
    f.originalFilename || f.filename || f.id,
    el('span', { class: 'muted' }, fileSize(f)))));
}

function fileSize(f) {
  const m = f.fileMetadata || {};
  if (m.widthInches && m.heightInches) return `${Number(m.widthInches).toFixed(2)} × ${Number(m.heightInches).toFixed(2)} in @ ${m.dpiX || '?'} DPI`;
  if (m.widthPx && m.heightPx) return `${m.widthPx} × ${m.heightPx} px`;
  return '';
}

if (requireOrganization(organization)) {
  try {
    await loadPrinters();
    await Promise.all([load(), loadFiles(), loadCanvasConfigs()]);
  } catch (e) { flashError(e); }
  connect();
}
