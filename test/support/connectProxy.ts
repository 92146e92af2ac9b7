// A small HTTP CONNECT proxy over node:net, as a company's egress proxy is to the extension: it
// binds 127.0.0.1 on a free port, tunnels each CONNECT to its target, records every target, and
// closes itself (and every tunnel) on close().
import * as net from 'node:net';
import { EventEmitter, once } from 'node:events';

export interface ConnectProxy {
  /** http://127.0.0.1:PORT */
  url: string;
  /** Every CONNECT target seen, in order ("127.0.0.1:4433"). */
  readonly tunnels: string[];
  /** Resolves once `count` tunnels have been opened. */
  untilTunnels(count: number): Promise<void>;
  close(): Promise<void>;
}

export async function startConnectProxy(): Promise<ConnectProxy> {
  const tunnels: string[] = [];
  const sockets = new Set<net.Socket>();
  const events = new EventEmitter();
  const track = (s: net.Socket) => { sockets.add(s); s.on('close', () => sockets.delete(s)); s.on('error', () => s.destroy()); };
  const server = net.createServer((client) => {
    track(client);
    let head = Buffer.alloc(0);
    const onData = (d: Buffer) => {
      head = Buffer.concat([head, d]);
      const end = head.indexOf('\r\n\r\n');
      if (end < 0) return;
      client.off('data', onData);
      const [method, target = ''] = (head.subarray(0, end).toString('latin1').split('\r\n')[0] ?? '').split(' ');
      const m = /^([^\s:]+|\[[^\]]+\]):(\d+)$/.exec(target);
      if (method !== 'CONNECT' || !m?.[1] || !m[2]) {
        client.end('HTTP/1.1 405 Method Not Allowed\r\nContent-Length: 0\r\n\r\n');
        return;
      }
      const upstream = net.connect(Number(m[2]), m[1].replace(/^\[|\]$/g, ''), () => {
        tunnels.push(target);
        events.emit('tunnel');
        client.write('HTTP/1.1 200 Connection Established\r\n\r\n');
        const rest = head.subarray(end + 4);
        if (rest.length) upstream.write(rest);
        client.pipe(upstream).pipe(client);
      });
      track(upstream);
      upstream.on('error', () => client.destroy());
    };
    client.on('data', onData);
  });
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  const { port } = server.address() as net.AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    tunnels,
    async untilTunnels(count) {
      while (tunnels.length < count) await once(events, 'tunnel');
    },
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
