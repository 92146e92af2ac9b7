// Host side of the playground's Usage tab: reads CloudWatch's AWS/Bedrock metrics for the current
// profile and Region (BedrockService.usage) when the tab asks (its range, Refresh), keeps the last
// report so a reloaded page shows it again, and builds the CloudWatch console link.

import * as vscode from 'vscode';
import { runErrorAction } from '../../account/errorActions';
import type { BedrockErrorInfo } from '../../bedrock/types';
import { cloudWatchConsoleUrl } from '../../bedrock/usage/consoleUrl';
import { describeUsageError } from '../../bedrock/usage/usageErrors';
import { log } from '../../core/log';
import { bedrock } from '../../core/services';
import { UsageEvents, UsageRequests, type UsageRange, type UsageView } from '../../protocol/usage';
import { type PlaygroundContext, registerPlaygroundContribution } from '../contributions';

export function registerUsagePane(context: vscode.ExtensionContext): void {
  context.subscriptions.push(registerPlaygroundContribution((ctx) => attachUsagePane(ctx)));
}

/** What the tab uses of its panel (integration tests drive it through a router of their own). */
export type UsagePaneContext = Pick<PlaygroundContext, 'router' | 'notify' | 'isReady'>;

export function attachUsagePane(ctx: UsagePaneContext): vscode.Disposable {
  let view: UsageView | undefined;
  let running: AbortController | undefined;
  let lastError: BedrockErrorInfo | undefined;

  const base = (range: UsageRange): Pick<UsageView, 'range' | 'region' | 'local'> => {
    const c = bedrock().connection;
    return { range, region: c.region, local: c.local === true };
  };

  const load = async (range: UsageRange): Promise<void> => {
    running?.abort();
    const controller = new AbortController();
    running = controller;
    view = { ...base(range), loading: true, ...(view?.report && view.range === range ? { report: view.report, consoleUrl: view.consoleUrl } : {}) };
    ctx.notify(UsageEvents.view, view);
    try {
      const report = await bedrock().usage.read(range, controller.signal);
      if (running !== controller) return;
      const consoleUrl = cloudWatchConsoleUrl(report.region, range, report.periodSeconds, report.models.map((m) => m.modelId));
      lastError = undefined;
      view = { ...base(range), loading: false, report, ...(consoleUrl ? { consoleUrl } : {}) };
    } catch (err) {
      if (running !== controller) return;
      log().error(`Usage: reading CloudWatch metrics (last ${range}) failed`, err);
      lastError = describeUsageError(err, bedrock().connection.region, (e) => bedrock().describeError(e));
      view = { ...base(range), loading: false, error: lastError };
    } finally {
      if (running === controller) running = undefined;
    }
    ctx.notify(UsageEvents.view, view);
  };

  const r = ctx.router;
  const disposables = [
    // The tab asks for its first read itself (with the range it remembers); a reloaded page gets the last view back.
    r.onReady(() => { if (view) ctx.notify(UsageEvents.view, view); }),
    r.onRequest(UsageRequests.load, async (p) => { await load(p.range); }),
    r.onRequest(UsageRequests.runErrorAction, async () => ({ retry: lastError?.action ? await runErrorAction(lastError.action) : false })),
    bedrock().onDidChangeConnection(() => {
      // Another profile or Region: the last report is not theirs.
      if (view && ctx.isReady) void load(view.range);
      else view = undefined;
    }),
  ];
  return { dispose: () => { running?.abort(); disposables.forEach((d) => d.dispose()); } };
}
