// Plagiarism reports (administrators): the ranked pairs, and a pair's two sources side by side with the
// matching passages marked in the same colour on both sides.
import { api } from './api.js';
import { h, fill } from './dom.js';

const COLOURS = 6;

function percent(x) {
  return `${Math.round(x * 100)}%`;
}

/** The source with each line in a row; lines of region i get class 'match-(i mod COLOURS)'. */
function sourcePane(title, source, regions, side) {
  const marks = new Map();
  regions.forEach((r, i) => {
    const [from, to] = side === 'a' ? [r.aFrom, r.aTo] : [r.bFrom, r.bTo];
    for (let line = from; line <= to; line++) if (!marks.has(line)) marks.set(line, i % COLOURS);
  });
  const rows = (source || '').split('\n').map((text, i) => h('div', {
    class: marks.has(i + 1) ? `line match-${marks.get(i + 1)}` : 'line',
    dataset: { line: String(i + 1) },
  }, h('span', { class: 'no' }, String(i + 1)), h('code', {}, text)));
  return h('section', { class: 'pane' }, h('h3', {}, title), h('div', { class: 'source' }, rows));
}

function sourceOf(submission) {
  if (submission.source) return submission.source;
  return (submission.sources || []).map((f) => f.content).join('\n');
}

export async function plagiarismView(id, { page, errorBox, cleanups }) {
  const status = h('p', { id: 'report-status' });
  const list = h('div', { id: 'pairs' });
  const detail = h('div', { id: 'pair-detail' });
  const heading = page(`Plagiarism report ${id}`, status, list, detail);
  let timer = null;
  cleanups.push(() => clearTimeout(timer));

  async function showPair(pair) {
    try {
      const [a, b] = await Promise.all([
        api('GET', `/api/v1/submissions/${encodeURIComponent(pair.a.submissionId)}`),
        api('GET', `/api/v1/submissions/${encodeURIComponent(pair.b.submissionId)}`)]);
      fill(detail, h('div', { class: 'side-by-side' },
        sourcePane(`${pair.a.username} · ${pair.a.languageId} · ${percent(pair.aShare)} matched`, sourceOf(a), pair.regions, 'a'),
        sourcePane(`${pair.b.username} · ${pair.b.languageId} · ${percent(pair.bShare)} matched`, sourceOf(b), pair.regions, 'b')));
    } catch (e) {
      fill(detail, errorBox(e, 'Cannot show the pair'));
    }
  }

  async function load() {
    let report;
    try {
      report = await api('GET', `/api/v1/plagiarism/${encodeURIComponent(id)}`);
    } catch (e) {
      fill(status, errorBox(e));
      return;
    }
    if (report.status === 'RUNNING') {
      fill(status, `Comparing the submissions of ${report.scope}…`);
      timer = setTimeout(load, 1000);
      return;
    }
    if (report.status === 'FAILED') {
      fill(status, `The comparison failed: ${report.message}`);
      return;
    }
    fill(status, `${report.scope}: ${report.documents} submissions compared, ${report.pairs.length} similar pairs.`);
    if (report.pairs.length === 0) {
      fill(list, h('p', {}, 'No pair of submissions is similar.'));
      return;
    }
    fill(list, h('table', { class: 'list', id: 'pair-table' },
      h('thead', {}, h('tr', {}, h('th', {}, 'Similarity'), h('th', {}, 'First'), h('th', {}, 'Second'),
        h('th', {}, 'Shared fingerprints'), h('th', {}, ''))),
      h('tbody', {}, report.pairs.map((p, i) => h('tr', { dataset: { pair: String(i) } },
        h('td', {}, percent(p.similarity)),
        h('td', {}, p.a.username),
        h('td', {}, p.b.username),
        h('td', {}, String(p.shared)),
        h('td', {}, h('button', { type: 'button', class: 'secondary compare', onclick: () => showPair(p) }, 'Compare')))))));
  }

  await load();
  return heading;
}
