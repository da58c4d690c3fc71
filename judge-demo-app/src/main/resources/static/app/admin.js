// Administrators: create and edit a problem (title, statement, limits, comparator, its kind: scoring groups,
// stop on first failure, file I/O, support files, interactor) and upload its tests.
import { api } from './api.js';
import { h, fill, field, markdown } from './dom.js';

const LIMITS = [
  ['cpuTime', 'CPU time', 'e.g. 2s or 500ms'],
  ['wallTime', 'Wall time', 'e.g. 5s'],
  ['memory', 'Memory', 'e.g. 256MB'],
  ['processes', 'Processes', 'a number', 'number'],
  ['outputSize', 'Output size', 'e.g. 16MB'],
  ['fileSize', 'File size', 'e.g. 16MB'],
  ['stack', 'Stack', 'e.g. 64MB'],
  ['openFiles', 'Open files', 'a number', 'number'],
];
const COMPARATORS = [
  ['lines', 'Lines (trailing spaces and final newline ignored)'],
  ['exact', 'Exact bytes'],
  ['tokens', 'Tokens (any whitespace)'],
  ['floats', 'Numbers with tolerance'],
  ['unorderedLines', 'Lines in any order'],
  ['caseInsensitive', 'Case-insensitive'],
  ['kattis', 'Kattis default validator (with flags)'],
  ['checker', 'Checker program'],
];

