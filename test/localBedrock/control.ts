// The test-control routes under /_local (HTTP/1.1 or h2, JSON in and out).
import { sendJson, validation } from './errors';
import { parseFault } from './faults';
import { parseJsonObject } from './operation';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

export function handleControl(ex: Exchange, state: EndpointState, route: string): void {
  const key = `${ex.method} ${route}`;
  switch (key) {
    case 'GET requests': return sendJson(ex, 200, state.log.list(), { 'x-local-log-version': String(state.log.version) });
    case 'GET requests/changes': return waitForChange(ex, state);
    case 'DELETE requests': state.log.clear(); return sendJson(ex, 200, { cleared: true });
    case 'GET faults': return sendJson(ex, 200, state.faults.list());
    case 'POST faults': {
      const body = JSON.parse(ex.body.toString('utf8') || '{}') as unknown;
      const list = Array.isArray(body) ? body.map(parseFault) : [parseFault(body)];
      for (const f of list) state.faults.add(f);
      return sendJson(ex, 200, { armed: list });
    }
    case 'DELETE faults': state.faults.clear(); return sendJson(ex, 200, { cleared: true });
    case 'DELETE cache': state.promptCache.clear(); return sendJson(ex, 200, { cleared: true });
    case 'POST reply': {
      const o = parseJsonObject(ex.body);
      if (typeof o.text !== 'string') throw validation('reply needs a "text" string');
      const times = o.times === undefined ? 1 : o.times;
      if (typeof times !== 'number' || !Number.isInteger(times) || times === 0 || times < -1) throw validation('times must be a positive integer or -1 (until cleared)');
      state.addReply({ text: o.text, times });
      return sendJson(ex, 200, { queued: true });
    }
    case 'DELETE reply': state.clearReplies(); return sendJson(ex, 200, { cleared: true });
    case 'GET hold': return sendJson(ex, 200, { held: state.held });
    case 'POST hold': state.hold(); return sendJson(ex, 200, { held: true });
    case 'DELETE hold': state.release(); return sendJson(ex, 200, { held: false });
    case 'GET config': return sendJson(ex, 200, { tokensPerSecond: state.tokensPerSecond });
    case 'POST config': {
      const o = parseJsonObject(ex.body);
      if (o.tokensPerSecond !== undefined) {
        if (typeof o.tokensPerSecond !== 'number' || !(o.tokensPerSecond >= 0)) throw validation('tokensPerSecond must be a number >= 0');
        state.tokensPerSecond = o.tokensPerSecond;
      }
      return sendJson(ex, 200, { tokensPerSecond: state.tokensPerSecond });
    }
    default:
      return sendJson(ex, 404, { message: `No control route ${key}. See test/localBedrock/README.md.` });
  }
}

/**
 * Long poll: answers `{version}` as soon as the log's version is past `after` (a request logged, a
 * stream's first token, hold or end, the log cleared), or after `timeoutMs` (default 10 s, at most
 * 60 s) with the version unchanged. Tests re-read the log on each answer instead of polling.
 */
function waitForChange(ex: Exchange, state: EndpointState): void {
  const after = Number(ex.query.get('after') ?? '-1');
  const timeoutMs = Number(ex.query.get('timeoutMs') ?? '10000');
  if (!Number.isInteger(after)) throw validation('after must be an integer (a version from x-local-log-version)');
  if (!(timeoutMs >= 0 && timeoutMs <= 60_000)) throw validation('timeoutMs must be from 0 to 60000');
  void state.log.nextChange(after, timeoutMs, (l) => ex.onClose(l)).then((version) => {
    if (!ex.closed) sendJson(ex, 200, { version });
  });
}
