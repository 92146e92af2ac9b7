// The local Bedrock endpoint: one loopback port serving the runtime (h2c), the control plane
// (HTTP/1.1) and the /_local test-control routes.
// Also bundled on its own (dist/demoEndpoint.js) as the extension's demo; see src/demo/.
import { createRouter } from './router';
import { EndpointState } from './state';
import { listenDual, type TlsIdentity } from './transport';

export interface LocalBedrockOptions {
  /** 0 (default) = a free port. */
  port?: number;
  /** Streaming rate; 0 (default) = as fast as possible. */
  tokensPerSecond?: number;
  /**
   * Serve the /_local test-control routes (default true). The demo shipped in the extension turns
   * them off: nothing else on the machine may arm faults or read the prompts it logged.
   */
  controlRoutes?: boolean;
  /** Serve https with this certificate (tests of private CAs); default plain http/h2c. */
  tls?: TlsIdentity;
}

export interface LocalBedrock {
  /** One URL serving both h2c (runtime) and HTTP/1.1 (control), e.g. http://127.0.0.1:P */
  endpoint: string;
  runtimeEndpoint: string;
  controlEndpoint: string;
  close(): Promise<void>;
}

export async function startLocalBedrock(opts: LocalBedrockOptions = {}): Promise<LocalBedrock> {
  const state = new EndpointState(opts.tokensPerSecond ?? 0);
  const server = await listenDual(opts.port ?? 0, createRouter(state, { controlRoutes: opts.controlRoutes ?? true }), opts.tls);
  const endpoint = `${opts.tls ? 'https' : 'http'}://127.0.0.1:${server.port}`;
  return { endpoint, runtimeEndpoint: endpoint, controlEndpoint: endpoint, close: () => server.close() };
}