const CHECKER_PROTOCOLS = [
  ['testlib', 'testlib checker (input output answer)'],
  ['kattis', 'Kattis/DOMjudge output validator (42/43, feedback files)'],
];
// The problem's kind: JSON fields, each parsed here and checked by the server, which names the field at fault.
const KIND_JSON = [
  ['groups', 'problem-groups', 'Scoring groups (JSON array)', 4,
    '[{"name": "small", "points": 30}, {"name": "large", "points": 70, "scoring": "sum", "dependsOn": ["small"], "stopOnFirstFailure": true}]; tests name their group. Empty: no groups.'],
  ['supportFiles', 'problem-support-files', 'Support files (JSON object by language id, "*" for every language)', 4,
    '{"cpp": [{"name": "grader.cpp", "content": "..."}], "*": [{"name": "lib.h", "content": "..."}]}: graders, headers, data files. Empty: none.'],
  ['interactor', 'problem-interactor', 'Interactor (JSON object)', 4,
    '{"languageId": "cpp", "protocol": "kattis", "passes": 1, "sources": [{"name": "interactor.cpp", "content": "..."}]}; protocol kattis or testlib. Empty: not interactive.'],
];
const JSON_DEFAULTS = { groups: [], supportFiles: {}, interactor: null };
/** The problem form: {id} null creates. Returns the view's heading. */
export async function problemEditor({ id, page, errorBox, showFlash }) {
  const inputs = {};
  const fields = {};
  const add = (name, label, input, hint) => {
    input.name = name;
    const f = field(label, input, hint);
    inputs[name] = input;
    fields[name] = f;
    return f.wrap;
  };

  const formError = h('div', { class: 'form-error', id: 'problem-error' });
  const preview = h('div', { class: 'preview', id: 'statement-preview', 'aria-live': 'polite' });
  const title = h('input', { id: 'problem-title', maxlength: 200, required: true });
  const statement = h('textarea', { id: 'problem-statement', rows: 12 });
  const difficulty = h('select', { id: 'problem-difficulty' },
    ['', 'EASY', 'MEDIUM', 'HARD'].map((d) => h('option', { value: d }, d ? d.toLowerCase() : 'not said')));
  const author = h('input', { id: 'problem-author', maxlength: 100 });
  const limitInputs = LIMITS.map(([name, label, hint, type]) =>
    add(`limits.${name}`, label, h('input', { id: `limit-${name}`, type: type || 'text', inputmode: type === 'number' ? 'numeric' : null }), hint));
  const network = h('input', { id: 'limit-network', type: 'checkbox', name: 'limits.network' });
  inputs['limits.network'] = network;

  const comparator = h('select', { id: 'comparator-type' }, COMPARATORS.map(([v, t]) => h('option', { value: v }, t)));
  const floats = h('div', { class: 'grid', id: 'floats-options', hidden: true },
    add('comparator.absoluteTolerance', 'Absolute tolerance', h('input', { id: 'comparator-abs', inputmode: 'decimal' }), 'default 1e-6'),
    add('comparator.relativeTolerance', 'Relative tolerance', h('input', { id: 'comparator-rel', inputmode: 'decimal' }), 'default 1e-6'));
  const checker = h('div', { id: 'checker-options', hidden: true },
    h('div', { class: 'grid' },
      add('comparator.languageId', 'Checker language', h('input', { id: 'checker-language', value: 'cpp' }), 'a language id, e.g. cpp'),
      add('comparator.sources[0].name', 'Checker file name', h('input', { id: 'checker-name', value: 'checker.cpp' })),
      add('comparator.protocol', 'Checker protocol', h('select', { id: 'checker-protocol' },
        CHECKER_PROTOCOLS.map(([v, t]) => h('option', { value: v }, t)))),
      add('comparator.arguments', 'Validator flags', h('input', { id: 'checker-arguments' }), 'kattis only: its validator_flags')),
    add('comparator.sources[0].content', 'Checker source', h('textarea', { id: 'checker-source', rows: 10, spellcheck: 'false' })));
  const kattis = h('div', { id: 'kattis-options', hidden: true },
    add('comparator.flags', 'Validator flags', h('input', { id: 'comparator-flags' }), 'e.g. case_sensitive float_tolerance 1e-6; empty: the defaults'));
  const showComparatorOptions = () => {
    floats.hidden = comparator.value !== 'floats';
    checker.hidden = comparator.value !== 'checker';
    kattis.hidden = comparator.value !== 'kattis';
  };
  const stop = h('input', { id: 'problem-stop', type: 'checkbox', name: 'stopOnFirstFailure' });
  inputs.stopOnFirstFailure = stop;
  const kindJson = KIND_JSON.map(([name, elementId, label, rows, hint]) =>
    add(name, label, h('textarea', { id: elementId, rows, spellcheck: 'false', class: 'code' }), hint));
  comparator.addEventListener('change', showComparatorOptions);

  const save = h('button', { type: 'submit', id: 'problem-save' }, id ? 'Save changes' : 'Create problem');
  const form = h('form', { id: 'problem-form', class: 'card', novalidate: true },
    formError,
    add('title', 'Title', title),
    add('statement', 'Statement (Markdown)', statement),
    add('difficulty', 'Difficulty', difficulty),
    add('author', 'Author', author),
    h('div', { class: 'actions' }, h('button', { type: 'button', class: 'secondary', id: 'preview-button', onclick: () => fill(preview, h('h3', {}, 'Preview'), markdown(statement.value)) }, 'Preview statement')),
    preview,
    h('fieldset', {}, h('legend', {}, 'Limits (empty: the judge\'s default)'),
      h('div', { class: 'grid' }, limitInputs),
      h('div', { class: 'field check' }, network, h('label', { for: 'limit-network' }, 'Network allowed'))),
    h('fieldset', {}, h('legend', {}, 'Output check'),
      add('comparator.type', 'Comparator', comparator), floats, kattis, checker),
    h('fieldset', { id: 'problem-kind' }, h('legend', {}, 'Kind of problem'),
      h('div', { class: 'field check' }, stop, h('label', { for: 'problem-stop' }, 'Stop at the first failed test (the rest are skipped)')),
      h('div', { class: 'grid' },
        add('io.inputFile', 'Input file', h('input', { id: 'io-input' }), 'e.g. input.txt; empty: standard input'),
        add('io.outputFile', 'Output file', h('input', { id: 'io-output' }), 'e.g. output.txt; empty: standard output')),
      kindJson),
    h('div', { class: 'actions' }, save));

  const testsBox = h('div', { id: 'tests-box' });
  const heading = page(id ? `Edit problem ${id}` : 'New problem', form,
    id ? h('section', { class: 'card', 'aria-labelledby': 'tests-h' }, h('h2', { id: 'tests-h' }, 'Tests'), testsBox) : null);

  if (id) {
    try {
      const p = await api('GET', `/api/v1/problems/${id}`);
      heading.textContent = `Edit: ${p.title}`;
      title.value = p.title;
      statement.value = p.statement || '';
      difficulty.value = p.difficulty || '';
      author.value = p.author || '';
      for (const [name] of LIMITS) {
        const v = p.limits ? p.limits[name] : null;
        inputs[`limits.${name}`].value = v === null || v === undefined ? '' : v;
      }
      network.checked = !!(p.limits && p.limits.network);
      const c = p.comparator || { type: 'lines' };
      comparator.value = c.type;
      if (c.absoluteTolerance !== undefined) inputs['comparator.absoluteTolerance'].value = c.absoluteTolerance;
      if (c.relativeTolerance !== undefined) inputs['comparator.relativeTolerance'].value = c.relativeTolerance;
      if (c.flags) inputs['comparator.flags'].value = c.flags;
      if (c.languageId) inputs['comparator.languageId'].value = c.languageId;
      if (c.protocol) inputs['comparator.protocol'].value = c.protocol;
      if (c.arguments) inputs['comparator.arguments'].value = c.arguments;
      if (c.sources && c.sources[0]) {
        inputs['comparator.sources[0].name'].value = c.sources[0].name || '';
        inputs['comparator.sources[0].content'].value = c.sources[0].content || '';
      }
      stop.checked = !!p.stopOnFirstFailure;
      inputs['io.inputFile'].value = (p.io && p.io.inputFile) || '';
      inputs['io.outputFile'].value = (p.io && p.io.outputFile) || '';
      for (const [name] of KIND_JSON) {
        const v = p[name];
        const empty = v === null || v === undefined || (Array.isArray(v) ? !v.length : typeof v === 'object' && !Object.keys(v).length);
        inputs[name].value = empty ? '' : JSON.stringify(v, null, 2);
      }
      showComparatorOptions();
      testsSection(id, testsBox, errorBox, showFlash);
    } catch (e) {
      fill(formError, errorBox(e, 'Could not load the problem'));
    }
  }

  function clearErrors() {
    fill(formError);
    for (const f of Object.values(fields)) {
      f.error.hidden = true;
      f.error.textContent = '';
      f.input.removeAttribute('aria-invalid');
    }
  }

  function showErrors(e) {
    fill(formError, errorBox(e, 'Could not save the problem'));
    let first = null;
    for (const fe of e.fieldErrors || []) {
      // a field inside a JSON field (groups[b].dependsOn, supportFiles.cpp[0].name) is shown on that field, named
      const whole = fe.field.split(/[.[]/)[0];
      const inside = !fields[fe.field] && KIND_JSON.some(([name]) => name === whole);
      const f = fields[fe.field] || (inside ? fields[whole] : null);
      if (!f) continue;
      f.error.textContent = inside ? `${fe.field}: ${fe.message}` : fe.message;
      f.error.hidden = false;
      f.input.setAttribute('aria-invalid', 'true');
      first = first || f.input;
    }
    (first || formError).focus?.();
  }

  function body() {
    const limits = {};
    for (const [name, , , type] of LIMITS) {
      const v = inputs[`limits.${name}`].value.trim();
      if (v) limits[name] = type === 'number' ? Number(v) : v;
    }
    if (network.checked) limits.network = true;
    const c = { type: comparator.value };
    if (c.type === 'floats') {
      const abs = inputs['comparator.absoluteTolerance'].value.trim();
      const rel = inputs['comparator.relativeTolerance'].value.trim();
      if (abs) c.absoluteTolerance = Number(abs);
      if (rel) c.relativeTolerance = Number(rel);
    }
    if (c.type === 'kattis') {
      const flags = inputs['comparator.flags'].value.trim();
      if (flags) c.flags = flags;
    }
    if (c.type === 'checker') {
      c.languageId = inputs['comparator.languageId'].value.trim();
      c.sources = [{ name: inputs['comparator.sources[0].name'].value.trim(), content: inputs['comparator.sources[0].content'].value }];
      c.protocol = inputs['comparator.protocol'].value;
      const args = inputs['comparator.arguments'].value.trim();
      if (args) c.arguments = args;
    }
    const b = { title: title.value.trim(), statement: statement.value, limits, comparator: c, stopOnFirstFailure: stop.checked };
    if (difficulty.value) b.difficulty = difficulty.value;
    if (author.value.trim()) b.author = author.value.trim();
    const inputFile = inputs['io.inputFile'].value.trim();
    const outputFile = inputs['io.outputFile'].value.trim();
    if (inputFile || outputFile) b.io = { inputFile: inputFile || null, outputFile: outputFile || null };
    for (const [name] of KIND_JSON) {
      const text = inputs[name].value.trim();
      b[name] = text ? JSON.parse(text) : JSON_DEFAULTS[name];
    }
    return b;
  }

  /** The JSON fields that do not parse, as field errors; the server checks what they say. */
  function jsonErrors() {
    const errors = [];
    for (const [name] of KIND_JSON) {
      const text = inputs[name].value.trim();
      if (!text) continue;
      try {
        JSON.parse(text);
      } catch (e) {
        errors.push({ field: name, message: `is not valid JSON: ${e.message}` });
      }
    }
    return errors;
  }

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    clearErrors();
    const invalid = jsonErrors();
    if (invalid.length) {
      const e = new Error('Some fields are not valid JSON.');
      e.fieldErrors = invalid;
      showErrors(e);
      return;
    }
    save.disabled = true;
    try {
      const saved = id ? await api('PUT', `/api/v1/problems/${id}`, body()) : await api('POST', '/api/v1/problems', body());
      if (id) {
        showFlash(`Saved “${saved.title}”.`, 'ok', false);
        heading.textContent = `Edit: ${saved.title}`;
      } else {
        showFlash(`Created problem #${saved.id} “${saved.title}”. Now upload its tests.`);
        location.hash = `#/admin/problems/${saved.id}`;
      }
    } catch (e) {
      showErrors(e);
    } finally {
      save.disabled = false;
    }
  });
  return heading;
}

