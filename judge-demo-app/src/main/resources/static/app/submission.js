// One submission, live: test rows appear as the server judges them (Server-Sent Events), each green or red
// with its time and memory; compiler output in full; once finished, each scoring group's verdict and score.
// Falls back to polling when the event stream fails.
import { api, submissionEvents } from './api.js';
import { h, fill, formatMillis, formatKiB, formatTime } from './dom.js';

export const VERDICTS = {
  AC: 'Accepted', WA: 'Wrong answer', TLE: 'Time limit exceeded', MLE: 'Memory limit exceeded',
  OLE: 'Output limit exceeded', RE: 'Runtime error', CE: 'Compilation error', IE: 'Internal error',
  PE: 'Presentation error', SK: 'Skipped',
};
const STATUSES = { QUEUED: 'Queued', COMPILING: 'Compiling', RUNNING: 'Running', FINISHED: 'Finished' };

/**
 * A submission id as people read it. Ids are time-ordered UUIDs whose first 12 hex digits are the millisecond
 * they were made, so submissions of one minute share their first characters: the last 8 hex digits (random)
 * tell them apart. Short ids are shown whole.
 */
export function shortId(id) {
  const s = String(id);
  return s.length > 12 ? s.replaceAll('-', '').slice(-8) : `#${s}`;
}

/** A score without trailing zeros: 100, 37.5. */
export function formatScore(x) {
  return x === null || x === undefined ? '0' : String(Math.round(Number(x) * 100) / 100);
}

function tone(verdict) {
  if (!verdict) return 'pending';
  if (verdict === 'AC') return 'ok';
  if (verdict === 'SK') return 'skip';
  return 'bad';
}

/** A verdict badge: colour and text, so that the colour is never the only sign. */
export function verdictBadge(verdict, status, short = false) {
  if (short && verdict) {
    return h('span', { class: `badge ${tone(verdict)}`, 'data-verdict': verdict },
      h('abbr', { title: VERDICTS[verdict] || verdict }, verdict));
  }
  const text = verdict ? `${verdict} · ${VERDICTS[verdict] || verdict}` : (STATUSES[status] || status || '—');
  return h('span', { class: `badge ${tone(verdict)}`, 'data-verdict': verdict || '' }, text);
}

/**
 * Shows submission {@code id} in {@code container} and follows it until it finishes.
 * Returns a function that stops following (to call when the page changes).
 */
