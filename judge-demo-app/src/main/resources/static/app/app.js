// The demo server's web page: one HTML page, views chosen by the URL's #fragment.
import {
  api, ApiError, session, saveSession, clearSession, isAdmin, setUnauthorizedHandler, pageOf,
} from './api.js';
import { h, fill, field, markdown, formatMillis, formatKiB, formatTime } from './dom.js';
import { watchSubmission, verdictBadge, VERDICTS, formatScore, shortId } from './submission.js';
import { problemEditor } from './admin.js';
import { contestsView, contestView } from './contest.js';
import { plagiarismView } from './plagiarism.js';
import { problemCharts } from './charts.js';
import { packageImportView } from './packages.js';

const main = document.getElementById('main');
const flash = document.getElementById('flash');
let cleanups = [];

// ---- messages -------------------------------------------------------------------------------------------

/** A readable error: the server's detail, then one line per field error. */
export function errorBox(e, context) {
  const lines = (e && e.fieldErrors) || [];
  const message = e instanceof ApiError || (e && e.message) ? e.message : String(e);
  return h('div', { class: 'error', role: 'alert' },
    h('p', {}, context ? `${context}: ${message}` : message),
    lines.length ? h('ul', {}, lines.map((f) => h('li', {}, f.field ? `${f.field}: ${f.message}` : f.message))) : null);
}

let flashViews = 0;
/**
 * A page-wide message. It stays on the view shown next when {@code beforeNavigation} (a message about
 * what caused the navigation), and goes with the navigation after that.
 */
/** Marks the inputs a Problem Details answer names as invalid, with the message under each; null clears. */
export function markFields(e, inputs) {
  const byField = new Map();
  for (const f of (e && e.fieldErrors) || []) {
    if (!byField.has(f.field)) byField.set(f.field, []);
    byField.get(f.field).push(f.message);
  }
  for (const [name, input] of Object.entries(inputs)) {
    const box = document.getElementById(`${input.id}-error`);
    const messages = byField.get(name);
    if (messages) {
      input.setAttribute('aria-invalid', 'true');
      if (box) { box.textContent = messages.join('; '); box.hidden = false; }
    } else {
      input.removeAttribute('aria-invalid');
      if (box) { box.textContent = ''; box.hidden = true; }
    }
  }
}

export function showFlash(text, kind = 'ok', beforeNavigation = true) {
  flash.className = `flash ${kind}`;
  flash.textContent = text;
  flash.hidden = false;
  flashViews = beforeNavigation ? 1 : 0;
}

function ageFlash() {
  if (flashViews > 0) {
    flashViews -= 1;
  } else {
    flash.hidden = true;
    flash.textContent = '';
  }
}

// ---- header ---------------------------------------------------------------------------------------------

function renderHeader() {
  const s = session();
  document.getElementById('nav').hidden = !s;
  document.getElementById('who').hidden = !s;
  for (const el of document.querySelectorAll('[data-admin]')) el.hidden = !isAdmin();
  document.getElementById('who-name').textContent = s ? `${s.user.username}${isAdmin() ? ' (admin)' : ''}` : '';
  for (const a of document.querySelectorAll('#nav a')) {
    const current = location.hash.startsWith(a.getAttribute('href'));
    if (current) a.setAttribute('aria-current', 'page'); else a.removeAttribute('aria-current');
  }
}

document.getElementById('logout').addEventListener('click', () => {
  clearSession();
  showFlash('Logged out.');
  location.hash = '#/login';
});

setUnauthorizedHandler(() => {
  clearSession();
  showFlash('Your session has expired: log in again.', 'bad');
  location.hash = '#/login';
});

// ---- views ----------------------------------------------------------------------------------------------

function page(title, ...children) {
  document.title = `${title} · judge`;
  const heading = h('h1', { tabindex: -1 }, title);
  fill(main, heading, ...children);
  return heading;
}

