// The local Bedrock endpoint in a process of its own, as Bedrock is on another machine: the
// endpoint's work then does not share the benchmark's event loop. Ended by process group.
import * as path from 'node:path';
import { spawnGroup, waitForOutput } from '../../scripts/lib/processes';
import { repoRoot } from '../../scripts/lib/paths';
import { LocalBedrockControl } from '../support/localBedrockControl';

export interface EndpointProcess {
  endpoint: string;
  control: LocalBedrockControl;
  stop(): Promise<void>;
}

export async function startEndpointProcess(): Promise<EndpointProcess> {
  const group = spawnGroup('local-bedrock', process.execPath, ['--import', 'tsx', path.join(repoRoot, 'test', 'localBedrock', 'cli.ts'), '--port', '0'], { cwd: repoRoot });
  try {
    const m = await waitForOutput(group, /"runtimeEndpoint":"(http:\/\/127\.0\.0\.1:\d+)"/, 30_000);
    const endpoint = m[1]!;
    return { endpoint, control: new LocalBedrockControl(endpoint), stop: () => group.stop() };
  } catch (err) {
    await group.stop();
    throw err;
  }
}
