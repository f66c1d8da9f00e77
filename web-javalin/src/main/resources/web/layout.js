// The frame of every signed-in page: who is signed in, the active organization, navigation.
import { ApiError, activeOrganization, get, post, setActiveOrganization, toLogin, flash } from './api.js';

/**
 * Loads /api/me (or sends the visitor to /login), fills the header, and makes sure the active
 * organization is one the user belongs to. Answers {me, organization} (organization may be null).
 */
export async function boot() {
  markCurrentPage();
  let me;
  try {
    me = await get('/api/me', { organization: false });
  } catch (e) {
    if (e instanceof ApiError && e.status === 401) { toLogin(); return new Promise(() => {}); }
    flash(e.message, 'error');
    throw e;
  }
  const organizations = me.organizations || [];
  let active = organizations.find((o) => o.id === activeOrganization());
  if (!active) {
    active = organizations.find((o) => o.id === me.primaryOrganizationId) || organizations[0] || null;
    setActiveOrganization(active ? active.id : null);
  }
  fillHeader(me, organizations, active);
  return { me, organization: active };
}

function markCurrentPage() {
  for (const a of document.querySelectorAll('nav.main a')) {
    if (a.getAttribute('href') === location.pathname) a.setAttribute('aria-current', 'page');
  }
}

function fillHeader(me, organizations, active) {
  const who = document.getElementById('who');
  if (who) who.textContent = me.name ? `${me.name} (${me.email})` : me.email;
  for (const link of document.querySelectorAll('[data-admin]')) link.hidden = !me.isSystemAdmin;
  const select = document.getElementById('org-switch');
  if (select) {
    select.replaceChildren();
    if (!organizations.length) {
      select.append(new Option('No organization yet', ''));
      select.disabled = true;
    } else {
      for (const o of organizations) select.append(new Option(`${o.name} (${o.role})`, o.id, false, active && o.id === active.id));
      select.disabled = false;
    }
    select.addEventListener('change', () => {
      setActiveOrganization(select.value);
      location.reload();
    });
  }
  const logout = document.getElementById('logout');
  if (logout) {
    logout.addEventListener('click', async () => {
      try { await post('/api/auth/logout', undefined, { organization: false }); } catch (e) { /* signed out anyway */ }
      location.assign('/login');
    });
  }
}

/** Shows the "create or choose an organization first" note and answers false when there is none. */
export function requireOrganization(organization) {
  const note = document.getElementById('no-org');
  if (organization) return true;
  if (note) note.hidden = false;
  for (const s of document.querySelectorAll('[data-needs-org]')) s.hidden = true;
  return false;
}

export function isAdmin(organization) {
  return !!organization && organization.role === 'admin';
}
