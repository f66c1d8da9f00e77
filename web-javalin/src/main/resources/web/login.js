import { get, post, flash, onSubmit, setActiveOrganization } from './api.js';

const params = new URLSearchParams(location.search);

function nextPage(user) {
  const next = params.get('next');
  // only a path on this site: never an absolute or protocol-relative URL
  if (next && next.startsWith('/') && !next.startsWith('//') && !next.startsWith('/\\')) return next;
  return user && user.organizations && user.organizations.length ? '/jobs' : '/organizations';
}

async function signedIn(user) {
  const me = user || await get('/api/me', { organization: false });
  setActiveOrganization(me.primaryOrganizationId || (me.organizations && me.organizations[0] && me.organizations[0].id) || null);
  location.assign(nextPage(me));
}

onSubmit(document.getElementById('login-form'), async (values) => {
  const answer = await post('/api/auth/login', { email: values.email || '', password: values.password || '' }, { organization: false });
  await signedIn(answer && answer.user);
}, { signInOn401: false });

onSubmit(document.getElementById('signup-form'), async (values) => {
  const body = { name: values.name || '', email: values.email || '', password: values.password || '' };
  await post('/api/auth/signup', body, { organization: false });
  // signing up does not sign in everywhere: sign in with the same credentials
  const answer = await post('/api/auth/login', { email: body.email, password: body.password }, { organization: false });
  await signedIn(answer && answer.user);
}, { signInOn401: false });

if (location.pathname === '/signup') {
  document.getElementById('signup-name').focus();
} else if (params.has('next')) {
  flash('Please sign in to continue.');
}
