import { get, post, patch, del, items, el, when, onSubmit, flash, flashError, fillRows,
  setActiveOrganization, activeOrganization } from './api.js';
import { boot } from './layout.js';

const { me, organization } = await boot();

async function loadOrganizations() {
  const list = items(await get('/api/organizations', { organization: false }));
  const roles = Object.fromEntries((me.organizations || []).map((o) => [o.id, o.role]));
  const active = activeOrganization();
  fillRows(document.querySelector('#orgs-table tbody'), list.map((o) => el('tr', { dataset: { id: o.id } },
    el('th', { scope: 'row' }, o.name),
    el('td', {}, o.role || roles[o.id] || '—'),
    el('td', {}, o.id === active ? el('span', { class: 'badge yes' }, 'active') : (o.isActive === false ? el('span', { class: 'badge no' }, 'deactivated') : '')),
    el('td', {}, o.id === active ? '' : el('button', {
      type: 'button', class: 'small secondary', 'aria-label': `Switch to ${o.name}`,
      onclick: () => { setActiveOrganization(o.id); location.reload(); },
    }, 'Switch to it')),
  )), 'You are in no organization yet: create one.');
}

onSubmit(document.getElementById('create-org-form'), async (values, form) => {
  const created = await post('/api/organizations', values, { organization: false });
  setActiveOrganization(created.id);
  form.reset();
  location.reload();
});

onSubmit(document.getElementById('accept-form'), async (values) => {
  const answer = await post(`/api/invitations/${encodeURIComponent(values.token || '')}/accept`, {}, { organization: false });
  if (answer && answer.organizationId) setActiveOrganization(answer.organizationId);
  location.reload();
});

async function loadMembers() {
  const card = document.getElementById('members-card');
  if (!organization || organization.role !== 'admin') return;
  card.hidden = false;
  document.getElementById('members-org').textContent = organization.name;
  const members = items(await get(`/api/organizations/${organization.id}/members`));
  fillRows(document.querySelector('#members-table tbody'), members.map((m) => {
    const id = m.userId || m.id;
    const label = m.name || m.email;
    const role = el('select', { 'aria-label': `Role of ${label}` },
      ...['member', 'admin'].map((r) => el('option', { value: r, selected: r === m.role }, r)));
    role.addEventListener('change', async () => {
      try {
        await patch(`/api/organizations/${organization.id}/members/${id}`, { role: role.value });
        flash(`${label} is now ${role.value}.`);
      } catch (e) { role.value = m.role; flashError(e); }
    });
    return el('tr', { dataset: { id } },
      el('th', { scope: 'row' }, m.name || '—'),
      el('td', {}, m.email || '—'),
      el('td', {}, role),
      el('td', { class: 'when' }, when(m.joinedAt)),
      el('td', {}, el('button', {
        type: 'button', class: 'small danger', 'aria-label': `Remove ${label}`,
        onclick: async () => {
          if (!confirm(`Remove ${label} from ${organization.name}?`)) return;
          try { await del(`/api/organizations/${organization.id}/members/${id}`); await loadMembers(); flash(`${label} was removed.`); } catch (e) { flashError(e); }
        },
      }, 'Remove')));
  }), 'No members.');
}

onSubmit(document.getElementById('add-member-form'), async (values, form) => {
  await post(`/api/organizations/${organization.id}/members`, values);
  form.reset();
  flash(`${values.email} was added.`);
  await loadMembers();
});

onSubmit(document.getElementById('invite-form'), async (values, form) => {
  const invitation = await post(`/api/organizations/${organization.id}/invitations`, values);
  form.reset();
  const result = document.getElementById('invite-result');
  result.replaceChildren(
    el('p', {}, `Invitation for ${values.email} (expires ${when(invitation.expiresAt)}). Send them this token; it is shown only once:`),
    el('p', { class: 'secret' }, invitation.token),
    el('button', { type: 'button', class: 'small secondary', onclick: () => revoke(invitation.id, result) }, 'Revoke this invitation'));
});

async function revoke(id, result) {
  try {
    await del(`/api/organizations/${organization.id}/invitations/${id}`);
    result.replaceChildren(el('p', {}, 'The invitation was revoked.'));
  } catch (e) { flashError(e); }
}

try {
  await loadOrganizations();
  await loadMembers();
} catch (e) { flashError(e); }
