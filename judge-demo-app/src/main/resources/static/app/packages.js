// Administrators: import a problem package (Kattis, DOMjudge, Polygon, DMOJ), read the import report and the
// verification table (each example submission's expected against obtained verdict), verify again, export.
import { api, session } from './api.js';
import { h, fill, field } from './dom.js';

const STATUS_CLASS = { IMPORTED: '', IGNORED: 'muted', UNSUPPORTED: 'unsupported', NOTE: '' };
const OUTCOME_TEXT = {
  PASSED: 'as expected', PASSED_WITH_EXTRA_TIME: 'as expected only with extra time', FAILED: 'NOT as expected',
  NOT_RUN: 'not run',
};

/** The import page. Returns the view's heading. */
export function packageImportView({ page, errorBox, showFlash }) {
  const file = h('input', { id: 'package-file', type: 'file', accept: '.zip,application/zip', required: true });
  const importError = h('div', { class: 'form-error', id: 'package-error' });
  const submit = h('button', { type: 'submit', id: 'package-import' }, 'Import package');
  const busy = h('p', { class: 'muted', id: 'package-busy', hidden: true, 'aria-live': 'polite' },
    'Importing: the input validators and the example submissions run in the sandbox…');
  const result = h('div', { id: 'package-result' });
  const form = h('form', { id: 'package-form', class: 'card', novalidate: true },
    h('p', { class: 'hint' }, 'A zipped Kattis (legacy or 2023-07), DOMjudge, Polygon or DMOJ package. Its input '
      + 'validators run over every input, its example submissions are judged against what they expect, and a '
      + 'missing time limit is derived from the accepted ones.'),
    field('Package (.zip)', file).wrap, importError, busy, h('div', { class: 'actions' }, submit));
  const heading = page('Import a problem package', form, result);

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(importError);
    if (!file.files.length) {
      fill(importError, errorBox(new Error('Choose a .zip file first.')));
      file.focus();
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    submit.disabled = true;
    busy.hidden = false;
    try {
      const r = await api('POST', '/api/v1/problems/import', data);
      showFlash(`Imported problem #${r.problemId} (${r.format}).`, r.acceptedFailed ? 'bad' : 'ok', false);
      renderResult(result, r, errorBox);
      form.reset();
    } catch (e) {
      fill(importError, errorBox(e, 'The package was not imported'));
    } finally {
      submit.disabled = false;
      busy.hidden = true;
    }
  });
  return heading;
}

function renderResult(box, r, errorBox) {
  const table = h('div', { id: 'verification-box' });
  const verifyError = h('div', { class: 'form-error', id: 'verify-error' });
  const verify = h('button', { type: 'button', class: 'secondary', id: 'verify-again' }, 'Verify again');
  const exportLink = h('button', { type: 'button', class: 'secondary', id: 'export-package' }, 'Export as Kattis package');
  verify.addEventListener('click', async () => {
    fill(verifyError);
    verify.disabled = true;
    try {
      const v = await api('POST', `/api/v1/problems/${r.problemId}/verify`);
      fill(table, verificationTable(v.submissions, v.acceptedFailed));
    } catch (e) {
      fill(verifyError, errorBox(e, 'Could not verify'));
    } finally {
      verify.disabled = false;
    }
  });
  exportLink.addEventListener('click', () => download(r.problemId).catch((e) => fill(verifyError, errorBox(e, 'Could not export'))));
  fill(table, verificationTable(r.verification, r.acceptedFailed));
  fill(box,
    h('section', { class: 'card', 'aria-labelledby': 'verification-h' },
      h('h2', { id: 'verification-h' }, 'Verification'),
      h('p', { id: 'package-summary' }, `Problem `, h('a', { href: `#/problems/${r.problemId}`, id: 'imported-problem' }, `#${r.problemId}`),
        `, ${r.format}, time limit ${r.timeLimitMs} ms${r.timeLimitDerived ? ' (derived from the accepted submissions)' : ''}.`),
      table, verifyError, h('div', { class: 'actions' }, verify, exportLink)),
    h('section', { class: 'card', 'aria-labelledby': 'report-h' },
      h('h2', { id: 'report-h' }, 'Import report'),
      h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'report-table' },
        h('thead', {}, h('tr', {}, ['Status', 'File', 'Key', 'Message'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, r.report.map((l) => h('tr', { class: STATUS_CLASS[l.status] || '' },
          h('td', {}, l.status), h('td', {}, l.file), h('td', {}, l.key), h('td', {}, l.message))))))));
}

function verificationTable(rows, acceptedFailed) {
  if (!rows.length) return h('p', { class: 'muted', id: 'verification-empty' }, 'The package has no example submissions.');
  return h('div', {},
    acceptedFailed ? h('p', { class: 'error', id: 'verification-flag', role: 'alert' },
      'Flagged: a submission expected to be accepted was not.') : null,
    h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'verification-table' },
      h('thead', {}, h('tr', {}, ['Submission', 'Language', 'Expected', 'Obtained', 'Slowest', 'Outcome']
        .map((c) => h('th', { scope: 'col' }, c)))),
      h('tbody', {}, rows.map((s) => h('tr', { 'data-outcome': s.outcome },
        h('td', {}, s.path), h('td', {}, s.languageId), h('td', {}, s.expected.join(' or ')),
        h('td', {}, s.obtained || '—'), h('td', { class: 'num' }, `${s.slowestMs} ms`),
        h('td', { title: s.message || '' }, OUTCOME_TEXT[s.outcome] || s.outcome)))))));
}

async function download(id) {
  const s = session();
  const response = await fetch(`/api/v1/problems/${id}/export`, { headers: s ? { Authorization: `Bearer ${s.accessToken}` } : {} });
  if (!response.ok) {
    let detail = `${response.status}`;
    try { detail = (await response.json()).detail || detail; } catch (e) { /* not JSON */ }
    throw new Error(detail);
  }
  const url = URL.createObjectURL(await response.blob());
  const a = h('a', { href: url, download: `problem-${id}.zip` });
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10000);
}