function testsSection(id, box, errorBox, showFlash) {
  const list = h('div', { id: 'tests-list' });
  const file = h('input', { id: 'tests-file', type: 'file', accept: '.zip,application/zip', required: true });
  const hidden = h('input', { id: 'tests-hidden', type: 'checkbox', checked: true });
  const uploadError = h('div', { class: 'form-error', id: 'upload-error' });
  const upload = h('button', { type: 'submit', id: 'tests-upload' }, 'Upload and replace all tests');
  const form = h('form', { id: 'tests-form', novalidate: true },
    h('p', { class: 'hint' }, 'A zip of NAME.in with NAME.out (or .ans) files; a folder level names a subtask group; '
      + 'a Kattis package (data/sample, data/secret) says itself which tests are public.'),
    field('Test archive (.zip)', file).wrap,
    h('div', { class: 'field check' }, hidden, h('label', { for: 'tests-hidden' }, 'Hide the tests from students (flat layout)')),
    uploadError,
    h('div', { class: 'actions' }, upload));
  fill(box, list, form);

  const render = (tests) => {
    if (!tests.length) {
      fill(list, h('p', { class: 'muted', id: 'tests-count', 'data-count': 0 }, 'No tests yet.'));
      return;
    }
    fill(list, h('p', { id: 'tests-count', 'data-count': tests.length }, `${tests.length} tests`),
      h('div', { class: 'table-wrap' }, h('table', { class: 'list', id: 'tests-table' },
        h('thead', {}, h('tr', {}, ['Name', 'Group', 'Weight', 'Hidden', 'Input', 'Expected output'].map((c) => h('th', { scope: 'col' }, c)))),
        h('tbody', {}, tests.map((t) => h('tr', {},
          h('td', {}, t.name), h('td', {}, t.group || ''), h('td', { class: 'num' }, String(t.weight)),
          h('td', {}, t.hidden ? 'hidden' : 'public'), h('td', { class: 'num' }, `${t.inputBytes} B`),
          h('td', { class: 'num' }, t.expectedOutputBytes === null || t.expectedOutputBytes === undefined ? '—' : `${t.expectedOutputBytes} B`)))))));
  };

  api('GET', `/api/v1/problems/${id}/tests`).then(render).catch((e) => fill(list, errorBox(e, 'Could not load the tests')));

  form.addEventListener('submit', async (ev) => {
    ev.preventDefault();
    fill(uploadError);
    if (!file.files.length) {
      fill(uploadError, errorBox(new Error('Choose a .zip file first.')));
      file.focus();
      return;
    }
    const data = new FormData();
    data.append('file', file.files[0]);
    upload.disabled = true;
    try {
      const tests = await api('PUT', `/api/v1/problems/${id}/tests?hidden=${hidden.checked}`, data);
      render(tests);
      showFlash(`Uploaded ${tests.length} tests.`, 'ok', false);
      form.reset();
    } catch (e) {
      fill(uploadError, errorBox(e, 'Could not upload the tests'));
    } finally {
      upload.disabled = false;
    }
  });
}
