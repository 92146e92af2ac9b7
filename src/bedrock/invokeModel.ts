import type { BedrockRuntimeClient } from '@aws-sdk/client-bedrock-runtime';
import { loadRuntimeSdk } from './sdk';

// InvokeModel with a JSON body, returning the parsed JSON and the response headers (Bedrock
// reports token counts and latency in `x-amzn-bedrock-*` headers, which the SDK's output drops).

export interface InvokeJsonResult {
  json: unknown;
  headers: Record<string, string>;
}

const encoder = new TextEncoder();

export async function invokeJson(runtime: BedrockRuntimeClient, modelId: string, body: unknown, signal?: AbortSignal): Promise<InvokeJsonResult> {
  const { InvokeModelCommand } = await loadRuntimeSdk();
  const command = new InvokeModelCommand({
    modelId,
    body: encoder.encode(JSON.stringify(body)),
    contentType: 'application/json',
    accept: 'application/json',
  });
  let headers: Record<string, string> = {};
  command.middlewareStack.add(
    (next) => async (args) => {
      const out = await next(args);
      const res = out.response as { headers?: Record<string, string> } | undefined;
      if (res?.headers) headers = res.headers;
      return out;
    },
    { step: 'deserialize', name: 'captureBedrockResponseHeaders' },
  );
  const res = await runtime.send(command, { abortSignal: signal });
  const text = res.body ? new TextDecoder().decode(res.body) : '';
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : {};
  } catch {
    throw new Error(`${modelId} answered with a body that is not JSON: ${text.slice(0, 200)}`);
  }
  return { json, headers };
}

/** A numeric `x-amzn-bedrock-…` header, when present. */
export function numericHeader(headers: Record<string, string>, name: string): number | undefined {
  const v = headers[name] ?? headers[name.toLowerCase()];
  if (v === undefined) return undefined;
  const n = Number(v);
  return Number.isFinite(n) ? n : undefined;
}
