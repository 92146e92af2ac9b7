// A TCP proxy on loopback that delivers every byte of the server's answers `delayMs` late: the
// local endpoint then sits "delayMs away", as Bedrock does, so a benchmark can tell calls that
// overlap from calls that wait for each other.
import * as net from 'node:net';

export interface LatencyProxy {
  endpoint: string;
  close(): Promise<void>;
}

export async function startLatencyProxy(target: string, delayMs: number): Promise<LatencyProxy> {
  const { hostname, port } = new URL(target);
  const sockets = new Set<net.Socket>();
  const server = net.createServer({ noDelay: true }, (client) => {
    const upstream = net.connect({ host: hostname, port: Number(port), noDelay: true });
    for (const s of [client, upstream]) {
      sockets.add(s);
      s.on('close', () => sockets.delete(s));
      s.on('error', () => { client.destroy(); upstream.destroy(); });
    }
    client.on('data', (d) => upstream.write(d));
    client.on('end', () => upstream.end());
    // Same delay for every piece, so the order is kept.
    upstream.on('data', (d) => setTimeout(() => { if (!client.destroyed) client.write(d); }, delayMs));
    upstream.on('end', () => setTimeout(() => client.end(), delayMs));
  });
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve());
  });
  const addr = server.address() as net.AddressInfo;
  return {
    endpoint: `http://127.0.0.1:${addr.port}`,
    close: () => new Promise<void>((resolve) => {
      for (const s of sockets) s.destroy();
      server.close(() => resolve());
    }),
  };
}
