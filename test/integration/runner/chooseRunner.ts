// Which VS Code runs the suite. A desktop VS Code (@vscode/test-electron) when one can be had:
// VSCODE_EXECUTABLE names one, or a display exists and VS Code's download service answers.
// Otherwise (headless Linux, or only the npm registry reachable) the VS Code server bundled in
// code-server. INTEGRATION_RUNNER=electron|server overrides the choice.

export type RunnerKind = 'electron' | 'server';

function hasDisplay(): boolean {
  if (process.platform !== 'linux') return true;
  return Boolean(process.env.DISPLAY || process.env.WAYLAND_DISPLAY);
}

async function vsCodeDownloadable(): Promise<boolean> {
  try {
    const res = await fetch('https://update.code.visualstudio.com/api/releases/stable', { signal: AbortSignal.timeout(5000) });
    return res.ok;
  } catch {
    return false;
  }
}

export async function chooseRunner(): Promise<{ kind: RunnerKind; why: string }> {
  const forced = process.env.INTEGRATION_RUNNER;
  if (forced === 'electron' || forced === 'server') return { kind: forced, why: 'INTEGRATION_RUNNER' };
  if (forced) throw new Error(`INTEGRATION_RUNNER must be "electron" or "server", not "${forced}"`);
  if (process.env.VSCODE_EXECUTABLE) return { kind: 'electron', why: 'VSCODE_EXECUTABLE is set' };
  // Without a display a desktop VS Code cannot start, so there is no point asking the network.
  if (!hasDisplay()) return { kind: 'server', why: 'no display' };
  if (await vsCodeDownloadable()) return { kind: 'electron', why: 'VS Code can be downloaded' };
  return { kind: 'server', why: 'VS Code cannot be downloaded here' };
}
