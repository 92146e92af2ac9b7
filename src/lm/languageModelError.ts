import * as vscode from 'vscode';
import type { BedrockErrorInfo } from '../bedrock/types';

// Bedrock failures reach the caller of `sendRequest` as LanguageModelError, with the Bedrock
// layer's plain message (what went wrong and, where known, what fixes it).

export function toLanguageModelError(info: BedrockErrorInfo): vscode.LanguageModelError {
  const message = info.message;
  switch (info.kind) {
    case 'accessDenied':
    case 'credentials':
    case 'ssoExpired':
      return vscode.LanguageModelError.NoPermissions(message);
    case 'notFound':
      return vscode.LanguageModelError.NotFound(message);
    case 'contentFiltered':
      return vscode.LanguageModelError.Blocked(message);
    default:
      return new vscode.LanguageModelError(message);
  }
}