function loginView() {
  const loginError = h('div', { class: 'form-error' });
  const user = h('input', { id: 'login-username', name: 'username', autocomplete: 'username', required: true });
  const pass = h('input', { id: 'login-password', name: 'password', type: 'password', autocomplete: 'current-password', required: true });
  const login = h('form', { id: 'login-form', class: 'card', novalidate: true },
    h('h2', {}, 'With your account'), loginError,
    field('Username', user).wrap, field('Password', pass).wrap,
    h('button', { type: 'submit', id: 'login-submit' }, 'Log in'));
  login.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(loginError);
    try {
      await logIn(user.value.trim(), pass.value);
    } catch (e) {
      fill(loginError, errorBox(e, 'Could not log in'));
    }
  });

  const regError = h('div', { class: 'form-error' });
  const rUser = h('input', { id: 'register-username', name: 'username', autocomplete: 'username', required: true });
  const rPass = h('input', { id: 'register-password', name: 'password', type: 'password', autocomplete: 'new-password', required: true });
  const register = h('form', { id: 'register-form', class: 'card', novalidate: true },
    h('h2', {}, 'New here? Create an account'), regError,
    field('Username', rUser).wrap, field('Password', rPass).wrap,
    h('button', { type: 'submit', id: 'register-submit', class: 'secondary' }, 'Create account'));
  register.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(regError);
    markFields(null, { username: rUser, password: rPass });
    try {
      await api('POST', '/api/v1/auth/register', { username: rUser.value.trim(), password: rPass.value });
      await logIn(rUser.value.trim(), rPass.value);
    } catch (e) {
      fill(regError, errorBox(e, 'Could not create the account'));
      markFields(e, { username: rUser, password: rPass });
    }
  });
  return page('Log in', h('p', { class: 'lead' }, 'Judge your code against a problem\'s tests, live.'),
    h('div', { class: 'two' }, login, register));
}

async function logIn(username, password) {
  const answer = await api('POST', '/api/v1/auth/login', { username, password });
  saveSession(answer);
  showFlash(`Logged in as ${answer.user.username}.`);
  location.hash = '#/problems';
}

async function problemsView() {
  const list = h('div', { class: 'loading' }, 'Loading problems…');
  const heading = page('Problems',
    isAdmin() ? h('p', {}, h('a', { class: 'button', href: '#/admin/problems/new', id: 'new-problem' }, 'New problem')) : null,
    list);
  try {
    const p = pageOf(await api('GET', '/api/v1/problems?size=100'));
    if (!p.items.length) {
      fill(list, h('p', {}, isAdmin() ? 'No problems yet: create one.' : 'No problems yet.'));
    } else {
      fill(list, h('ul', { class: 'problems', id: 'problem-list' }, p.items.map((pr) => h('li', { 'data-problem-id': pr.id },
        h('a', { href: `#/problems/${pr.id}`, class: 'problem-link' }, pr.title),
        h('span', { class: 'muted' }, ` · ${pr.limits ? `${pr.limits.cpuTime}, ${pr.limits.memory}` : ''} · ${pr.comparator}`),
        isAdmin() ? h('a', { href: `#/admin/problems/${pr.id}`, class: 'edit-link', 'aria-label': `Edit ${pr.title}` }, 'Edit') : null))));
    }
    list.className = '';
  } catch (e) {
    fill(list, errorBox(e, 'Could not load the problems'));
  }
  return heading;
}

const TEMPLATES = {
  c: '#include <stdio.h>\n\nint main(void) {\n    \n    return 0;\n}\n',
  cpp: '#include <bits/stdc++.h>\nusing namespace std;\n\nint main() {\n    \n    return 0;\n}\n',
  java: 'import java.util.*;\n\npublic class Main {\n    public static void main(String[] args) {\n        Scanner in = new Scanner(System.in);\n        \n    }\n}\n',
  python3: 'import sys\n\n',
  javascript: "const input = require('fs').readFileSync(0, 'utf8');\n\n",
  rust: 'use std::io::Read;\n\nfn main() {\n    let mut input = String::new();\n    std::io::stdin().read_to_string(&mut input).unwrap();\n    \n}\n',
};
const MODES = {
  c: 'text/x-csrc', cpp: 'text/x-c++src', java: 'text/x-java', python3: 'python', python: 'python',
  javascript: 'javascript', rust: 'rust', kotlin: 'text/x-kotlin', csharp: 'text/x-csharp',
};

