// The test-control routes under /_local (HTTP/1.1 or h2, JSON in and out).
import { sendJson, validation } from './errors';
import { parseFault } from './faults';
import { parseJsonObject } from './operation';
import type { EndpointState } from './state';
import type { Exchange } from './transport';

export function handleControl(ex: Exchange, state: EndpointState, route: string): void {
  const key = `${ex.method} ${route}`;
  switch (key) {
    case 'GET requests': return sendJson(ex, 200, state.log.list());
    case 'DELETE requests': state.log.clear(); return sendJson(ex, 200, { cleared: true });
    case 'GET faults': return sendJson(ex, 200, state.faults.list());
    case 'POST faults': {
      const body = JSON.parse(ex.body.toString('utf8') || '{}') as unknown;
      const list = Array.isArray(body) ? body.map(parseFault) : [parseFault(body)];
      for (const f of list) state.faults.add(f);
      return sendJson(ex, 200, { armed: list });
    }
    case 'DELETE faults': state.faults.clear(); return sendJson(ex, 200, { cleared: true });
    case 'POST reply': {
      const o = parseJsonObject(ex.body);
      if (typeof o.text !== 'string') throw validation('reply needs a "text" string');
      const times = o.times === undefined ? 1 : o.times;
      if (typeof times !== 'number' || !Number.isInteger(times) || times === 0 || times < -1) throw validation('times must be a positive integer or -1 (until cleared)');
      state.addReply({ text: o.text, times });
      return sendJson(ex, 200, { queued: true });
    }
    case 'DELETE reply': state.clearReplies(); return sendJson(ex, 200, { cleared: true });
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
