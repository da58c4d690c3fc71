// Contests: the list, one contest with registration, and its scoreboard, kept live by the server's event stream.
import { api, isAdmin, scoreboardEvents, stompScoreboard } from './api.js';
import { h, fill, formatTime } from './dom.js';
import { contestSolvesChart } from './charts.js';

function when(c) {
  return `${formatTime(c.startsAt)} – ${formatTime(c.endsAt)}`;
}

function state(c) {
  const now = Date.now();
  if (now < Date.parse(c.startsAt)) return 'upcoming';
  if (now >= Date.parse(c.endsAt)) return 'ended';
  return 'running';
}

export async function contestsView({ page }) {
  const contests = await api('GET', '/api/v1/contests');
  const rows = contests.map((c) => h('tr', {},
    h('td', {}, h('a', { href: `#/contests/${c.id}` }, c.title)),
    h('td', {}, c.scoring),
    h('td', {}, when(c)),
    h('td', {}, state(c)),
    h('td', {}, String(c.accounts))));
  return page('Contests',
    contests.length === 0 ? h('p', {}, 'No contests yet.')
      : h('table', { class: 'list', id: 'contests' },
        h('thead', {}, h('tr', {}, h('th', {}, 'Contest'), h('th', {}, 'Scoring'), h('th', {}, 'When'),
          h('th', {}, 'State'), h('th', {}, 'Accounts'))),
        h('tbody', {}, rows)));
}

/** One cell of the board: ICPC shows the solve minute and tries, IOI the score; '?' counts pending ones. */
function cellText(board, c) {
  const pending = c.pending ? ` ?${c.pending}` : '';
  if (board.scoring === 'IOI') return `${formatPoints(c.score)}${pending}`;
  if (c.solved) return `${c.minute}${c.tries ? ` (+${c.tries})` : ''}${pending}`;
  return `${c.tries ? `−${c.tries}` : ''}${pending}`;
}

function formatPoints(x) {
  return Number.isInteger(x) ? String(x) : x.toFixed(2);
}

function boardTable(board) {
  const icpc = board.scoring === 'ICPC';
  const head = h('tr', {}, h('th', {}, '#'), h('th', {}, 'Account'),
    icpc ? [h('th', {}, 'Solved'), h('th', {}, 'Penalty')] : h('th', {}, 'Score'),
    board.problems.map((p) => h('th', { title: p.title }, p.label)));
  const body = board.rows.map((r) => h('tr', {},
    h('td', {}, String(r.rank)),
    h('td', {}, r.username),
    icpc ? [h('td', {}, String(r.solved)), h('td', {}, String(r.penalty))] : h('td', {}, formatPoints(r.score)),
    r.cells.map((c) => h('td', {
      class: ['cell', c.solved ? 'solved' : '', c.firstToSolve ? 'first' : '', c.pending ? 'pending' : '',
        !c.solved && c.tries ? 'rejected' : ''].filter(Boolean).join(' '),
      title: c.firstToSolve ? 'first to solve' : null,
    }, cellText(board, c)))));
  return h('table', { class: 'list scoreboard', id: 'scoreboard' }, h('thead', {}, head), h('tbody', {}, body));
}

export async function contestView(id, { page, errorBox, showFlash, cleanups }) {
  let contest = await api('GET', `/api/v1/contests/${encodeURIComponent(id)}`);
  const info = h('p', { id: 'contest-info' });
  const actions = h('p', { class: 'actions' });
  const boardBox = h('div', { id: 'scoreboard-box', 'aria-live': 'polite' });
  const frozenNote = h('p', { id: 'frozen-note', class: 'muted' });
  const solvesBox = h('div', { id: 'solves-chart' });
  let jury = false;
  let events = null;
  let stomp = null;

  function describe() {
    fill(info, `${contest.scoring} · ${when(contest)} · ${state(contest)} · ${contest.accounts} accounts`,
      contest.freezeAt ? ` · freezes ${formatTime(contest.freezeAt)}${contest.unfrozen ? ' (lifted)' : ''}` : '');
    const buttons = [];
    if (!contest.registered && state(contest) !== 'ended') {
      buttons.push(h('button', { type: 'button', id: 'register', onclick: async () => {
        try {
          contest = await api('POST', `/api/v1/contests/${contest.id}/registrations`, {});
          showFlash('Registered.', 'ok', false);
          describe();
        } catch (e) { fill(boardBox, errorBox(e, 'Registration failed')); }
      } }, 'Register'));
    }
    if (isAdmin()) {
      buttons.push(h('button', { type: 'button', id: 'jury-view', class: 'secondary', onclick: () => {
        jury = !jury;
        listen();
        describe();
      } }, jury ? 'Public view' : 'Jury view'));
      buttons.push(h('button', { type: 'button', id: 'plagiarism', class: 'secondary', onclick: async () => {
        try {
          const report = await api('POST', `/api/v1/contests/${contest.id}/plagiarism`, {});
          location.hash = `#/plagiarism/${report.id}`;
        } catch (e) { fill(boardBox, errorBox(e, 'Cannot start the comparison')); }
      } }, 'Check plagiarism'));
      if (contest.freezeAt && !contest.unfrozen) {
        buttons.push(h('button', { type: 'button', id: 'unfreeze', class: 'secondary', onclick: async () => {
          try {
            contest = await api('POST', `/api/v1/contests/${contest.id}/unfreeze`, {});
            showFlash('The scoreboard is unfrozen.', 'ok', false);
            describe();
          } catch (e) { fill(boardBox, errorBox(e, 'Unfreeze failed')); }
        } }, 'Unfreeze'));
      }
    }
    fill(actions, buttons);
  }

  function show(board) {
    fill(frozenNote, board.frozen ? `Frozen since ${formatTime(board.freezeAt)}: later submissions show as pending (?).` : '');
    fill(boardBox, boardTable(board));
    if (board.scoring === 'ICPC') contestSolvesChart(board, solvesBox).catch(() => fill(solvesBox, ''));
  }

  // Live updates come over STOMP on a WebSocket; where that fails (a proxy without WebSocket), over SSE.
  function listen() {
    stop();
    const view = jury;
    stompScoreboard(contest.id, view, show).then((client) => {
      if (view !== jury) { client.deactivate(); return; }
      stomp = client;
    }).catch(() => {
      if (view !== jury) return;
      events = scoreboardEvents(contest.id, jury);
      events.addEventListener('scoreboard', (e) => show(JSON.parse(e.data)));
      events.onerror = async () => {
        // the stream broke: show the board as it is now; the browser reconnects on its own
        try { show(await api('GET', `/api/v1/contests/${contest.id}/scoreboard${jury ? '?view=jury' : ''}`)); } catch (err) { /* keep the last one */ }
      };
    });
  }

  function stop() {
    if (events) events.close();
    events = null;
    if (stomp) stomp.deactivate();
    stomp = null;
  }

  cleanups.push(stop);
  const heading = page(contest.title, info, actions, frozenNote, boardBox, solvesBox);
  describe();
  show(await api('GET', `/api/v1/contests/${contest.id}/scoreboard`));
  listen();
  return heading;
}