function modeOf(languageId) {
  if (MODES[languageId]) return MODES[languageId];
  if (/^python/.test(languageId)) return 'python';
  if (/^(cpp|c\+\+)/.test(languageId)) return 'text/x-c++src';
  if (/^java/.test(languageId)) return 'text/x-java';
  return null;
}

const draftKey = (problemId, languageId) => `judge.draft.${problemId}.${languageId}`;

/** Moves the keyboard focus to the first control after {@code el} that can take it. */
function focusAfter(el) {
  const controls = main.querySelectorAll('a[href], button:not([disabled]), input:not([disabled]), select:not([disabled]), textarea:not([disabled]), [tabindex="0"]');
  for (const c of controls) {
    if (!el.contains(c) && (el.compareDocumentPosition(c) & Node.DOCUMENT_POSITION_FOLLOWING) && c.offsetParent !== null) {
      c.focus();
      return;
    }
  }
}

/** A code editor over a textarea: CodeMirror when loaded, else the textarea itself. */
function codeEditor(textarea, onSubmit) {
  if (!window.CodeMirror) {
    return { get: () => textarea.value, set: (v) => { textarea.value = v; }, mode: () => {}, focus: () => textarea.focus() };
  }
  const cm = window.CodeMirror.fromTextArea(textarea, {
    lineNumbers: true, indentUnit: 4, tabSize: 4, matchBrackets: true, viewportMargin: Infinity,
    screenReaderLabel: 'Source code',
    extraKeys: {
      // Tab indents inside the editor; Escape hands the keyboard back to the page.
      Tab: (c) => (c.somethingSelected() ? c.indentSelection('add') : c.replaceSelection(' '.repeat(c.getOption('indentUnit')))),
      'Shift-Tab': (c) => c.indentSelection('subtract'),
      Esc: (c) => focusAfter(c.getWrapperElement()),
      'Ctrl-Enter': () => onSubmit(),
      'Cmd-Enter': () => onSubmit(),
    },
  });
  return { get: () => cm.getValue(), set: (v) => cm.setValue(v), mode: (m) => cm.setOption('mode', m), focus: () => cm.focus(), cm };
}

/** A problem's statistics as charts, drawn when asked for (the chart library loads then). */
function statsSection(id) {
  const box = h('div', { id: 'problem-charts' });
  const button = h('button', { type: 'button', id: 'show-stats', class: 'secondary', onclick: async () => {
    button.disabled = true;
    try { await problemCharts(id, box); button.hidden = true; } catch (e) { fill(box, errorBox(e, 'No statistics')); button.disabled = false; }
  } }, 'Show statistics');
  return h('section', { class: 'card', 'aria-labelledby': 'stats-h' }, h('h2', { id: 'stats-h' }, 'Statistics'), button, box);
}

