// `npm run local-bedrock -- --port 0 [--rate TOKENS_PER_SECOND]`: prints one JSON line with the
// endpoints once listening, and stops on SIGTERM / SIGINT.
import { startLocalBedrock } from './server';

function option(name: string): string | undefined {
  const i = process.argv.indexOf(`--${name}`);
  if (i >= 0) return process.argv[i + 1];
  return process.argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
}

function numberOption(name: string, dflt: number): number {
  const raw = option(name);
  if (raw === undefined) return dflt;
  const n = Number(raw);
  if (!Number.isFinite(n) || n < 0) {
    process.stderr.write(`local-bedrock: --${name} must be a number >= 0, got ${JSON.stringify(raw)}\n`);
    process.exit(2);
  }
  return n;
}

async function main(): Promise<void> {
  const server = await startLocalBedrock({ port: numberOption('port', 0), tokensPerSecond: numberOption('rate', 0) });
  process.stdout.write(`${JSON.stringify({ runtimeEndpoint: server.runtimeEndpoint, controlEndpoint: server.controlEndpoint })}\n`);
  let stopping = false;
  const stop = (): void => {
    if (stopping) return;
    stopping = true;
    server.close().then(() => process.exit(0), () => process.exit(1));
  };
  process.on('SIGTERM', stop);
  process.on('SIGINT', stop);
}

main().catch((err: unknown) => {
  process.stderr.write(`local-bedrock: ${(err as Error).message}\n`);
  process.exit(1);
});
