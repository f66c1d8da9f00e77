import { get, del, items, el, when, bytes, upload, flash, flashError, fillRows, clearErrors, showError, ApiError, toLogin, markBound } from './api.js';
import { boot, requireOrganization } from './layout.js';

const { organization } = await boot();
const tbody = document.querySelector('#files-table tbody');
const more = document.getElementById('more');
let files = [];
let cursor = null;

function dpi(m) {
  if (!m.dpiX && !m.dpiY) return '—';
  return m.dpiX === m.dpiY || !m.dpiY ? `${m.dpiX}` : `${m.dpiX} × ${m.dpiY}`;
}

function inches(m) {
  if (m.widthInches === undefined || m.heightInches === undefined) return '—';
  return `${Number(m.widthInches).toFixed(2)} × ${Number(m.heightInches).toFixed(2)}`;
}

function row(f) {
  const m = f.fileMetadata || {};
  const name = f.originalFilename || f.filename || f.id;
  return el('tr', { dataset: { id: f.id } },
    el('th', { scope: 'row' }, el('a', { href: `/api/files/${f.id}/content`, download: name }, name)),
    el('td', {}, m.kind || f.mimeType || '—'),
    el('td', { class: 'num' }, bytes(f.fileSize ?? f.size)),
    el('td', { class: 'num' }, m.widthPx ? `${m.widthPx} × ${m.heightPx}` : '—'),
    el('td', { class: 'num' }, dpi(m)),
    el('td', { class: 'num' }, inches(m)),
    el('td', { class: 'when' }, when(f.createdAt)),
    el('td', {}, el('button', { type: 'button', class: 'small danger', 'aria-label': `Delete ${name}`, onclick: () => remove(f, name) }, 'Delete')));
}

async function load(append = false) {
  const q = new URLSearchParams({ limit: '50' });
  if (append && cursor) q.set('cursor', cursor);
  const answer = await get(`/api/files?${q}`);
  files = append ? files.concat(items(answer)) : items(answer);
  cursor = answer && answer.nextCursor;
  more.hidden = !cursor;
  fillRows(tbody, files.map(row), 'No files yet.');
}
more.addEventListener('click', () => load(true).catch(flashError));

async function remove(f, name) {
  if (!confirm(`Delete ${name}?`)) return;
  try { await del(`/api/files/${f.id}`); flash(`${name} was deleted.`); await load(); } catch (e) { flashError(e); }
}

// The upload answers through the browser's XMLHttpRequest progress events (fetch cannot).
const form = document.getElementById('upload-form');
const bar = document.getElementById('upload-bar');
const percent = document.getElementById('upload-percent');
form.noValidate = true;
markBound(form);
form.addEventListener('submit', async (event) => {
  event.preventDefault();
  clearErrors(form);
  const chosen = [...form.elements.file.files];
  if (!chosen.length) {
    showError(form, new ApiError(400, { detail: 'Choose a file to upload.', errors: { file: 'Choose a file to upload.' } }));
    return;
  }
  const button = form.querySelector('button[type=submit]');
  button.disabled = true;
  document.getElementById('upload-progress').hidden = false;
  try {
    for (const [i, file] of chosen.entries()) {
      const show = (done, total) => {
        const pct = Math.round(((i + done / total) / chosen.length) * 100);
        bar.value = pct;
        percent.textContent = `${pct}%`;
      };
      show(0, 1);
      await upload('/api/files', file, show);
      show(1, 1);
    }
    flash(chosen.length === 1 ? `${chosen[0].name} was uploaded.` : `${chosen.length} files were uploaded.`);
    form.reset();
    await load();
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { toLogin(); return; }
    showError(form, e);
  } finally {
    button.disabled = false;
  }
});

if (requireOrganization(organization)) {
  try { await load(); } catch (e) { flashError(e); }
}