async function problemView(id) {
  const statement = h('div', { class: 'statement loading' }, 'Loading the problem…');
  const limits = h('dl', { class: 'limits' });
  const langSelect = h('select', { id: 'language', name: 'languageId' });
  const langError = h('div', { class: 'form-error', id: 'language-error' });
  const textarea = h('textarea', { id: 'source', name: 'source', rows: 16, spellcheck: 'false' });
  const submitButton = h('button', { type: 'submit', id: 'submit' }, 'Submit');
  const submitError = h('div', { class: 'form-error', id: 'submit-error' });
  const result = h('div', { id: 'result' });
  const history = h('div', { id: 'history' });
  const form = h('form', { id: 'submit-form', class: 'card', novalidate: true },
    h('h2', {}, 'Your solution'),
    field('Language', langSelect).wrap, langError,
    h('div', { class: 'field' },
      h('label', { for: 'source', id: 'source-label' }, 'Source code'),
      textarea,
      h('p', { class: 'hint', id: 'source-hint' }, 'Tab indents; Escape leaves the editor; Ctrl+Enter submits.')),
    submitError,
    h('div', { class: 'actions' }, submitButton));
  textarea.setAttribute('aria-describedby', 'source-hint');

  // Run with custom input
  const stdin = h('textarea', { id: 'stdin', name: 'stdin', rows: 4, spellcheck: 'false' });
  const runButton = h('button', { type: 'submit', id: 'run', class: 'secondary' }, 'Run');
  const runOut = h('div', { id: 'run-result', 'aria-live': 'polite' });
  const runForm = h('form', { id: 'run-form', class: 'card', novalidate: true },
    h('h2', {}, 'Run with custom input'),
    field('Input (stdin)', stdin).wrap,
    h('div', { class: 'actions' }, runButton), runOut);

  const heading = page(`Problem ${id}`,
    h('div', { class: 'problem-layout' },
      h('article', { class: 'card problem', 'aria-label': 'Statement' }, statement, limits),
      h('div', { class: 'work' }, form, result, runForm)),
    h('section', { class: 'card', 'aria-labelledby': 'history-h' }, h('h2', { id: 'history-h' }, 'Your submissions'), history),
    statsSection(id));

  const editor = codeEditor(textarea, () => form.requestSubmit());
  let problem = null;
  let language = null;

  function switchLanguage(next) {
    if (language) localStorage.setItem(draftKey(id, language), editor.get());
    language = next;
    localStorage.setItem('judge.language', next);
    editor.mode(modeOf(next));
    editor.set(localStorage.getItem(draftKey(id, next)) ?? TEMPLATES[next] ?? '');
  }
  langSelect.addEventListener('change', () => switchLanguage(langSelect.value));
  const saveDraft = () => { if (language) localStorage.setItem(draftKey(id, language), editor.get()); };
  cleanups.push(saveDraft);

  // the problem
  try {
    problem = await api('GET', `/api/v1/problems/${id}`);
    heading.textContent = problem.title;
    document.title = `${problem.title} · judge`;
    fill(statement, markdown(problem.statement));
    statement.classList.remove('loading');
    const l = problem.limits || {};
    fill(limits,
      h('dt', {}, 'CPU time'), h('dd', {}, l.cpuTime || '—'),
      h('dt', {}, 'Wall time'), h('dd', {}, l.wallTime || '—'),
      h('dt', {}, 'Memory'), h('dd', {}, l.memory || '—'),
      h('dt', {}, 'Output check'), h('dd', {}, (problem.comparator && problem.comparator.type) || 'lines'),
      h('dt', {}, 'Tests'), h('dd', {}, `${problem.testCount} (${problem.publicTestCount} public)`),
      problem.difficulty ? [h('dt', {}, 'Difficulty'), h('dd', { id: 'problem-difficulty-shown' }, problem.difficulty.toLowerCase())] : null,
      problem.author ? [h('dt', {}, 'Author'), h('dd', {}, problem.author)] : null);
  } catch (e) {
    fill(statement, errorBox(e, 'Could not load the problem'));
    statement.classList.remove('loading');
  }

  // the languages
  try {
    const languages = await api('GET', '/api/v1/languages');
    fill(langSelect, languages.map((lang) => h('option', {
      value: lang.id, disabled: !lang.available, 'data-available': String(!!lang.available),
    }, `${lang.name}${lang.version ? ` ${lang.version}` : ''}${lang.available ? '' : ` — unavailable${lang.reason ? `: ${lang.reason}` : ''}`}`)));
    const usable = languages.filter((l) => l.available).map((l) => l.id);
    const remembered = localStorage.getItem('judge.language');
    const first = usable.includes(remembered) ? remembered : usable[0];
    if (first) {
      langSelect.value = first;
      switchLanguage(first);
    } else {
      fill(langError, errorBox(new Error('No language is available on this server right now.')));
      submitButton.disabled = true;
      runButton.disabled = true;
    }
  } catch (e) {
    fill(langError, errorBox(e, 'Could not load the languages'));
    submitButton.disabled = true;
    runButton.disabled = true;
  }

  let stopWatching = null;
  cleanups.push(() => stopWatching && stopWatching());

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(submitError);
    if (submitButton.disabled) return;
    saveDraft();
    submitButton.disabled = true;
    try {
      const accepted = await api('POST', '/api/v1/submissions', { problemId: Number(id), languageId: langSelect.value, source: editor.get() });
      if (stopWatching) stopWatching();
      stopWatching = watchSubmission(accepted.id, result, { onFinished: () => loadHistory() });
      loadHistory();
    } catch (e) {
      fill(submitError, errorBox(e, 'Could not submit'));
    } finally {
      submitButton.disabled = false;
    }
  });

  runForm.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    if (runButton.disabled) return;
    runButton.disabled = true;
    fill(runOut, h('p', { class: 'muted' }, 'Running…'));
    try {
      const r = await api('POST', '/api/v1/runs', { languageId: langSelect.value, source: editor.get(), stdin: stdin.value });
      fill(runOut,
        h('p', { class: 'summary' }, verdictBadge(r.verdict), ` exit ${r.exitCode ?? '—'}${r.signal ? ` (signal ${r.signal})` : ''}`,
          ` · CPU ${formatMillis(r.cpuTimeMillis)} · wall ${formatMillis(r.wallTimeMillis)} · memory ${formatKiB(r.memoryKiB)}`),
        r.message ? h('p', { class: 'muted' }, r.message) : null,
        r.compileOutput ? [h('h3', {}, 'Compiler output'), h('pre', { class: 'compile-output', tabindex: 0 }, r.compileOutput)] : null,
        r.outputTruncated ? h('p', { class: 'muted' }, 'The output was cut at the output limit.') : null,
        h('h3', {}, 'Output (stdout)'), h('pre', { id: 'run-stdout', tabindex: 0 }, r.stdout || ''),
        h('h3', {}, 'Errors (stderr)'), h('pre', { id: 'run-stderr', tabindex: 0 }, r.stderr || ''));
    } catch (e) {
      fill(runOut, errorBox(e, 'Could not run'));
    } finally {
      runButton.disabled = false;
    }
  });

  async function loadHistory() {
    const s = session();
    try {
      // Accounts other than administrators see only their own submissions; administrators filter by name.
      const q = new URLSearchParams({ problemId: id, size: 20 });
      if (isAdmin()) q.set('username', s.user.username);
      const p = pageOf(await api('GET', `/api/v1/submissions?${q}`));
      fill(history, submissionsTable(p.items, 'history-table'));
    } catch (e) {
      fill(history, errorBox(e, 'Could not load your submissions'));
    }
  }
  loadHistory();
  return heading;
}

