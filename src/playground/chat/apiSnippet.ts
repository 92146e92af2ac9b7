// "Copy as code": a runnable TypeScript program that sends the same request with
// @aws-sdk/client-bedrock-runtime. Credentials are never written into it: it uses the named
// profile (or the default chain); only the local endpoint's fixed stand-in keys appear, for it alone.

import type { ApiRequestRecord, ConnectionSettings } from '../../bedrock/types';
import { BEARER_TOKEN_ENV, credentialSource } from '../../bedrock/clients';

export interface SnippetConnection {
  region: string;
  profile?: string;
  /** Only for an endpoint override (VPC endpoint or the local endpoint). */
  endpoint?: string;
  local?: boolean;
  /** The playground calls Bedrock with an API key: the program reads one from the environment (the key itself is never copied). */
  apiKey?: boolean;
}

/** What of the connection the program needs: names and addresses only, never a credential. */
export function snippetConnection(conn: ConnectionSettings): SnippetConnection {
  const apiKey = credentialSource(conn).kind === 'bearerToken';
  return {
    region: conn.region,
    ...(conn.profile && !apiKey ? { profile: conn.profile } : {}),
    ...(conn.endpoint ? { endpoint: conn.endpoint } : {}),
    ...(conn.local ? { local: true } : {}),
    ...(apiKey ? { apiKey: true } : {}),
  };
}

const ELIDED = /^<(\d+) bytes elided>$/;

/** Replaces elided image bytes with a file read, returning the body and the image files the program expects. */
function withImageReads(body: unknown): { json: string; images: string[] } {
  const images: string[] = [];
  const marker = (i: number) => `__IMAGE_FILE_${i}__`;
  const walk = (v: unknown, key?: string): unknown => {
    if (typeof v === 'string' && key === 'bytes' && ELIDED.test(v)) {
      images.push(`image-${images.length + 1}`);
      return marker(images.length);
    }
    if (Array.isArray(v)) return v.map((x) => walk(x));
    if (v && typeof v === 'object') {
      const o: Record<string, unknown> = {};
      for (const [k, x] of Object.entries(v)) o[k] = walk(x, k);
      return o;
    }
    return v;
  };
  const replaced = walk(body);
  let json = JSON.stringify(replaced, null, 2) ?? 'null';
  images.forEach((name, i) => {
    json = json.replace(`"${marker(i + 1)}"`, `readFileSync(${JSON.stringify(`${name}.png`)})`);
  });
  return { json, images };
}

function indent(text: string, by: string): string {
  return text.split('\n').map((l, i) => (i === 0 ? l : by + l)).join('\n');
}

export function apiSnippet(request: ApiRequestRecord, conn: SnippetConnection): string {
  const op = request.operation;
  const imports = [`BedrockRuntimeClient`, `${op}Command`];
  const { json, images } = withImageReads(request.body);
  const lines: string[] = [
    '// Sends the same request as the Bedrock playground did.',
    '// Run: npm install @aws-sdk/client-bedrock-runtime' + (conn.profile ? ' @aws-sdk/credential-providers' : '') + ' tsx',
    '//      npx tsx bedrock-request.mts',
  ];
  if (conn.apiKey) lines.push(`// Authorization: set ${BEARER_TOKEN_ENV} to your Bedrock API key first (the SDK sends it as the bearer token).`);
  if (images.length) lines.push(`// Put the attached image${images.length > 1 ? 's' : ''} next to it as ${images.map((n) => `${n}.png`).join(', ')} (the format is in the request).`);
  lines.push(`import { ${imports.join(', ')} } from '@aws-sdk/client-bedrock-runtime';`);
  if (conn.profile) lines.push(`import { fromIni } from '@aws-sdk/credential-providers';`);
  if (images.length) lines.push(`import { readFileSync } from 'node:fs';`);
  lines.push('');
  const clientOptions: string[] = [`region: ${JSON.stringify(conn.region)}`];
  if (conn.profile) clientOptions.push(`credentials: fromIni({ profile: ${JSON.stringify(conn.profile)} })`);
  if (conn.endpoint) clientOptions.push(`endpoint: ${JSON.stringify(conn.endpoint)}`);
  if (conn.local) clientOptions.push(`// The local Bedrock endpoint checks no signature; these are its fixed stand-in keys.\n  credentials: { accessKeyId: 'local', secretAccessKey: 'local' }`);
  lines.push(`const client = new BedrockRuntimeClient({\n  ${clientOptions.join(',\n  ')},\n});`, '');

  if (op === 'Converse' || op === 'ConverseStream') {
    const body = json.replace(/^\{\n?/, '').replace(/\n?\}$/, '');
    const input = `{\n  modelId: ${JSON.stringify(request.modelId)},${body ? `\n${body}` : ''}\n}`;
    lines.push(`const response = await client.send(new ${op}Command(${input}));`);
    if (op === 'ConverseStream') {
      lines.push('for await (const event of response.stream ?? []) {',
        '  const text = event.contentBlockDelta?.delta?.text;',
        '  if (text) process.stdout.write(text);',
        '  if (event.metadata) console.log(\'\\n\', event.metadata.usage);',
        '}');
    } else {
      lines.push('for (const block of response.output?.message?.content ?? []) if (block.text) console.log(block.text);',
        'console.log(response.stopReason, response.usage);');
    }
  } else {
    lines.push(`const body = ${indent(json, '')};`, '');
    lines.push(`const response = await client.send(new ${op}Command({`,
      `  modelId: ${JSON.stringify(request.modelId)},`,
      `  contentType: 'application/json',`,
      `  accept: 'application/json',`,
      `  body: JSON.stringify(body),`,
      '}));');
    if (op === 'InvokeModelWithResponseStream') {
      lines.push('for await (const event of response.body ?? []) {',
        '  if (event.chunk?.bytes) console.log(JSON.parse(new TextDecoder().decode(event.chunk.bytes)));',
        '}');
    } else {
      lines.push('console.log(JSON.parse(new TextDecoder().decode(response.body)));');
    }
  }
  return lines.join('\n') + '\n';
}
