import * as vscode from 'vscode';
import { FEATURES } from './features';
import { log } from './core/log';

/** Builds the services and registers each feature; nothing else happens here (activation must stay cheap). */
export function activate(context: vscode.ExtensionContext): void {
  const started = performance.now();
  context.subscriptions.push(log());
  const times: Array<[string, number]> = [];
  for (const [name, register] of FEATURES) {
    const t = performance.now();
    // One failing feature must not take the others down.
    try {
      register(context);
    } catch (err) {
      log().error(`Feature "${name}" failed to start`, err);
    }
    times.push([name, performance.now() - t]);
  }
  // Read by the activation benchmark (npm run bench); the slowest features say where the time went.
  const slowest = times.sort((a, b) => b[1] - a[1]).slice(0, 3).map(([n, ms]) => `${n} ${ms.toFixed(1)} ms`).join(', ');
  log().info(`Activated in ${(performance.now() - started).toFixed(1)} ms (slowest: ${slowest})`);
}

export function deactivate(): void {
  // Disposables in context.subscriptions are released by VS Code.
}