function submissionsTable(items, id) {
  if (!items.length) return h('p', { class: 'muted' }, 'No submissions yet.');
  return h('div', { class: 'table-wrap' }, h('table', { class: 'list', id },
    h('thead', {}, h('tr', {},
      ['#', 'Problem', 'Language', 'User', 'Verdict', 'Score', 'Submitted'].map((c) => h('th', { scope: 'col' }, c)))),
    h('tbody', {}, items.map((s) => h('tr', { 'data-submission-id': s.id, 'data-verdict': s.verdict || '' },
      h('td', {}, h('a', { href: `#/submissions/${encodeURIComponent(s.id)}`, title: String(s.id) }, shortId(s.id))),
      h('td', {}, h('a', { href: `#/problems/${s.problemId}` }, String(s.problemId))),
      h('td', {}, s.languageId),
      h('td', {}, s.username),
      h('td', {}, verdictBadge(s.verdict, s.status)),
      h('td', { class: 'num' }, s.maxScore ? `${formatScore(s.score)} / ${formatScore(s.maxScore)}` : '—'),
      h('td', {}, formatTime(s.createdAt)))))));
}

function submissionView(id) {
  const box = h('div', {});
  const heading = page(`Submission ${shortId(id)}`, box);
  const stop = watchSubmission(id, box);
  cleanups.push(stop);
  return heading;
}

