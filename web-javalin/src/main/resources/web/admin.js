import { get, post, patch, items, el, when, flash, flashError, fillRows, ApiError } from './api.js';
import { boot } from './layout.js';

const { me } = await boot();

function refuse(text) {
  document.getElementById('admin').hidden = true;
  document.getElementById('refused').hidden = false;
  if (text) document.getElementById('refused-text').textContent = text;
  document.title = 'Not allowed · Pressroom';
}

function label(key) {
  return key.replace(/([A-Z])/g, ' $1').replace(/^./, (c) => c.toUpperCase()).trim();
}

function statList(target, entries) {
  target.replaceChildren(...entries.map(([k, v]) => el('div', { dataset: { stat: k } }, el('dt', {}, label(k)), el('dd', {}, v))));
}

async function loadStats() {
  const stats = await get('/api/admin/stats', { organization: false });
  const flat = [];
  let byStatus = null;
  for (const [k, v] of Object.entries(stats || {})) {
    if (v && typeof v === 'object') {
      if (/status/i.test(k) || k === 'jobs' || k === 'printJobs') byStatus = v; else flat.push(...Object.entries(v).map(([k2, v2]) => [`${k} ${k2}`, v2]));
    } else flat.push([k, v]);
  }
  statList(document.getElementById('stats'), flat);
  const statuses = ['pending', 'held', 'printing', 'paused', 'completed', 'failed', 'cancelled'];
  statList(document.getElementById('jobs-by-status'), statuses.map((s) => [s, (byStatus && byStatus[s]) ?? 0]));
}

/**
 * A table filled a page at a time from a cursor-paginated admin list: load() draws the first page,
 * the table's "Show more" button appends the next one while the answer has a nextCursor.
 */
function pagedTable(path, table, rowOf, emptyText) {
  const tbody = document.querySelector(`${table} tbody`);
  const more = document.querySelector(`[data-more-for="${table}"]`);
  let cursor = null;
  async function load(append = false) {
    const url = append && cursor ? `${path}&cursor=${encodeURIComponent(cursor)}` : path;
    const answer = await get(url, { organization: false });
    const rows = items(answer).map(rowOf);
    if (append) tbody.append(...rows); else fillRows(tbody, rows, emptyText);
    cursor = answer && answer.nextCursor;
    more.hidden = !cursor;
  }
  more.addEventListener('click', () => load(true).catch(flashError));
  return load;
}

const loadOrganizations = pagedTable('/api/admin/organizations?limit=100', '#admin-orgs', organizationRow, 'No organizations.');
const loadUsers = pagedTable('/api/admin/users?limit=100', '#admin-users', userRow, 'No users.');

function organizationRow(o) {
  const active = o.isActive !== false;
  const row = el('tr', { dataset: { id: o.id } },
    el('th', { scope: 'row' }, o.name, o.deletedAt ? el('div', { class: 'hint' }, `deleted ${when(o.deletedAt)}`) : null),
    el('td', { class: 'num' }, o.memberCount ?? o.members ?? '—'),
    el('td', {}, el('span', { class: `badge ${active ? 'yes' : 'no'}` }, active ? 'active' : 'deactivated')),
    el('td', { class: 'when' }, when(o.createdAt)),
    el('td', {}, el('button', {
      type: 'button', class: active ? 'small danger' : 'small secondary', 'aria-label': `${active ? 'Deactivate' : 'Reactivate'} ${o.name}`,
      onclick: async () => {
        try {
          const changed = await patch(`/api/admin/organizations/${o.id}`, { isActive: !active }, { organization: false });
          flash(`${o.name} is now ${active ? 'deactivated (read-only)' : 'active'}.`);
          // redrawn in place: the pages already shown stay
          row.replaceWith(organizationRow({ ...o, ...changed, isActive: !active }));
        } catch (e) { flashError(e); }
      },
    }, active ? 'Deactivate' : 'Reactivate')));
  return row;
}

function userRow(u) {
  return el('tr', { dataset: { id: u.id } },
    el('th', { scope: 'row' }, u.name || '—'),
    el('td', {}, u.email),
    el('td', {}, u.isSystemAdmin ? el('span', { class: 'badge yes' }, 'yes') : 'no'),
    el('td', { class: 'when' }, when(u.createdAt)),
    el('td', {}, u.id === me.id ? '' : el('button', {
      type: 'button', class: 'small secondary', 'aria-label': `Issue a password reset for ${u.email}`,
      onclick: async () => {
        try {
          const reset = await post(`/api/admin/users/${u.id}/password-reset`, {}, { organization: false });
          document.getElementById('reset-result').replaceChildren(
            el('p', {}, `One-time reset token for ${u.email} (expires ${when(reset.expiresAt)}); it is shown only once:`),
            el('p', { class: 'secret' }, reset.token));
        } catch (e) { flashError(e); }
      },
    }, 'Reset password')));
}

async function loadEvents() {
  const events = items(await get('/api/admin/events?limit=25', { organization: false }));
  fillRows(document.querySelector('#admin-events tbody'), events.map((e) => el('tr', {},
    el('td', { class: 'when' }, when(e.createdAt)),
    el('th', { scope: 'row' }, e.eventType),
    el('td', {}, `${e.entityType || ''} ${e.entityId ? e.entityId.slice(0, 8) : ''}`.trim() || '—'),
    el('td', {}, e.userEmail || (e.userId ? e.userId.slice(0, 8) : '—')),
    el('td', {}, e.ipAddress || '—'))), 'No events yet.');
}

if (!me.isSystemAdmin) {
  refuse();
} else {
  try {
    await loadStats();
    document.getElementById('admin').hidden = false;
  } catch (e) {
    if (e instanceof ApiError && e.status === 403) refuse(); else flashError(e);
  }
  for (const load of [loadOrganizations, loadUsers, loadEvents]) {
    try { await load(); } catch (e) { if (!(e instanceof ApiError && e.status === 403)) flashError(e); }
  }
}
