// Talks to the service under /api/v1: adds the API key, turns problem+json into readable errors,
// and asks for a key when the service answers 401.

const BASE = '/api/v1';
const KEY_STORAGE = 'earful.apiKey';

/** An error the page can show as it is: a sentence, plus field-level problems when there are any. */
export class ApiError extends Error {
  constructor(message, status, problem) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.problem = problem;
  }
}

export function apiKey() {
  return sessionStorage.getItem(KEY_STORAGE) || '';
}

export function setApiKey(key) {
  if (key) {
    sessionStorage.setItem(KEY_STORAGE, key);
  } else {
    sessionStorage.removeItem(KEY_STORAGE);
  }
}

let keyPrompt = null;
let askForKey = async () => false;

/**
 * Sets the function that asks the person for a key (resolves true when one was given). Requests
 * that meet a 401 while the question is open wait for the same answer.
 */
export function onKeyNeeded(fn) {
  askForKey = fn;
}

function promptForKey(reason) {
  if (!keyPrompt) {
    keyPrompt = askForKey(reason).finally(() => {
      keyPrompt = null;
    });
  }
  return keyPrompt;
}

/** Builds URL query parameters from an object; arrays repeat the name, empty values are left out. */
export function toQuery(params) {
  const q = new URLSearchParams();
  for (const [name, value] of Object.entries(params || {})) {
    for (const v of Array.isArray(value) ? value : [value]) {
      if (v !== undefined && v !== null && v !== '') {
        q.append(name, String(v));
      }
    }
  }
  return q;
}

/**
 * Calls the service. Options: method, params (query), body (sent as JSON), accept ('json', or
 * 'csv' for a CSV document as text). Resolves to the parsed JSON or the text; rejects with an
 * ApiError.
 */
export async function call(path, { method = 'GET', params, body, accept = 'json' } = {}) {
  const query = toQuery(params).toString();
  const url = BASE + path + (query ? '?' + query : '');
  for (let attempt = 0; ; attempt++) {
    const headers = { Accept: accept === 'json' ? 'application/json' : 'text/csv' };
    const key = apiKey();
    if (key) {
      headers.Authorization = 'Bearer ' + key;
    }
    if (body !== undefined) {
      headers['Content-Type'] = 'application/json';
    }
    let response;
    try {
      response = await fetch(url, {
        method,
        headers,
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (e) {
      throw new ApiError('Cannot reach the Earful service (' + e.message + ').', 0, null);
    }
    if (response.status === 401 && attempt === 0) {
      const given = await promptForKey(key ? 'The key was not accepted. Enter another one.' :
          'This service asks for an API key. It is kept for this browser tab only.');
      if (given) {
        continue;
      }
    }
    if (!response.ok) {
      throw await errorOf(response);
    }
    if (response.status === 204) {
      return null;
    }
    return accept === 'json' ? response.json() : response.text();
  }
}

async function errorOf(response) {
  const type = response.headers.get('Content-Type') || '';
  let problem = null;
  if (type.includes('json')) {
    try {
      problem = await response.json();
    } catch (e) {
      problem = null;
    }
  }
  if (!problem) {
    return new ApiError(describeStatus(response.status), response.status, null);
  }
  // With field errors, they say it all; otherwise the detail explains the title.
  const title = problem.title || describeStatus(response.status);
  const fields = (problem.errors || []).map((e) => {
    const where = e.field || e.name || e.pointer || e.parameter;
    const what = e.message || e.detail || e.reason || '';
    return where ? where + ' ' + what : what;
  }).filter(Boolean);
  const text = fields.length
    ? title + ': ' + fields.join('; ')
    : problem.detail && problem.detail !== title ? title + ': ' + problem.detail : title;
  return new ApiError(text, response.status, problem);
}

function describeStatus(status) {
  switch (status) {
    case 400: return 'The request was not understood';
    case 401: return 'An API key is needed';
    case 403: return 'This API key may not do that';
    case 404: return 'Not found';
    case 409: return 'That conflicts with the current state';
    case 413: return 'The request is too large';
    case 422: return 'Some values are not valid';
    case 503: return 'The service is not ready yet';
    default: return 'The service answered ' + status;
  }
}
