// One TCP port that serves both cleartext HTTP/2 (BedrockRuntimeClient's default NodeHttp2Handler)
// and HTTP/1.1 (BedrockClient's NodeHttpHandler). Node's `allowHTTP1` only works over TLS, so we
// sniff the first bytes: an HTTP/2 client starts with the "PRI * HTTP/2.0" preface, no HTTP/1.1
// method starts with "PRI". The bytes already read are replayed through a Duplex, because the
// http/http2 servers read the socket handle directly and would never see an `unshift`.
import * as http from 'node:http';
import * as http2 from 'node:http2';
import * as net from 'node:net';
import { Duplex } from 'node:stream';

/** One received HTTP request, whatever its protocol, with its body fully read. */
export interface Exchange {
  protocol: 'h2' | 'http/1.1';
  method: string;
  /** Raw path with percent-encoding intact (model ids are one encoded segment). */
  rawPath: string;
  query: URLSearchParams;
  headers: Record<string, string | undefined>;
  body: Buffer;
  respond(status: number, headers: Record<string, string>): void;
  write(chunk: Uint8Array): Promise<void>;
  end(chunk?: Uint8Array | string): void;
  /** Breaks the exchange abruptly: RST_STREAM on h2, a destroyed socket on HTTP/1.1. */
  abort(): void;
  /** True once the client went away (aborted or reset). */
  readonly closed: boolean;
  /** True once the status line / headers went out (an error can then only break the exchange). */
  readonly responded: boolean;
  onClose(listener: () => void): void;
}

export type ExchangeHandler = (ex: Exchange) => void;

/** A Duplex over a socket that first yields `head`, the bytes consumed while sniffing. */
class ReplaySocket extends Duplex {
  constructor(private readonly socket: net.Socket, head: Buffer) {
    super();
    this.push(head);
    socket.on('data', (d: Buffer) => { if (!this.push(d)) socket.pause(); });
    socket.on('end', () => this.push(null));
    socket.on('error', (e) => this.destroy(e));
    socket.on('close', () => { if (!this.destroyed) this.destroy(); });
    // The http server arms keep-alive timeouts on what it thinks is the socket: pass them up.
    socket.on('timeout', () => this.emit('timeout'));
  }
  override _read(): void { this.socket.resume(); }
  override _write(chunk: Buffer, _enc: BufferEncoding, cb: (e?: Error | null) => void): void { this.socket.write(chunk, cb); }
  override _final(cb: (e?: Error | null) => void): void { this.socket.end(); cb(); }
  override _destroy(err: Error | null, cb: (e?: Error | null) => void): void { this.socket.destroy(err ?? undefined); cb(err); }
  // The http servers call these socket methods; forward them to the real socket.
  setTimeout(ms: number, cb?: () => void): this { this.socket.setTimeout(ms, cb); return this; }
  setNoDelay(v?: boolean): this { this.socket.setNoDelay(v); return this; }
  setKeepAlive(e?: boolean, d?: number): this { this.socket.setKeepAlive(e, d); return this; }
  get remoteAddress(): string | undefined { return this.socket.remoteAddress; }
  get remotePort(): number | undefined { return this.socket.remotePort; }
  get remoteFamily(): string | undefined { return this.socket.remoteFamily; }
  get localAddress(): string | undefined { return this.socket.localAddress; }
  get localPort(): number | undefined { return this.socket.localPort; }
  address(): ReturnType<net.Socket['address']> { return this.socket.address(); }
}

function splitUrl(url: string): { rawPath: string; query: URLSearchParams } {
  const q = url.indexOf('?');
  return q < 0 ? { rawPath: url, query: new URLSearchParams() } : { rawPath: url.slice(0, q), query: new URLSearchParams(url.slice(q + 1)) };
}

function flatHeaders(h: http.IncomingHttpHeaders): Record<string, string | undefined> {
  const out: Record<string, string | undefined> = {};
  for (const [k, v] of Object.entries(h)) out[k] = Array.isArray(v) ? v.join(', ') : v;
  return out;
}

function readBody(stream: NodeJS.ReadableStream): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const parts: Buffer[] = [];
    stream.on('data', (d: Buffer) => parts.push(d));
    stream.on('end', () => resolve(Buffer.concat(parts)));
    stream.on('error', reject);
  });
}

function h2Exchange(stream: http2.ServerHttp2Stream, headers: http2.IncomingHttpHeaders, body: Buffer): Exchange {
  const { rawPath, query } = splitUrl(String(headers[':path'] ?? '/'));
  let closedFlag = false;
  // A stream the client reset is destroyed before its 'close' event fires: read both, or a
  // late respond() on it throws ERR_HTTP2_INVALID_STREAM and takes the whole endpoint down.
  const isClosed = () => closedFlag || stream.destroyed || stream.closed;
  const listeners: (() => void)[] = [];
  stream.on('close', () => { closedFlag = true; for (const l of listeners) l(); });
  stream.on('error', () => { closedFlag = true; });
  return {
    protocol: 'h2', method: String(headers[':method'] ?? 'GET'), rawPath, query, headers: flatHeaders(headers), body,
    respond(status, h) { if (!stream.headersSent && !isClosed()) stream.respond({ ':status': status, ...h }); },
    get responded() { return stream.headersSent; },
    write(chunk) {
      if (isClosed()) return Promise.resolve();
      return new Promise((resolve) => { stream.write(chunk, () => resolve()); });
    },
    end(chunk) { if (!isClosed()) stream.end(chunk); },
    abort() { if (!isClosed()) stream.destroy(new Error('local Bedrock endpoint: connection dropped by fault injection')); },
    get closed() { return isClosed(); },
    onClose(l) { listeners.push(l); },
  };
}