async function submissionsView(params) {
  const admin = isAdmin();
  const q = new URLSearchParams(params);
  const problemId = h('input', { id: 'filter-problem', name: 'problemId', type: 'number', min: 1, value: q.get('problemId') || '' });
  const languageId = h('input', { id: 'filter-language', name: 'languageId', value: q.get('languageId') || '' });
  const verdict = h('select', { id: 'filter-verdict', name: 'verdict' },
    h('option', { value: '' }, 'any'),
    Object.entries(VERDICTS).map(([k, v]) => h('option', { value: k }, `${k} · ${v}`)));
  verdict.value = q.get('verdict') || '';
  const username = h('input', { id: 'filter-username', name: 'username', value: q.get('username') || '' });
  const filters = h('form', { id: 'filters', class: 'card filters' },
    field('Problem id', problemId).wrap, field('Language', languageId).wrap, field('Verdict', verdict).wrap,
    admin ? field('User', username).wrap : null,
    h('div', { class: 'actions' }, h('button', { type: 'submit', id: 'filter-apply' }, 'Filter')));
  const filterInputs = admin ? [problemId, languageId, verdict, username] : [problemId, languageId, verdict];
  const list = h('div', { id: 'submissions' }, 'Loading…');
  const heading = page(admin ? 'All submissions' : 'Your submissions', filters, list);
  filters.addEventListener('submit', (ev) => {
    ev.preventDefault();
    const next = new URLSearchParams();
    for (const el of filterInputs) if (el.value.trim()) next.set(el.name, el.value.trim());
    location.hash = `#/submissions?${next}`;
  });
  const query = new URLSearchParams();
  for (const el of filterInputs) if (el.value.trim()) query.set(el.name, el.value.trim());
  const pageNo = Number(q.get('page') || 0);
  query.set('page', pageNo);
  query.set('size', 20);
  try {
    const p = pageOf(await api('GET', `/api/v1/submissions?${query}`));
    const pages = Math.max(1, Math.ceil(p.total / (p.size || 20)));
    const link = (n, text) => { const nq = new URLSearchParams(query); nq.set('page', n); nq.delete('size'); return h('a', { href: `#/submissions?${nq}`, class: 'button secondary' }, text); };
    fill(list, submissionsTable(p.items, 'submissions-table'),
      h('nav', { class: 'pager', 'aria-label': 'Pages' },
        pageNo > 0 ? link(pageNo - 1, 'Previous') : null,
        h('span', {}, ` page ${pageNo + 1} of ${pages} (${p.total} submissions) `),
        pageNo + 1 < pages ? link(pageNo + 1, 'Next') : null));
  } catch (e) {
    fill(list, errorBox(e, 'Could not load the submissions'));
  }
  return heading;
}

// ---- routing --------------------------------------------------------------------------------------------

async function route() {
  for (const c of cleanups) { try { c(); } catch (e) { /* the old view is gone anyway */ } }
  cleanups = [];
  const hash = location.hash.replace(/^#/, '') || '/';
  const [path, query] = hash.split('?');
  const parts = path.split('/').filter(Boolean);
  renderHeader();
  ageFlash();
  if (!session() && parts[0] !== 'login') {
    location.replace('#/login');
    return;
  }
  let heading;
  try {
    if (parts[0] === 'login') {
      heading = session() ? (location.replace('#/problems'), null) : loginView();
    } else if (parts[0] === 'problems' && parts[1]) {
      heading = await problemView(parts[1]);
    } else if (parts[0] === 'problems') {
      heading = await problemsView();
    } else if (parts[0] === 'submissions' && parts[1]) {
      heading = submissionView(parts[1]);
    } else if (parts[0] === 'submissions') {
      heading = await submissionsView(query || '');
    } else if (parts[0] === 'contests' && parts[1]) {
      heading = await contestView(parts[1], { page, errorBox, showFlash, cleanups });
    } else if (parts[0] === 'plagiarism' && parts[1] && isAdmin()) {
      heading = await plagiarismView(parts[1], { page, errorBox, cleanups });
    } else if (parts[0] === 'contests') {
      heading = await contestsView({ page });
    } else if (parts[0] === 'admin' && parts[1] === 'import' && isAdmin()) {
      heading = packageImportView({ page, errorBox, showFlash });
    } else if (parts[0] === 'admin' && parts[1] === 'problems') {
      heading = await problemEditor({ id: parts[2] === 'new' ? null : parts[2], page, errorBox, showFlash, cleanups });
    } else {
      location.replace('#/problems');
      return;
    }
  } catch (e) {
    heading = page('Something went wrong', errorBox(e));
  }
  // The keyboard starts on the new view's heading, unless the person has already moved on.
  if (heading && (document.activeElement === document.body || !document.activeElement.isConnected)) heading.focus();
}

window.addEventListener('hashchange', route);
route();
