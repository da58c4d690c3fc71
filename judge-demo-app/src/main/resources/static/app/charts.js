// Charts (Chart.js from its WebJar, loaded the first time a chart is drawn): a problem's verdicts, languages and
// accepted run times with the viewer's own marked, and a contest's solves over time.
import { api } from './api.js';
import { h, fill } from './dom.js';

let loading = null;
function chartJs() {
  if (!loading) {
    loading = new Promise((resolve, reject) => {
      const script = h('script', { src: '/webjars/chart.js/dist/chart.umd.js' });
      script.onload = () => resolve(window.Chart);
      script.onerror = () => reject(new Error('the chart library did not load'));
      document.head.appendChild(script);
    });
  }
  return loading;
}

const VERDICT_COLOURS = { AC: '#2e9e4f', WA: '#d64545', TLE: '#e0a030', MLE: '#9b59b6', RE: '#e67e22', CE: '#7f8c8d',
  OLE: '#c0392b', PE: '#f1c40f', IE: '#34495e', SK: '#bdc3c7' };

function canvas(id, label) {
  return h('figure', { class: 'chart' }, h('figcaption', {}, label), h('canvas', { id, role: 'img', 'aria-label': label }));
}

/** Buckets of equal width over the run times; returns labels, counts and the buckets holding the viewer's times. */
function histogram(millis, mine, buckets = 12) {
  const max = Math.max(1, ...millis);
  const width = Math.max(1, Math.ceil((max + 1) / buckets));
  const counts = new Array(buckets).fill(0);
  const marked = new Array(buckets).fill(false);
  for (const m of millis) counts[Math.min(buckets - 1, Math.floor(m / width))] += 1;
  for (const m of mine) marked[Math.min(buckets - 1, Math.floor(m / width))] = true;
  const labels = counts.map((_, i) => `${i * width}–${(i + 1) * width - 1} ms`);
  return { labels, counts, marked };
}

export async function problemCharts(id, box) {
  const [stats, runtimes, Chart] = await Promise.all([
    api('GET', `/api/v1/problems/${encodeURIComponent(id)}/stats`),
    api('GET', `/api/v1/problems/${encodeURIComponent(id)}/stats/runtimes`),
    chartJs()]);
  fill(box,
    h('p', { id: 'stats-summary' }, `${stats.submissions} submissions, ${stats.accepted} accepted`
      + ` (${Math.round(stats.acceptanceRate * 100)}% of judged), solved by ${stats.solvedBy} of ${stats.users} accounts.`),
    h('div', { class: 'charts' },
      canvas('chart-verdicts', 'Verdicts'), canvas('chart-languages', 'Languages'),
      canvas('chart-runtimes', runtimes.mine.length ? 'Accepted run times (yours in blue)' : 'Accepted run times')));
  const verdicts = Object.keys(stats.byVerdict);
  new Chart(document.getElementById('chart-verdicts'), {
    type: 'doughnut',
    data: { labels: verdicts, datasets: [{ data: verdicts.map((v) => stats.byVerdict[v]),
      backgroundColor: verdicts.map((v) => VERDICT_COLOURS[v] || '#999') }] },
    options: { animation: false },
  });
  const languages = Object.keys(stats.byLanguage);
  new Chart(document.getElementById('chart-languages'), {
    type: 'bar',
    data: { labels: languages, datasets: [{ label: 'submissions', data: languages.map((l) => stats.byLanguage[l]),
      backgroundColor: '#5b8def' }] },
    options: { animation: false, plugins: { legend: { display: false } } },
  });
  const hist = histogram(runtimes.millis, runtimes.mine);
  new Chart(document.getElementById('chart-runtimes'), {
    type: 'bar',
    data: { labels: hist.labels, datasets: [{ label: 'accepted submissions', data: hist.counts,
      backgroundColor: hist.marked.map((m) => (m ? '#1f5fd6' : '#b8c4d6')) }] },
    options: { animation: false, plugins: { legend: { display: false } } },
  });
  box.dataset.drawn = 'true';
}

/** Solves over contest time (accepted problems, from the board's solve minutes), one line per top account. */
export async function contestSolvesChart(board, box) {
  const Chart = await chartJs();
  const solves = [];
  for (const row of board.rows) for (const c of row.cells) if (c.solved) solves.push(c.minute);
  solves.sort((a, b) => a - b);
  const points = solves.map((minute, i) => ({ x: minute, y: i + 1 }));
  let chart = box.chart;
  if (!chart) {
    fill(box, canvas('chart-solves', 'Solves over time (all accounts)'));
    chart = new Chart(document.getElementById('chart-solves'), {
      type: 'line',
      data: { datasets: [{ label: 'solves', data: points, stepped: true, borderColor: '#2e9e4f', fill: false }] },
      options: { animation: false, parsing: false, scales: { x: { type: 'linear', title: { display: true, text: 'minute' } },
        y: { beginAtZero: true, ticks: { precision: 0 } } }, plugins: { legend: { display: false } } },
    });
    box.chart = chart;
  } else {
    chart.data.datasets[0].data = points;
    chart.update();
  }
  box.dataset.solves = String(solves.length);
}
