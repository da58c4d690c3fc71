// Talks to the server's JSON API. Every failure becomes an ApiError whose message a person can read:
// the Problem Details "detail" (or "title"), plus its field errors.

const TOKEN_KEY = 'judge.session';

export class ApiError extends Error {
  constructor(status, message, fieldErrors = [], path = '') {
    super(message);
    this.status = status;
    this.fieldErrors = fieldErrors;
    this.path = path;
  }
}

/** The logged-in session ({accessToken, expiresAt, user}) or null. */
export function session() {
  try {
    const s = JSON.parse(localStorage.getItem(TOKEN_KEY));
    if (!s || !s.accessToken) return null;
    if (s.expiresAt && Date.parse(s.expiresAt) <= Date.now()) {
      localStorage.removeItem(TOKEN_KEY);
      return null;
    }
    return s;
  } catch (e) {
    return null;
  }
}

export function saveSession(login) {
  localStorage.setItem(TOKEN_KEY, JSON.stringify({
    accessToken: login.accessToken, expiresAt: login.expiresAt, user: login.user,
  }));
}

export function clearSession() {
  localStorage.removeItem(TOKEN_KEY);
}

export function isAdmin() {
  const s = session();
  return !!s && !!s.user && s.user.role === 'ADMIN';
}

let onUnauthorized = () => {};
/** Called when the server answers 401 to a logged-in request: the token expired or was revoked. */
export function setUnauthorizedHandler(fn) {
  onUnauthorized = fn;
}

async function toError(response, method, path) {
  let body = null;
  const type = response.headers.get('Content-Type') || '';
  if (type.includes('json')) {
    try { body = await response.json(); } catch (e) { body = null; }
  }
  const errors = body && Array.isArray(body.errors) ? body.errors : [];
  let message = body && (body.detail || body.title);
  if (!message) message = `${response.status} ${response.statusText || 'error'}`;
  // An endpoint this server version lacks: Spring answers "No static resource ..." or "Method ... not supported".
  if ((response.status === 404 && /No static resource/i.test(message))
      || (response.status === 405 && /not supported/i.test(message))) {
    message = `This server does not offer ${method} ${path.split('?')[0]} (${response.status}: ${message})`;
  }
  return new ApiError(response.status, message, errors, path);
}

/**
 * Calls the API. body: an object (sent as JSON) or FormData. Returns the parsed JSON, or null for an
 * empty answer.
 */
export async function api(method, path, body) {
  const headers = { Accept: 'application/json, application/problem+json' };
  const s = session();
  if (s) headers.Authorization = `Bearer ${s.accessToken}`;
  let payload;
  if (body instanceof FormData) {
    payload = body;
  } else if (body !== undefined) {
    headers['Content-Type'] = 'application/json';
    payload = JSON.stringify(body);
  }
  let response;
  try {
    response = await fetch(path, { method, headers, body: payload });
  } catch (e) {
    throw new ApiError(0, `The server cannot be reached (${e.message}).`, [], path);
  }
  if (!response.ok) {
    const error = await toError(response, method, path);
    if (response.status === 401 && s) onUnauthorized(error);
    throw error;
  }
  if (response.status === 204) return null;
  const text = await response.text();
  return text ? JSON.parse(text) : null;
}

/** A page of a listing, whichever of the two page shapes the server uses. */
export function pageOf(json) {
  const items = json.items || json.content || [];
  const total = json.total !== undefined ? json.total : json.totalElements;
  return { items, page: json.page || 0, size: json.size || items.length, total: total || 0 };
}

/** The live events of a submission; EventSource cannot send headers, so the token goes in the query. */
export function submissionEvents(id) {
  const s = session();
  const token = s ? `?access_token=${encodeURIComponent(s.accessToken)}` : '';
  return new EventSource(`/api/v1/submissions/${encodeURIComponent(id)}/events${token}`);
}

/** The live scoreboard of a contest ('scoreboard' events); the jury view needs an administrator. */
export function scoreboardEvents(id, jury) {
  const s = session();
  const query = new URLSearchParams();
  if (s) query.set('access_token', s.accessToken);
  if (jury) query.set('view', 'jury');
  return new EventSource(`/api/v1/contests/${encodeURIComponent(id)}/scoreboard/events?${query}`);
}

/**
 * Subscribes to a contest's live scoreboard over STOMP (WebSocket at /ws, the token in CONNECT); resolves with the
 * connected client once subscribed, rejects when the connection cannot be made. {@code onBoard} gets each board.
 */
export async function stompScoreboard(id, jury, onBoard) {
  const { Client } = await import('/webjars/stomp__stompjs/esm6/index.js');
  const s = session();
  return new Promise((resolve, reject) => {
    let connected = false;
    const client = new Client({
      brokerURL: `${location.protocol === 'https:' ? 'wss' : 'ws'}://${location.host}/ws`,
      connectHeaders: s ? { Authorization: `Bearer ${s.accessToken}` } : {},
      reconnectDelay: 5000,
      onConnect: () => {
        connected = true;
        client.subscribe(`/topic/contests/${encodeURIComponent(id)}/scoreboard${jury ? '/jury' : ''}`,
          (message) => { window.liveChannel = 'websocket'; onBoard(JSON.parse(message.body)); });
        resolve(client);
      },
      onStompError: (frame) => { if (!connected) { client.deactivate(); reject(new Error(frame.headers.message)); } },
      onWebSocketError: () => { if (!connected) { client.deactivate(); reject(new Error('no WebSocket')); } },
    });
    client.activate();
  });
}