export function watchSubmission(id, container, { onFinished } = {}) {
  const rows = new Map();
  let finished = false;
  let events = null;
  let pollTimer = null;
  let stopped = false;

  const badge = h('span', { class: 'verdict-slot' }, verdictBadge(null, 'QUEUED'));
  const score = h('span', { class: 'score' });
  const progress = h('progress', { max: 1, value: 0, 'aria-label': 'Tests judged' });
  const progressText = h('span', { class: 'progress-text' });
  const error = h('p', { class: 'error', role: 'alert', hidden: true });
  const compile = h('pre', { class: 'compile-output', tabindex: 0, 'aria-label': 'Compiler output' });
  const compileBox = h('div', { class: 'compile', hidden: true }, h('h3', {}, 'Compiler output'), compile);
  const tbody = h('tbody', {});
  const meta = h('p', { class: 'meta' });
  const phases = h('p', { class: 'meta phases', hidden: true });
  const table = h('table', { class: 'tests', id: `tests-${id}` },
    h('caption', {}, 'Tests'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Test'), h('th', { scope: 'col' }, 'Verdict'),
      h('th', { scope: 'col' }, 'CPU time'), h('th', { scope: 'col' }, 'Wall time'),
      h('th', { scope: 'col' }, 'Memory'), h('th', { scope: 'col' }, 'Exit'),
      h('th', { scope: 'col' }, 'Checker'))),
    tbody);
  const groupBody = h('tbody', {});
  const groupTable = h('table', { class: 'tests groups', id: `groups-${id}`, hidden: true },
    h('caption', {}, 'Scoring groups'),
    h('thead', {}, h('tr', {},
      h('th', { scope: 'col' }, 'Group'), h('th', { scope: 'col' }, 'Verdict'), h('th', { scope: 'col' }, 'Score'))),
    groupBody);

  fill(container,
    h('section', { class: 'submission', 'data-submission-id': id, 'aria-labelledby': `sub-h-${id}` },
      h('h2', { id: `sub-h-${id}` }, h('a', { href: `#/submissions/${encodeURIComponent(id)}` }, `Submission ${shortId(id)}`)),
      h('p', { class: 'summary', 'aria-live': 'polite' }, badge, ' ', score, ' ', progress, ' ', progressText),
      meta, phases, error, compileBox,
      h('div', { class: 'table-wrap' }, groupTable),
      h('div', { class: 'table-wrap' }, table)));

  function setStatus(status, verdict) {
    fill(badge, verdictBadge(verdict, status));
    badge.dataset.status = status || '';
  }

  function updateProgress(total) {
    if (total > 0) {
      progress.max = total;
      progress.value = rows.size;
      progressText.textContent = `${rows.size} of ${total} tests`;
    } else {
      progressText.textContent = rows.size ? `${rows.size} tests` : '';
    }
  }

  function putTest(result, index) {
    const position = result.index ?? index;
    const key = result.testId !== undefined && result.testId !== null ? String(result.testId) : `#${position}`;
    const signal = result.signal ? ` (signal ${result.signal})` : '';
    const row = h('tr', { class: `test ${tone(result.verdict)}`, 'data-test-id': key, 'data-verdict': result.verdict || '' },
      h('th', { scope: 'row' }, key, result.hidden ? h('span', { class: 'muted' }, ' (hidden)') : null),
      h('td', {}, verdictBadge(result.verdict, null, true)),
      h('td', { class: 'num' }, formatMillis(result.cpuTimeMillis)),
      h('td', { class: 'num' }, formatMillis(result.wallTimeMillis)),
      h('td', { class: 'num' }, formatKiB(result.memoryKiB)),
      h('td', { class: 'num' }, result.exitCode === null || result.exitCode === undefined ? '—' : `${result.exitCode}${signal}`),
      h('td', { class: 'checker' }, result.checkerMessage || result.detail || ''));
    const old = rows.get(key);
    if (old) {
      old.replaceWith(row);
    } else {
      tbody.appendChild(row);
    }
    rows.set(key, row);
  }

  // Where the judge's time went (finished submissions judged by a build that measures it).
  function putPhases(p) {
    if (!p) return;
    const ms = (v) => `${v.toFixed(1)} ms`;
    const runs = p.runMillis || [];
    const slowest = runs.length ? Math.max(...runs) : 0;
    phases.textContent = [`judged in ${ms(p.totalMillis)}`, `queued ${ms(p.queuedMillis)}`,
      `compile ${ms(p.compileMillis)}`, `${runs.length} runs, slowest ${ms(slowest)}`,
      `checks ${ms(p.checksMillis)}`, `store writes ${ms(p.storeWritesMillis)}`].join(' · ');
    phases.hidden = false;
  }

  function putGroups(groups) {
    if (!groups || !groups.length) return;
    fill(groupBody, groups.map((g) => h('tr', { class: `group ${tone(g.verdict)}`, 'data-group': g.name, 'data-verdict': g.verdict || '' },
      h('th', { scope: 'row' }, g.name),
      h('td', {}, verdictBadge(g.verdict, null, true)),
      h('td', { class: 'num group-score' }, `${formatScore(g.score)} / ${formatScore(g.maxScore)}`))));
    groupTable.hidden = false;
  }

  function render(sub) {
    setStatus(sub.status, sub.status === 'FINISHED' ? sub.verdict : null);
    score.textContent = sub.maxScore ? `score ${formatScore(sub.score)} / ${formatScore(sub.maxScore)}` : '';
    meta.textContent = [`problem ${sub.problemId}`, sub.languageId, sub.username,
      `submitted ${formatTime(sub.createdAt)}`, sub.finishedAt ? `finished ${formatTime(sub.finishedAt)}` : null,
      sub.traceId ? `trace ${sub.traceId}` : null]
      .filter(Boolean).join(' · ');
    if (sub.compileOutput) {
      compile.textContent = sub.compileOutput;
      compileBox.hidden = false;
    }
    putPhases(sub.phases);
    (sub.tests || []).forEach((t, i) => putTest(t, i + 1));
    putGroups(sub.groups);
    updateProgress(sub.status === 'FINISHED' ? rows.size : null);
    if (sub.status === 'FINISHED' && !finished) {
      finished = true;
      container.querySelector('.submission').dataset.finished = 'true';
      stop();
      if (onFinished) onFinished(sub);
    }
  }

  function showError(e) {
    error.textContent = `Could not follow submission #${id}: ${e.message}`;
    error.hidden = false;
  }

  function poll() {
    if (stopped || finished) return;
    api('GET', `/api/v1/submissions/${id}`)
      .then((sub) => {
        render(sub);
        if (!finished && !stopped) pollTimer = setTimeout(poll, 1000);
      })
      .catch(showError);
  }

  function stop() {
    stopped = true;
    if (events) events.close();
    if (pollTimer) clearTimeout(pollTimer);
  }

  try {
    events = submissionEvents(id);
    events.addEventListener('status', (e) => {
      const d = JSON.parse(e.data);
      if (!finished) setStatus(d.status, null);
    });
    events.addEventListener('test', (e) => {
      const d = JSON.parse(e.data);
      if (d.result) putTest(d.result, d.index);
      updateProgress(d.total);
    });
    events.addEventListener('finished', (e) => {
      const sub = JSON.parse(e.data);
      render(sub);
      // The stream ends after this event; should the copy it carried not be final yet, ask until it is.
      if (!finished && !stopped && !pollTimer) pollTimer = setTimeout(poll, 500);
    });
    events.onerror = () => {
      // The stream broke or ended (or the server lacks it): carry on by asking for the submission every second.
      if (finished || stopped) return;
      if (events) events.close();
      events = null;
      if (!pollTimer) poll();
    };
  } catch (e) {
    poll();
  }
  // What happened before the stream opened.
  api('GET', `/api/v1/submissions/${id}`).then((sub) => { if (!stopped) render(sub); }).catch(showError);
  return stop;
}
