// Which state the model explorer is in, decided from the catalog load's outcome. The state is
// published as the context key `bedrock.models.state`, which selects the view's welcome content.
// Plain Node: no `vscode`.
import type { BedrockErrorInfo, ConnectionSettings } from '../bedrock/types';
import { isBedrockRegion } from '../account/regions';

export type ExplorerState = 'loading' | 'ready' | 'empty' | 'noCredentials' | 'ssoExpired' | 'noBedrock' | 'error';

export function stateForError(info: BedrockErrorInfo, connection: ConnectionSettings): ExplorerState {
  if (info.kind === 'ssoExpired') return 'ssoExpired';
  if (info.kind === 'credentials') return 'noCredentials';
  // Unknown region names fail at DNS; a real Region without Bedrock answers "not found".
  if (!connection.endpoint && !isBedrockRegion(connection.region) && (info.kind === 'network' || info.kind === 'notFound' || info.kind === 'unknown')) {
    return 'noBedrock';
  }
  return 'error';
}

/** The line shown above the tree (TreeView.message) for states that need specifics. */
export function stateMessage(state: ExplorerState, connection: ConnectionSettings, info?: BedrockErrorInfo): string | undefined {
  const where = connection.local ? 'the local endpoint' : connection.region;
  switch (state) {
    case 'noBedrock':
      return `Amazon Bedrock is not available in ${connection.region}.`;
    case 'empty':
      return `No foundation models are listed in ${where}.`;
    case 'ssoExpired':
    case 'noCredentials':
    case 'error':
      return info?.message;
    default:
      return undefined;
  }
}
