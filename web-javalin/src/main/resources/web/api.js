// The one way the pages talk to the API: same-origin credentials (the HttpOnly session cookie,
// never readable here), the CSRF header the server requires on cookie-authenticated mutations,
// and the active organization. Failures arrive as problem+json and become ApiError.

const ORG_KEY = 'pressroom.organizationId';
const CSRF = { 'X-Requested-With': 'pressroom' };

// A form submitted before its page's script has bound it (the page still loading its first API
// answers) would be sent natively, as a GET of the same page with the fields in the URL: typed
// values lost, a password in the address bar. Such submissions are held back; a form is bound by
// onSubmit or markBound, and its data-bound attribute tells tests (and styles) it is live.
document.addEventListener('submit', (event) => {
  if (!(event.target instanceof HTMLFormElement) || !('bound' in event.target.dataset)) event.preventDefault();
}, true);

/** Marks a form whose submit event this page now handles itself. */
export function markBound(form) {
  form.dataset.bound = '';
}

export function activeOrganization() {
  return localStorage.getItem(ORG_KEY);
}

export function setActiveOrganization(id) {
  if (id) localStorage.setItem(ORG_KEY, id); else localStorage.removeItem(ORG_KEY);
}

export class ApiError extends Error {
  constructor(status, problem) {
    super(problem.detail || problem.title || `HTTP ${status}`);
    this.status = status;
    this.problem = problem;
  }
  get errors() { return this.problem.errors || {}; }
}

function headers(extra, withOrg) {
  const h = { Accept: 'application/json', ...CSRF, ...extra };
  const org = activeOrganization();
  if (withOrg && org) h['X-Organization-Id'] = org;
  return h;
}

async function problemOf(res) {
  const type = res.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { return await res.json(); } catch (e) { /* fall through */ }
  }
  return { status: res.status, title: res.statusText, detail: `The server answered ${res.status} ${res.statusText}.` };
}

/** Calls the API; answers the parsed JSON (or null for 204), throws ApiError otherwise. */
export async function api(method, path, body, { organization = true } = {}) {
  const init = { method, credentials: 'same-origin', headers: headers({}, organization) };
  if (body !== undefined) {
    init.headers['Content-Type'] = 'application/json';
    init.body = JSON.stringify(body);
  }
  let res;
  try {
    res = await fetch(path, init);
  } catch (e) {
    throw new ApiError(0, { title: 'Network error', detail: 'The server could not be reached. Check the connection and try again.' });
  }
  if (!res.ok) throw new ApiError(res.status, await problemOf(res));
  if (res.status === 204) return null;
  const type = res.headers.get('Content-Type') || '';
  return type.includes('json') ? res.json() : res.text();
}

export const get = (path, opts) => api('GET', path, undefined, opts);
export const post = (path, body, opts) => api('POST', path, body === undefined ? {} : body, opts);
export const patch = (path, body, opts) => api('PATCH', path, body, opts);
export const del = (path, opts) => api('DELETE', path, undefined, opts);

/** Items of a list answer ({items, nextCursor}) or a bare array. */
export function items(answer) {
  if (Array.isArray(answer)) return answer;
  return (answer && answer.items) || [];
}

/** Uploads a file with progress (fetch cannot report upload progress; XMLHttpRequest can). */
export function upload(path, file, onProgress) {
  return new Promise((resolve, reject) => {
    const xhr = new XMLHttpRequest();
    xhr.open('POST', path);
    xhr.withCredentials = true;
    for (const [k, v] of Object.entries(headers({}, true))) xhr.setRequestHeader(k, v);
    xhr.upload.addEventListener('progress', (e) => { if (e.lengthComputable) onProgress(e.loaded, e.total); });
    xhr.addEventListener('load', () => {
      let body = null;
      try { body = JSON.parse(xhr.responseText); } catch (e) { body = null; }
      if (xhr.status >= 200 && xhr.status < 300) resolve(body);
      else reject(new ApiError(xhr.status, body || { status: xhr.status, detail: `The server answered ${xhr.status}.` }));
    });
    xhr.addEventListener('error', () => reject(new ApiError(0, { title: 'Network error', detail: 'The upload was interrupted.' })));
    const form = new FormData();
    form.append('file', file, file.name);
    xhr.send(form);
  });
}

// ---- forms -------------------------------------------------------------------------------

/** Reads a form into a JSON object: data-type="number"|"integer"|"boolean"|"list"; empty values left out. */
export function formValues(form) {
  const out = {};
  for (const el of form.elements) {
    if (!el.name || el.disabled || el.type === 'submit' || el.type === 'button' || el.type === 'file') continue;
    const kind = el.dataset.type;
    if (el.type === 'checkbox' && kind !== 'list') { out[el.name] = el.checked; continue; }
    if (kind === 'list') {
      if (!Array.isArray(out[el.name])) out[el.name] = [];
      if (el.type === 'checkbox') { if (el.checked) out[el.name].push(el.value); } else if (el.tagName === 'SELECT') {
        for (const o of el.selectedOptions) out[el.name].push(o.value);
      } else if (el.value.trim()) {
        out[el.name].push(...el.value.split(',').map((s) => s.trim()).filter(Boolean));
      }
      continue;
    }
    const v = el.value.trim();
    if (v === '') continue;
    if (kind === 'number' || kind === 'integer') {
      const n = Number(v);
      out[el.name] = Number.isNaN(n) ? v : n;
    } else if (kind === 'boolean') {
      out[el.name] = v === 'true';
    } else {
      out[el.name] = v;
    }
  }
  return out;
}

