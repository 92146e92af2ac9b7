// Checks an endpoint override typed by the user. Plain Node: no `vscode`.
import { isLoopbackHost } from '../bedrock/layerErrors';

/** An endpoint override must be an http(s) URL with a host and nothing after the path. */
export function endpointProblem(value: string): string | undefined {
  let url: URL;
  try {
    url = new URL(value.trim());
  } catch {
    return 'Enter a URL such as http://127.0.0.1:4000';
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'The endpoint must start with http:// or https://';
  if (url.protocol === 'http:' && !isLoopbackHost(url.hostname)) return 'An endpoint that is not on this machine must use https://';
  if (url.username || url.password) return 'Leave credentials out of the endpoint URL.';
  if (url.search || url.hash) return 'The endpoint takes no query or fragment.';
  return undefined;
}
