import * as vscode from 'vscode';
import { updateBedrockSetting } from './settingsWriter';
import { BEDROCK_REGIONS, isValidRegionName } from './regions';
import { readConfig } from '../core/config';

interface RegionItem extends vscode.QuickPickItem {
  code?: string;
}

async function askRegion(): Promise<string | undefined> {
  const current = readConfig().region;
  const items: RegionItem[] = BEDROCK_REGIONS.map((r) => ({
    label: r.code,
    description: r.name,
    code: r.code,
    ...(r.code === current ? { detail: '$(check) current region' } : {}),
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Other region…', description: 'Type a region name' });
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Bedrock: Select Region',
    placeHolder: `Regions where Amazon Bedrock runs (now: ${current})`,
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  if (pick.code) return pick.code;
  return vscode.window.showInputBox({
    title: 'Bedrock: Select Region',
    prompt: 'An AWS Region name, such as eu-south-2',
    value: current,
    validateInput: (v) => (isValidRegionName(v) ? undefined : 'A region name looks like "eu-west-1".'),
  });
}

/** Sets `bedrock.region`; the explorer and the status bar follow. An argument skips the picker. */
export async function selectRegion(arg?: unknown): Promise<string | undefined> {
  const region = typeof arg === 'string' ? arg.trim() : await askRegion();
  if (!region) return undefined;
  if (!isValidRegionName(region)) {
    void vscode.window.showErrorMessage(`"${region}" is not an AWS Region name (they look like "eu-west-1").`);
    return undefined;
  }
  await updateBedrockSetting('region', region.trim());
  return region.trim();
}

export function registerSelectRegion(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.selectRegion', selectRegion));
}
