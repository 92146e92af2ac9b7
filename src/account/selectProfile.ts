import * as vscode from 'vscode';
import { describeProfileKind, listProfiles, sharedFilePaths, type AwsProfile } from './profiles';
import { updateBedrockSetting } from './settingsWriter';
import { readConfig } from '../core/config';
import { log } from '../core/log';

interface ProfileItem extends vscode.QuickPickItem {
  profile?: AwsProfile;
  defaultChain?: boolean;
}

async function askProfile(profiles: AwsProfile[]): Promise<ProfileItem | undefined> {
  const current = readConfig().profile;
  const files = sharedFilePaths();
  const items: ProfileItem[] = [
    {
      label: `${current === '' ? '$(check) ' : ''}Default credential chain`,
      description: 'environment, then [default], then container or instance role',
      defaultChain: true,
    },
    ...profiles.map((p): ProfileItem => ({
      label: `${p.name === current ? '$(check) ' : ''}${p.kind === 'sso' ? '$(key) ' : ''}${p.name}`,
      description: [describeProfileKind(p.kind), p.region].filter(Boolean).join(' · '),
      ...(p.ssoStartUrl ? { detail: `SSO: ${p.ssoStartUrl}` } : {}),
      profile: p,
    })),
  ];
  return vscode.window.showQuickPick(items, {
    title: 'Bedrock: Select Profile',
    placeHolder: profiles.length ? `Profiles from ${files.configFile} and ${files.credentialsFile}` : `No profiles in ${files.configFile} or ${files.credentialsFile}`,
    matchOnDescription: true,
  });
}

/** Sets `bedrock.profile` from the shared config/credentials files. An argument (a profile name, '' = default chain) skips the picker. */
export async function selectProfile(arg?: unknown): Promise<string | undefined> {
  let profiles: AwsProfile[];
  try {
    profiles = await listProfiles();
  } catch (err) {
    log().error('Reading the AWS config files failed', err);
    void vscode.window.showErrorMessage(`The AWS config files could not be read: ${err instanceof Error ? err.message : String(err)}`);
    return undefined;
  }
  let chosen: AwsProfile | undefined;
  if (typeof arg === 'string') {
    if (arg !== '') {
      chosen = profiles.find((p) => p.name === arg);
      if (!chosen) {
        const files = sharedFilePaths();
        void vscode.window.showErrorMessage(`There is no AWS profile "${arg}" in ${files.configFile} or ${files.credentialsFile}.`);
        return undefined;
      }
    }
  } else {
    const pick = await askProfile(profiles);
    if (!pick) return undefined;
    chosen = pick.profile;
  }
  const name = chosen?.name ?? '';
  await updateBedrockSetting('profile', name);
  const config = readConfig();
  if (config.endpoint) {
    void vscode.window.showInformationMessage(`Profile saved. The endpoint override ${config.endpoint} is in use; the profile applies to AWS endpoints.`, 'Use AWS Endpoints')
      .then((c) => (c ? vscode.commands.executeCommand('bedrock.useAwsEndpoints') : undefined));
  } else if (chosen?.region && chosen.region !== config.region && typeof arg !== 'string') {
    void vscode.window.showInformationMessage(`Profile "${name}" is set up for ${chosen.region}; Bedrock uses ${config.region}.`, `Use ${chosen.region}`)
      .then((c) => (c ? vscode.commands.executeCommand('bedrock.selectRegion', chosen?.region) : undefined));
  }
  return name;
}

export function registerSelectProfile(context: vscode.ExtensionContext): void {
  context.subscriptions.push(
    vscode.commands.registerCommand('bedrock.selectProfile', selectProfile),
    // The listing the picker shows (names and kinds only, never secrets): used by the tests and for diagnostics.
    vscode.commands.registerCommand('bedrock.account.profiles', () => listProfiles()),
  );
}
