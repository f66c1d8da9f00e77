import { get, post, patch, del, items, el, when, onSubmit, flash, flashError, fillRows, clearErrors } from './api.js';
import { boot, requireOrganization, isAdmin } from './layout.js';

const { organization } = await boot();
const form = document.getElementById('printer-form');
const submit = document.getElementById('printer-submit');
const cancel = document.getElementById('printer-cancel');
const title = document.getElementById('form-title');
let editing = null;
let printers = [];

function size(p) {
  return `${p.maxWidthInches} × ${p.maxHeightInches}`;
}

function agent(p) {
  if (p.online) return el('span', { class: 'badge online', title: `last seen ${when(p.lastSeenAt)}` }, 'online');
  return el('span', { class: 'badge offline' }, p.lastSeenAt ? `seen ${when(p.lastSeenAt)}` : 'never seen');
}

function actions(p) {
  if (!isAdmin(organization)) return '';
  const b = (label, aria, onclick, cls = 'small secondary') => el('button', { type: 'button', class: cls, 'aria-label': `${aria} ${p.name}`, onclick }, label);
  return el('div', { class: 'row-actions' },
    b('Edit', 'Edit', () => startEdit(p)),
    p.isDefault ? null : b('Make default', 'Make default:', () => change(p, { isDefault: true }, `${p.name} is now the default printer.`)),
    p.isActive === false
      ? b('Activate', 'Activate', () => change(p, { isActive: true }, `${p.name} is active again.`))
      : b('Deactivate', 'Deactivate', () => change(p, { isActive: false }, `${p.name} was deactivated.`)),
    b('Issue key', 'Issue an agent key for', () => issueKey(p)),
    b('Delete', 'Delete', () => remove(p), 'small danger'));
}

async function load() {
  printers = items(await get('/api/printers?limit=200'));
  fillRows(document.querySelector('#printers-table tbody'), printers.map((p) => el('tr', { dataset: { id: p.id } },
    el('th', { scope: 'row' }, p.name, p.notes ? el('div', { class: 'hint' }, p.notes) : null),
    el('td', {}, p.printerType),
    el('td', { class: 'num' }, size(p)),
    el('td', { class: 'num' }, p.dpi ?? '—'),
    el('td', {}, p.isDefault ? el('span', { class: 'badge yes', dataset: { default: 'true' } }, 'default') : ''),
    el('td', {}, p.isActive === false ? el('span', { class: 'badge no' }, 'inactive') : el('span', { class: 'badge yes' }, 'active')),
    el('td', {}, agent(p)),
    el('td', {}, actions(p)),
  )), 'No printers yet.');
}

async function change(p, body, message) {
  try { await patch(`/api/printers/${p.id}`, body); await load(); flash(message); } catch (e) { flashError(e); }
}

async function remove(p) {
  if (!confirm(`Delete the printer ${p.name}?`)) return;
  try { await del(`/api/printers/${p.id}`); await load(); flash(`${p.name} was deleted.`); } catch (e) { flashError(e); }
}

async function issueKey(p) {
  try {
    const key = await post(`/api/printers/${p.id}/keys`, {});
    const box = document.getElementById('key-result');
    box.replaceChildren(
      el('h3', {}, `Agent key for ${p.name}`),
      el('p', {}, 'Copy it now: it is shown only once. The agent sends it as ', el('code', {}, 'Authorization: Bearer <key>'),
        ' and claims with ', el('code', {}, `POST /api/printers/${p.id}/claim`), '.'),
      el('p', { class: 'secret', id: 'printer-key' }, key.key),
      el('button', { type: 'button', class: 'small danger', onclick: async () => {
        try { await del(`/api/printers/${p.id}/keys/${key.id}`); box.replaceChildren(el('p', {}, 'The key was revoked.')); } catch (e) { flashError(e); }
      } }, 'Revoke this key'));
    box.querySelector('button').focus();
  } catch (e) { flashError(e); }
}

function startEdit(p) {
  editing = p;
  clearErrors(form);
  for (const name of ['name', 'printerType', 'maxWidthInches', 'maxHeightInches', 'dpi', 'notes']) {
    form.elements[name].value = p[name] ?? '';
  }
  const templates = form.elements.supportedTemplateIds;
  for (const o of templates.options) o.selected = (p.supportedTemplateIds || []).includes(o.value);
  title.textContent = `Edit ${p.name}`;
  submit.textContent = 'Save changes';
  cancel.hidden = false;
  form.elements.name.focus();
}

function stopEdit() {
  editing = null;
  form.reset();
  clearErrors(form);
  title.textContent = 'Add a printer';
  submit.textContent = 'Add printer';
  cancel.hidden = true;
}
cancel.addEventListener('click', stopEdit);

onSubmit(form, async (values) => {
  if (editing) {
    const name = editing.name;
    if (!('notes' in values)) values.notes = '';
    await patch(`/api/printers/${editing.id}`, values);
    stopEdit();
    flash(`${name} was saved.`);
  } else {
    const created = await post('/api/printers', values);
    stopEdit();
    flash(`${created.name} was added.`);
  }
  await load();
});

async function loadTemplates() {
  try {
    const templates = items(await get('/api/templates', { organization: false }));
    if (!templates.length) return;
    const select = form.elements.supportedTemplateIds;
    select.append(...templates.map((t) => new Option(`${t.name} (${t.widthInches} × ${t.heightInches} in)`, t.id)));
    select.disabled = false;
    document.getElementById('templates-field').hidden = false;
  } catch (e) { /* templates are optional here */ }
}

if (requireOrganization(organization)) {
  document.getElementById('printer-form-card').hidden = !isAdmin(organization);
  try { await Promise.all([load(), isAdmin(organization) ? loadTemplates() : null]); } catch (e) { flashError(e); }
}
