// The CloudWatch console on the same metrics as the Usage view: All metrics, graphed, one line of
// Invocations per model over the same range. The console keeps its graph in the URL's fragment
// (`#metricsV2?graph=…`) in its own notation: `~(…)` a list, `~'text` a string, `~name` a bare
// word, and `*` instead of `%` in percent-escapes. Source: the URLs the console itself writes (as
// documented by greymd/cw-fs-url, which builds them); no AWS page documents the notation.

import { isValidRegionName } from '../region';
import type { UsageRange } from './usageQuery';

const RELATIVE: Record<UsageRange, string> = { hour: '-PT1H', day: '-PT24H', week: '-PT168H', month: '-PT720H' };
/** The console graphs at most this many lines; the rest stay one click away in its search. */
export const MAX_CONSOLE_MODELS = 50;

/** Percent-escapes as encodeURIComponent does, and also ' ( ) * ! ~, then writes `*` for `%`. */
function esc(s: string): string {
  return encodeURIComponent(s).replace(/['()*!~]/g, (c) => `%${c.charCodeAt(0).toString(16).toUpperCase()}`).replace(/%([0-9A-F]{2})/g, (_m, h: string) => `*${h.toLowerCase()}`);
}
const str = (s: string) => `~'${esc(s)}`;

export function cloudWatchConsoleUrl(region: string, range: UsageRange, periodSeconds: number, modelIds: readonly string[]): string | undefined {
  // The Region goes into the host name: only a Region name does.
  if (!isValidRegionName(region)) return undefined;
  const ids = modelIds.slice(0, MAX_CONSOLE_MODELS);
  const metrics = ids.length
    ? `~(${ids.map((id) => `~(${str('AWS/Bedrock')}${str('Invocations')}${str('ModelId')}${str(id)})`).join('')})`
    : `~(~(${str('AWS/Bedrock')}${str('Invocations')}))`;
  const graph = `~(metrics${metrics}~view${str('timeSeries')}~stacked~false~region${str(region)}~stat${str('Sum')}~period~${periodSeconds}~start${str(RELATIVE[range])}~end${str('P0D')})`;
  return `https://${region}.console.aws.amazon.com/cloudwatch/home?region=${encodeURIComponent(region)}#metricsV2?graph=${graph}`;
}
