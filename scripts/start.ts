// `npm start`: the one command that runs the product for a newcomer. Builds and packages the
// extension, starts the local Bedrock endpoint, starts VS Code (code-server, from the project's
// own cache) with the extension installed and its settings pointing at that endpoint, and prints
// the URL to open. `npm start -- --aws` uses your default AWS profile and Region instead.
// `--port N` picks code-server's port (default: a free one). Ctrl-C stops everything it started.
import * as fs from 'node:fs';
import * as path from 'node:path';
import { startLocalBedrock, type LocalBedrock } from '../test/localBedrock/server';
import { stopAllGroups } from './lib/processes';
import { QUIET_WORKBENCH_SETTINGS, createRunFolder, isolatedEnv, writeSettings } from './lib/runFolder';
import { cacheRoot } from './lib/paths';
import { installVsix, startCodeServer } from './lib/vscodeServer';
import { ensureTools } from './setup/index';
import { buildVsix } from './setup/vsix';

const WELCOME = `# Bedrock Playground

Try these from the Command Palette (F1):

- **Bedrock: Chat** — the playground (Chat, Images, Compare, Embeddings, Knowledge base tabs)
- **Bedrock: Rewrite Selection** — select the text below first
- **Bedrock: Generate Image** — saves into \`images/\`

The Bedrock icon in the activity bar opens the model explorer.

Rewrite me: this sentence are having some grammar mistake that needs fixing.
`;

function option(name: string): string | undefined {
  const i = process.argv.indexOf(name);
  return i >= 0 ? process.argv[i + 1] : undefined;
}

async function main(): Promise<void> {
  const useAws = process.argv.includes('--aws');
  const port = Number(option('--port') ?? 0);
  if (!Number.isInteger(port) || port < 0 || port > 65535) throw new Error(`--port must be a port number, not "${option('--port')}"`);

  console.log('[start] preparing VS Code (the first run installs code-server: a few minutes)…');
  const tools = await ensureTools();
  const vsix = await buildVsix();

  // One folder kept between runs, so the playground's history and your settings survive a restart.
  const run = createRunFolder('start', path.join(cacheRoot, 'start'));
  const env = isolatedEnv(run, { hermetic: false });

  let endpoint: LocalBedrock | undefined;
  const stop = async () => {
    await stopAllGroups();
    await endpoint?.close();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      console.log('\n[start] stopping…');
      void stop().finally(() => process.exit(0));
    });
  }

  const settingsFile = path.join(run.userData, 'User', 'settings.json');
  const previous = fs.existsSync(settingsFile) ? (JSON.parse(fs.readFileSync(settingsFile, 'utf8')) as Record<string, unknown>) : {};
  if (useAws) {
    delete previous['bedrock.endpoint'];
    writeSettings(settingsFile, { ...QUIET_WORKBENCH_SETTINGS, ...previous, 'bedrock.endpoint': '' });
  } else {
    endpoint = await startLocalBedrock({ port: 0, tokensPerSecond: 60 });
    writeSettings(settingsFile, { ...QUIET_WORKBENCH_SETTINGS, ...previous, 'bedrock.endpoint': endpoint.endpoint });
  }
  const welcome = path.join(run.workspace, 'WELCOME.md');
  if (!fs.existsSync(welcome)) fs.writeFileSync(welcome, WELCOME);

  await installVsix(tools, run, env, vsix);
  const server = await startCodeServer(tools, run, env, port);
  const url = `${server.url}/?folder=${encodeURIComponent(run.workspace)}`;
  console.log('');
  console.log(`  Bedrock Playground is running: ${url}`);
  console.log(useAws
    ? '  Using your AWS credentials (default chain / AWS_PROFILE) and Region from the extension settings.'
    : `  Using the local Bedrock endpoint ${endpoint?.endpoint} (stand-in models, no AWS account needed).`);
  console.log('  Press Ctrl-C to stop.');
  console.log('');
  server.group.exited.then(
    async () => {
      console.log('[start] VS Code stopped.');
      await stop();
      process.exit(0);
    },
    () => undefined,
  );
}

main().catch(async (err: unknown) => {
  console.error(`[start] ${err instanceof Error ? err.message : String(err)}`);
  await stopAllGroups();
  process.exit(1);
});
