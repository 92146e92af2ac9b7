// `npm run setup`: installs everything the integration and end-to-end tiers and `npm start`
// need. Each tier also calls ensureTools() itself, so this is optional; it is idempotent and
// takes well under a second when everything is cached.
import { ensureAptPackages } from './apt';
import { ensureCodeServer, ensureNodeRuntime } from './tools';

export async function ensureTools(): Promise<{ node: string; codeServer: string }> {
  await ensureAptPackages();
  const node = await ensureNodeRuntime();
  const codeServer = await ensureCodeServer();
  return { node, codeServer };
}

if (require.main === module) {
  const started = Date.now();
  ensureTools().then(
    (t) => console.log(`[setup] ready in ${((Date.now() - started) / 1000).toFixed(1)} s: node ${t.node}, code-server ${t.codeServer}`),
    (err: unknown) => {
      console.error(`[setup] failed: ${err instanceof Error ? err.message : String(err)}`);
      process.exitCode = 1;
    },
  );
}
