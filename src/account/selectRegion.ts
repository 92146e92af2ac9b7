import * as vscode from 'vscode';
import { updateBedrockSetting } from './settingsWriter';
import { BEDROCK_REGIONS, isValidRegionName } from './regions';
import { readConfig } from '../core/config';
import { describeRegionSource } from '../bedrock/region';

interface RegionItem extends vscode.QuickPickItem {
  code?: string;
  /** Unset `bedrock.region`, so AWS_REGION, AWS_DEFAULT_REGION or the profile's region apply. */
  unset?: true;
}

/** A Region code, `{ unset }` to clear the setting, or undefined when dismissed. */
async function askRegion(): Promise<string | { unset: true } | undefined> {
  const { region: current, regionSource } = readConfig();
  const where = describeRegionSource(regionSource);
  const items: RegionItem[] = BEDROCK_REGIONS.map((r) => ({
    label: r.code,
    description: r.name,
    code: r.code,
    ...(r.code === current ? { detail: `$(check) current region (${where})` } : {}),
  }));
  items.push({ label: '', kind: vscode.QuickPickItemKind.Separator }, { label: '$(edit) Other region…', description: 'Type a region name' });
  if (regionSource.kind === 'setting') {
    items.push({ label: '$(discard) Unset the Region setting', description: 'use AWS_REGION, AWS_DEFAULT_REGION or the profile\'s region, else us-east-1', unset: true });
  }
  const pick = await vscode.window.showQuickPick(items, {
    title: 'Bedrock: Select Region',
    placeHolder: `Regions where Amazon Bedrock runs (now: ${current}, ${where})`,
    matchOnDescription: true,
  });
  if (!pick) return undefined;
  if (pick.unset) return { unset: true };
  if (pick.code) return pick.code;
  return vscode.window.showInputBox({
    title: 'Bedrock: Select Region',
    prompt: 'An AWS Region name, such as eu-south-2',
    value: current,
    validateInput: (v) => (isValidRegionName(v) ? undefined : 'A region name looks like "eu-west-1".'),
  });
}

/**
 * Sets `bedrock.region`; the explorer and the status bar follow. An argument skips the picker.
 * Unsetting it (picker only) returns the Region that then applies.
 */
export async function selectRegion(arg?: unknown): Promise<string | undefined> {
  const answer = typeof arg === 'string' ? arg.trim() : await askRegion();
  if (!answer) return undefined;
  if (typeof answer === 'object') {
    await updateBedrockSetting('region', undefined);
    return readConfig().region;
  }
  const region = answer.trim();
  if (!isValidRegionName(region)) {
    void vscode.window.showErrorMessage(`"${region.slice(0, 60)}" is not an AWS Region name (they look like "eu-west-1").`);
    return undefined;
  }
  await updateBedrockSetting('region', region);
  return region;
}

export function registerSelectRegion(context: vscode.ExtensionContext): void {
  context.subscriptions.push(vscode.commands.registerCommand('bedrock.selectRegion', selectRegion));
}