export function clearErrors(form) {
  for (const p of form.querySelectorAll('.field-error')) p.remove();
  for (const el of form.querySelectorAll('[aria-invalid]')) {
    el.removeAttribute('aria-invalid');
    const described = (el.getAttribute('aria-describedby') || '').split(' ').filter((id) => !id.startsWith('err-'));
    if (described.length) el.setAttribute('aria-describedby', described.join(' ')); else el.removeAttribute('aria-describedby');
  }
  const summary = form.querySelector('.form-error');
  if (summary) summary.textContent = '';
}

function fieldFor(form, name) {
  const direct = form.elements.namedItem(name);
  if (direct) return direct instanceof RadioNodeList ? direct[0] : direct;
  const root = name.split(/[.[]/)[0];
  const byRoot = form.elements.namedItem(root);
  if (byRoot) return byRoot instanceof RadioNodeList ? byRoot[0] : byRoot;
  return form.querySelector(`[data-field="${CSS.escape(name)}"]`);
}

/** Shows an error: each entry of problem.errors beside its field, the rest in the form's summary. */
export function showError(form, error) {
  clearErrors(form);
  const problem = error instanceof ApiError ? error.problem : { detail: String(error && error.message || error) };
  const errors = problem.errors || {};
  let first = null;
  const unplaced = [];
  for (const [name, message] of Object.entries(errors)) {
    const el = fieldFor(form, name);
    if (!el) { unplaced.push(`${name}: ${message}`); continue; }
    const p = document.createElement('p');
    p.className = 'field-error';
    p.id = `err-${form.id || 'form'}-${name.replace(/[^A-Za-z0-9_-]/g, '_')}`;
    p.dataset.field = name;
    p.textContent = message;
    const holder = el.closest('.field, fieldset') || el.parentElement;
    holder.appendChild(p);
    el.setAttribute('aria-invalid', 'true');
    el.setAttribute('aria-describedby', [el.getAttribute('aria-describedby'), p.id].filter(Boolean).join(' '));
    if (!first) first = el;
  }
  let summary = form.querySelector('.form-error');
  if (!summary) {
    summary = document.createElement('p');
    summary.className = 'form-error';
    summary.setAttribute('role', 'alert');
    form.appendChild(summary);
  }
  const placed = Object.keys(errors).length - unplaced.length;
  const detail = problem.detail || problem.title || 'Something went wrong.';
  const lead = placed === 0 ? detail : (placed === 1 ? 'Please correct the marked field.' : `Please correct the ${placed} marked fields.`);
  summary.textContent = [lead, ...unplaced].join(' ');
  (first || summary).focus?.();
}

/**
 * Wires a form: on submit, reads it, runs action(values), shows errors beside their fields.
 * A 401 (session expired) sends the visitor to /login, except on the login forms themselves.
 */
export function onSubmit(form, action, { signInOn401 = true } = {}) {
  form.noValidate = true;
  markBound(form);
  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    clearErrors(form);
    const button = form.querySelector('button[type=submit]');
    if (button) button.disabled = true;
    form.setAttribute('aria-busy', 'true');
    try {
      await action(formValues(form), form);
    } catch (e) {
      if (signInOn401 && e instanceof ApiError && e.status === 401) { toLogin(); return; }
      showError(form, e);
    } finally {
      if (button) button.disabled = false;
      form.removeAttribute('aria-busy');
    }
  });
}

export function toLogin() {
  const next = location.pathname + location.search;
  location.assign(`/login?next=${encodeURIComponent(next)}`);
}

// ---- rendering helpers ---------------------------------------------------------------------

/** Builds an element: el('td', {class: 'num'}, 'text', child…). Text is always text (no HTML injection). */
export function el(tag, attrs = {}, ...children) {
  const node = document.createElement(tag);
  for (const [k, v] of Object.entries(attrs || {})) {
    if (v === undefined || v === null || v === false) continue;
    if (k.startsWith('on') && typeof v === 'function') node.addEventListener(k.slice(2), v);
    else if (k === 'class') node.className = v;
    else if (k === 'dataset') Object.assign(node.dataset, v);
    else if (v === true) node.setAttribute(k, '');
    else node.setAttribute(k, String(v));
  }
  for (const c of children.flat()) {
    if (c === undefined || c === null || c === false) continue;
    node.append(c instanceof Node ? c : document.createTextNode(String(c)));
  }
  return node;
}

export function when(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  if (Number.isNaN(d.getTime())) return String(iso);
  const options = { month: 'short', day: 'numeric', hour: '2-digit', minute: '2-digit' };
  if (d.getFullYear() !== new Date().getFullYear()) options.year = 'numeric';
  return d.toLocaleString(undefined, options);
}

export function bytes(n) {
  if (n === undefined || n === null) return '—';
  const units = ['B', 'KB', 'MB', 'GB', 'TB'];
  let v = Number(n); let i = 0;
  while (v >= 1024 && i < units.length - 1) { v /= 1024; i++; }
  return `${v.toFixed(i === 0 ? 0 : 1)} ${units[i]}`;
}

/** A message in the page's live region. */
export function flash(message, kind = 'info') {
  const region = document.getElementById('flash');
  if (!region) return;
  region.className = kind === 'error' ? 'flash error' : 'flash';
  region.textContent = message || '';
}

export function flashError(e) {
  if (e instanceof ApiError && e.status === 401) { toLogin(); return; }
  flash(e instanceof ApiError ? (e.problem.detail || e.problem.title) : String(e.message || e), 'error');
}

/** Fills a <tbody> with rows, or one "empty" row spanning the table. */
export function fillRows(tbody, rows, emptyText) {
  tbody.replaceChildren();
  if (!rows.length) {
    const cols = tbody.closest('table').querySelectorAll('thead th').length || 1;
    tbody.append(el('tr', {}, el('td', { class: 'empty', colspan: cols }, emptyText)));
    return;
  }
  tbody.append(...rows);
}
