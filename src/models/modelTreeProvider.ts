import * as vscode from 'vscode';
import type { InferenceProfileRecord, ModelRecord } from '../bedrock/types';
import { bedrock } from '../core/services';
import { modelDescription, modelTooltip, needsProfile, profileDescription, profileModels, profileTooltip, type ModelGroup } from './catalogView';
import type { ModelExplorer } from './modelExplorer';

export type ExplorerNode =
  | { kind: 'group'; group: ModelGroup }
  | { kind: 'model'; model: ModelRecord; parentKey: string }
  | { kind: 'profiles'; system: InferenceProfileRecord[]; application: InferenceProfileRecord[] }
  | { kind: 'profileType'; type: 'SYSTEM_DEFINED' | 'APPLICATION'; profiles: InferenceProfileRecord[] }
  | { kind: 'profile'; profile: InferenceProfileRecord }
  /** Why the catalog could not be loaded (errors without a welcome view of their own). */
  | { kind: 'problem'; message: string; detail: string }
  | { kind: 'action'; label: string; command: string; icon: string };

export function isModelNode(v: unknown): v is Extract<ExplorerNode, { kind: 'model' }> {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'model';
}

export function isProfileNode(v: unknown): v is Extract<ExplorerNode, { kind: 'profile' }> {
  return typeof v === 'object' && v !== null && (v as { kind?: unknown }).kind === 'profile';
}

function modelIcon(model: ModelRecord): vscode.ThemeIcon {
  const color = model.lifecycle === 'LEGACY' ? new vscode.ThemeColor('list.warningForeground') : undefined;
  const out = model.outputModalities;
  const id = out.includes('IMAGE') ? 'file-media' : out.includes('EMBEDDING') ? 'symbol-array' : out.includes('VIDEO') ? 'device-camera-video' : out.includes('SPEECH') ? 'unmute' : 'comment-discussion';
  return new vscode.ThemeIcon(id, color);
}

/** contextValue words that menus match with regexes (`viewItem =~ /\bmodel\b/`). */
function modelContext(model: ModelRecord): string {
  const words = ['model'];
  for (const m of model.outputModalities) words.push(m.toLowerCase());
  if (model.streaming) words.push('streaming');
  if (model.lifecycle === 'LEGACY') words.push('legacy');
  if (needsProfile(model)) words.push('viaProfile');
  return words.join(' ');
}

export class ModelTreeProvider implements vscode.TreeDataProvider<ExplorerNode> {
  private readonly changed = new vscode.EventEmitter<ExplorerNode | undefined>();
  readonly onDidChangeTreeData = this.changed.event;

  constructor(private readonly explorer: ModelExplorer) {
    explorer.onDidChange(() => this.changed.fire(undefined));
  }

  getChildren(node?: ExplorerNode): ExplorerNode[] {
    if (!node) {
      // Empty while loading or without credentials/Bedrock: the view's welcome content explains why.
      void this.explorer.ensureLoaded();
      if (this.explorer.state === 'error') return this.problemNodes();
      const view = this.explorer.state === 'ready' ? this.explorer.view() : undefined;
      if (!view) return [];
      const roots: ExplorerNode[] = view.groups.map((group) => ({ kind: 'group', group }));
      if (view.systemProfiles.length || view.applicationProfiles.length) {
        roots.push({ kind: 'profiles', system: view.systemProfiles, application: view.applicationProfiles });
      }
      return roots;
    }
    switch (node.kind) {
      case 'group':
        return node.group.models.map((model) => ({ kind: 'model', model, parentKey: node.group.key }));
      case 'profiles': {
        const out: ExplorerNode[] = [];
        if (node.system.length) out.push({ kind: 'profileType', type: 'SYSTEM_DEFINED', profiles: node.system });
        if (node.application.length) out.push({ kind: 'profileType', type: 'APPLICATION', profiles: node.application });
        return out;
      }
      case 'profileType':
        return node.profiles.map((profile) => ({ kind: 'profile', profile }));
      default:
        return [];
    }
  }

