// Test helper: a private AWS environment (config files, HOME, no keys) restored afterwards.
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

const AWS_VARS = [
  'AWS_PROFILE', 'AWS_DEFAULT_PROFILE', 'AWS_ACCESS_KEY_ID', 'AWS_SECRET_ACCESS_KEY', 'AWS_SESSION_TOKEN', 'AWS_CONFIG_FILE',
  'AWS_SHARED_CREDENTIALS_FILE', 'AWS_BEARER_TOKEN_BEDROCK', 'AWS_WEB_IDENTITY_TOKEN_FILE', 'AWS_ROLE_ARN',
  'AWS_CONTAINER_CREDENTIALS_RELATIVE_URI', 'AWS_CONTAINER_CREDENTIALS_FULL_URI', 'AWS_EC2_METADATA_DISABLED', 'AWS_REGION', 'HOME',
];

export interface AwsSandbox {
  dir: string;
  configFile: string;
  credentialsFile: string;
}

/**
 * Runs `fn` with AWS_CONFIG_FILE / AWS_SHARED_CREDENTIALS_FILE / HOME in a temp dir of its own,
 * holding the given file contents, every other AWS variable unset except `env`; then restores
 * the environment and removes the dir.
 */
export async function inAwsSandbox<T>(files: { config?: string; credentials?: string }, env: Record<string, string>, fn: (s: AwsSandbox) => Promise<T>): Promise<T> {
  const saved = new Map(AWS_VARS.map((k) => [k, process.env[k]]));
  const dir = mkdtempSync(join(tmpdir(), 'bedrock-aws-'));
  const sandbox = { dir, configFile: join(dir, 'config'), credentialsFile: join(dir, 'credentials') };
  writeFileSync(sandbox.configFile, files.config ?? '');
  writeFileSync(sandbox.credentialsFile, files.credentials ?? '');
  for (const k of AWS_VARS) delete process.env[k];
  Object.assign(process.env, {
    AWS_CONFIG_FILE: sandbox.configFile,
    AWS_SHARED_CREDENTIALS_FILE: sandbox.credentialsFile,
    HOME: dir,
    // No instance metadata lookups (they would wait for a timeout off EC2).
    AWS_EC2_METADATA_DISABLED: 'true',
    ...env,
  });
  try {
    return await fn(sandbox);
  } finally {
    for (const [k, v] of saved) {
      if (v === undefined) delete process.env[k];
      else process.env[k] = v;
    }
    rmSync(dir, { recursive: true, force: true });
  }
}
