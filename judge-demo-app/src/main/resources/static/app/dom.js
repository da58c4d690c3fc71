// Small DOM helpers. Text always goes in as text (escaped by the browser), never as HTML.

/**
 * Builds an element: h('p', {class: 'x', onclick: fn}, 'text', child, ...). Attributes whose value is
 * false, null or undefined are left out; strings and numbers among the children become text nodes.
 */
export function h(tag, attrs = {}, ...children) {
  const el = document.createElement(tag);
  for (const [key, value] of Object.entries(attrs || {})) {
    if (value === false || value === null || value === undefined) continue;
    if (key.startsWith('on') && typeof value === 'function') {
      el.addEventListener(key.slice(2), value);
    } else if (key === 'dataset') {
      Object.assign(el.dataset, value);
    } else if (key === 'value') {
      el.value = value;
    } else {
      el.setAttribute(key, value === true ? '' : String(value));
    }
  }
  append(el, children);
  return el;
}

function append(el, children) {
  for (const child of children) {
    if (child === null || child === undefined || child === false) continue;
    if (Array.isArray(child)) {
      append(el, child);
    } else if (child instanceof Node) {
      el.appendChild(child);
    } else {
      el.appendChild(document.createTextNode(String(child)));
    }
  }
}

export function clear(el) {
  while (el.firstChild) el.removeChild(el.firstChild);
  return el;
}

/** Replaces an element's children. */
export function fill(el, ...children) {
  clear(el);
  append(el, children);
  return el;
}

let ids = 0;
/** A fresh element id with the given prefix. */
export function uid(prefix) {
  ids += 1;
  return `${prefix}-${ids}`;
}

/** A labelled form field: returns {wrap, input, error}. */
export function field(label, input, hint) {
  const id = input.id || uid('f');
  input.id = id;
  const error = h('p', { class: 'field-error', id: `${id}-error`, hidden: true });
  const hintEl = hint ? h('p', { class: 'hint', id: `${id}-hint` }, hint) : null;
  const described = [hintEl ? hintEl.id : null, error.id].filter(Boolean).join(' ');
  input.setAttribute('aria-describedby', described);
  const wrap = h('div', { class: 'field' }, h('label', { for: id }, label), input, hintEl, error);
  return { wrap, input, error };
}

/** Statement Markdown as sanitized HTML, or as plain preformatted text when the libraries are missing. */
export function markdown(text) {
  const box = h('div', { class: 'markdown' });
  if (window.marked && window.DOMPurify) {
    const html = window.marked.parse(text || '', { gfm: true, async: false });
    box.innerHTML = window.DOMPurify.sanitize(html, { USE_PROFILES: { html: true } });
    for (const a of box.querySelectorAll('a[href]')) a.setAttribute('rel', 'noopener noreferrer');
  } else {
    box.appendChild(h('pre', {}, text || ''));
  }
  return box;
}

export function formatMillis(ms) {
  if (ms === null || ms === undefined) return '—';
  return ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${ms} ms`;
}

export function formatKiB(kib) {
  if (kib === null || kib === undefined) return '—';
  if (kib >= 1024 * 1024) return `${(kib / 1024 / 1024).toFixed(2)} GiB`;
  if (kib >= 1024) return `${(kib / 1024).toFixed(1)} MiB`;
  return `${kib} KiB`;
}

export function formatTime(iso) {
  if (!iso) return '—';
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? iso : d.toLocaleString();
}
