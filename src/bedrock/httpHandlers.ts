// The request handlers every client gets, from the route to its endpoint (network.ts): through a
// proxy, an HTTP/1.1 handler whose agent tunnels with CONNECT (`https-proxy-agent`; the SDK's
// HTTP/2 handler cannot use an agent); direct, the SDK's own handlers (HTTP/2 for the runtime
// services, HTTP/1.1 for the control planes) given the private CAs. Plain Node: no `vscode`.
import type { BedrockRuntimeClientConfig } from '@aws-sdk/client-bedrock-runtime';
import type { ClientRequest } from 'node:http';
import type { HttpsProxyAgent as ProxyAgent } from 'https-proxy-agent';
import type { NodeHttpHandlerOptions } from '@smithy/types';
import type { NodeHttp2HandlerOptions } from '@smithy/node-http-handler';
import type { ConnectionSettings } from './types';
import { describeRoute, routeFor, tlsOptions, type Route } from './network';
import { loadHttpHandlerSdk, loadProxyAgent } from './sdk';

export interface Timeouts {
  requestTimeout: number;
  connectionTimeout: number;
}

/** What a client's requestHandler option takes: a handler, or options for the client's own. */
type Handler = NonNullable<BedrockRuntimeClientConfig['requestHandler']>;

export interface Handlers {
  /** For the control planes (bedrock, bedrock-agent): HTTP/1.1 in any case. */
  http1: Handler;
  /** For the runtimes (bedrock-runtime, bedrock-agent-runtime): HTTP/2 direct, HTTP/1.1 through a proxy. */
  http2: Handler;
  route: Route;
  /** How the runtime is reached, for the log. */
  description: string;
}

/**
 * Handlers for the connection's endpoint. `http2Options` are the runtime's own HTTP/2 options
 * (disableConcurrentStreams...), used when it goes direct.
 */
export async function handlersFor(s: ConnectionSettings, t: Timeouts, http2Options: Partial<NodeHttp2HandlerOptions> = {}): Promise<Handlers> {
  // The local stand-in is this machine: never through a proxy, no private CA needed.
  const route: Route = s.local ? { rejectUnauthorized: true } : routeFor(s.endpoint, s.region, s.network);
  const tls = tlsOptions(route);
  if (route.proxy) {
    const [{ HttpsProxyAgent }, { NodeHttpHandler }] = await Promise.all([loadProxyAgent(), loadHttpHandlerSdk()]);
    // One agent for both: it tunnels http:// targets with CONNECT too. Its own options are for the
    // proxy; the target's TLS (private CAs, strictSSL) is added to each connection here.
    class TunnelAgent extends HttpsProxyAgent<string> {
      override connect(req: ClientRequest, opts: Parameters<ProxyAgent<string>['connect']>[1]) {
        return super.connect(req, { ...opts, ...tls });
      }
    }
    const agent = new TunnelAgent(route.proxy.url, { keepAlive: true, ...tls });
    const options: NodeHttpHandlerOptions = { ...t, httpsAgent: agent, httpAgent: agent };
    const handler = new NodeHttpHandler(options);
    return { http1: handler, http2: handler, route, description: describeRoute(route, false) };
  }
  const http1: NodeHttpHandlerOptions = { ...t, ...(Object.keys(tls).length ? { httpsAgent: { keepAlive: true, maxSockets: 50, ...tls } } : {}) };
  const http2: NodeHttp2HandlerOptions = { requestTimeout: t.requestTimeout, ...http2Options, ...(Object.keys(tls).length ? { nodeHttp2ConnectOptions: tls } : {}) };
  return { http1, http2, route, description: describeRoute(route, true) };
}