  /** Other failures: the reason in the tree itself (a welcome view cannot show it), with what to do next. */
  private problemNodes(): ExplorerNode[] {
    const info = this.explorer.error;
    return [
      { kind: 'problem', message: info?.message ?? 'The models could not be loaded.', detail: info?.detail ?? '' },
      { kind: 'action', label: 'Retry', command: 'bedrock.refreshModels', icon: 'refresh' },
      { kind: 'action', label: 'Switch Connection…', command: 'bedrock.switchConnection', icon: 'cloud' },
      { kind: 'action', label: 'Show Log', command: 'bedrock.showLog', icon: 'output' },
    ];
  }

  getTreeItem(node: ExplorerNode): vscode.TreeItem {
    switch (node.kind) {
      case 'problem': {
        const item = new vscode.TreeItem(node.message, vscode.TreeItemCollapsibleState.None);
        item.id = 'problem';
        item.iconPath = new vscode.ThemeIcon('error', new vscode.ThemeColor('list.errorForeground'));
        item.tooltip = node.detail ? `${node.message}\n\n${node.detail}` : node.message;
        item.contextValue = 'problem';
        return item;
      }
      case 'action': {
        const item = new vscode.TreeItem(node.label, vscode.TreeItemCollapsibleState.None);
        item.id = `action/${node.command}`;
        item.iconPath = new vscode.ThemeIcon(node.icon);
        item.command = { command: node.command, title: node.label };
        item.contextValue = 'action';
        return item;
      }
      case 'group': {
        const item = new vscode.TreeItem(node.group.label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = node.group.key;
        item.description = `${node.group.models.length}`;
        item.contextValue = 'modelGroup';
        item.iconPath = new vscode.ThemeIcon(node.group.key.startsWith('provider:') ? 'organization' : 'symbol-enum');
        return item;
      }
      case 'model': {
        const { model } = node;
        const item = new vscode.TreeItem(model.name, vscode.TreeItemCollapsibleState.None);
        item.id = `${node.parentKey}/${model.id}`;
        item.description = modelDescription(model);
        item.contextValue = modelContext(model);
        item.iconPath = modelIcon(model);
        let invocationId: string | undefined;
        let note: string | undefined;
        try {
          const resolved = bedrock().resolveInvocation(model);
          invocationId = resolved.invocationId;
          note = resolved.note;
        } catch {
          // No profile for this geography: the tooltip simply leaves the line out.
        }
        item.tooltip = new vscode.MarkdownString(modelTooltip(model, invocationId, note));
        item.accessibilityInformation = { label: `${model.name}, ${item.description}` };
        return item;
      }
      case 'profiles': {
        const n = node.system.length + node.application.length;
        const item = new vscode.TreeItem('Inference Profiles', vscode.TreeItemCollapsibleState.Collapsed);
        item.id = 'profiles';
        item.description = `${n}`;
        item.contextValue = 'profileGroup';
        item.iconPath = new vscode.ThemeIcon('references');
        item.tooltip = 'Cross-Region (system-defined) and application inference profiles. Models marked "via profile" are called through one of these.';
        return item;
      }
      case 'profileType': {
        const label = node.type === 'APPLICATION' ? 'Application' : 'System-defined';
        const item = new vscode.TreeItem(label, vscode.TreeItemCollapsibleState.Expanded);
        item.id = `profiles/${node.type}`;
        item.description = `${node.profiles.length}`;
        item.contextValue = 'profileGroup';
        return item;
      }
      case 'profile': {
        const { profile } = node;
        const item = new vscode.TreeItem(profile.name, vscode.TreeItemCollapsibleState.None);
        item.id = `profile/${profile.arn || profile.id}`;
        item.description = profileDescription(profile);
        item.contextValue = `inferenceProfile ${profile.type === 'APPLICATION' ? 'application' : 'system'}`;
        item.iconPath = new vscode.ThemeIcon(profile.type === 'APPLICATION' ? 'tag' : 'globe');
        item.tooltip = new vscode.MarkdownString(profileTooltip(profile, profileModels(profile, this.explorer.catalog?.models ?? [])));
        return item;
      }
    }
  }
}