function h1Exchange(req: http.IncomingMessage, res: http.ServerResponse, body: Buffer): Exchange {
  const { rawPath, query } = splitUrl(req.url ?? '/');
  let closed = false;
  const listeners: (() => void)[] = [];
  res.on('close', () => { closed = true; for (const l of listeners) l(); });
  return {
    protocol: 'http/1.1', method: req.method ?? 'GET', rawPath, query, headers: flatHeaders(req.headers), body,
    respond(status, h) { if (!res.headersSent) res.writeHead(status, h); },
    get responded() { return res.headersSent; },
    write(chunk) {
      if (closed) return Promise.resolve();
      return new Promise((resolve) => { res.write(chunk, () => resolve()); });
    },
    end(chunk) { if (!closed) res.end(chunk); },
    abort() { req.socket.destroy(); },
    get closed() { return closed; },
    onClose(l) { listeners.push(l); },
  };
}

export interface DualServer {
  port: number;
  close(): Promise<void>;
}

/** A certificate to serve TLS with (h2 or HTTP/1.1 chosen by ALPN), as Bedrock and company gateways do. */
export interface TlsIdentity {
  key: string;
  cert: string;
}

/**
 * Listens on 127.0.0.1:port (0 = a free port) and hands every request to `handler`. With `tls`,
 * every connection is TLS and ALPN picks h2 or HTTP/1.1; without it, the first bytes do (h2c).
 */
export async function listenDual(port: number, handler: ExchangeHandler, tlsIdentity?: TlsIdentity): Promise<DualServer> {
  const sockets = new Set<net.Socket>();
  const h2 = http2.createServer();
  const sessions = new Set<http2.ServerHttp2Session>();
  h2.on('session', (s) => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
  h2.on('stream', (stream, headers) => {
    readBody(stream).then((body) => handler(h2Exchange(stream, headers, body)), () => stream.destroy());
  });
  const h1 = http.createServer((req, res) => {
    readBody(req).then((body) => handler(h1Exchange(req, res, body)), () => res.destroy());
  });
  // TLS: Node's secure HTTP/2 server picks h2 or HTTP/1.1 by ALPN; h2 arrives as streams, HTTP/1.1 as requests.
  const secure = tlsIdentity ? http2.createSecureServer({ ...tlsIdentity, allowHTTP1: true }) : undefined;
  if (secure) {
    secure.on('session', (s) => { sessions.add(s); s.on('close', () => sessions.delete(s)); });
    secure.on('stream', (stream, headers) => {
      readBody(stream).then((body) => handler(h2Exchange(stream, headers, body)), () => stream.destroy());
    });
    secure.on('request', (req, res) => {
      if (req.httpVersionMajor !== 1) return; // h2: handled as a stream above
      const [r1, s1] = [req as unknown as http.IncomingMessage, res as unknown as http.ServerResponse];
      readBody(r1).then((body) => handler(h1Exchange(r1, s1, body)), () => s1.destroy());
    });
  }
  // noDelay: the servers get the sockets from us, not from their own listeners, so Node never
  // disables Nagle's algorithm for them; left on, a response written in two pieces (headers, then
  // body; or one event frame after another) waits for the client's delayed ACK, about 40 ms.
  const tcp = net.createServer({ noDelay: true }, (socket) => {
    sockets.add(socket);
    socket.on('close', () => sockets.delete(socket));
    socket.on('error', () => socket.destroy());
    if (secure) {
      secure.emit('connection', socket);
      return;
    }
    let head = Buffer.alloc(0);
    const sniff = (d: Buffer): void => {
      head = Buffer.concat([head, d]);
      if (head.length < 3) return;
      socket.off('data', sniff);
      socket.pause();
      const target = head.subarray(0, 3).toString('latin1') === 'PRI' ? h2 : h1;
      target.emit('connection', new ReplaySocket(socket, head));
    };
    socket.on('data', sniff);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once('error', reject);
    tcp.listen(port, '127.0.0.1', () => resolve());
  });
  const addr = tcp.address() as net.AddressInfo;
  return {
    port: addr.port,
    close: () => new Promise<void>((resolve) => {
      for (const s of sessions) s.destroy();
      for (const s of sockets) s.destroy();
      h1.closeAllConnections();
      tcp.close(() => resolve());
    }),
  };
}
