import * as vscode from 'vscode';
import type { BedrockService } from '../bedrock/service';
import { log } from '../core/log';
import { toLanguageModelError } from './languageModelError';
import { toToolChatRequest, UnsupportedPartError } from './messages';
import { chatModelInfos, type BedrockChatModelInfo } from './modelInfo';
import type { ChatProviderSettings } from './settings';
import { withPromptCaching } from './promptCaching';
import { estimateTokens, type TokenRule } from './tokenEstimate';
import { ToolNames } from './toolNames';

// The account's Bedrock chat models as a VS Code language model provider: listed from the live
// catalog, answered through ConverseStream (or Converse) with the resolved invocation id.

function abortOn(token: vscode.CancellationToken): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  if (token.isCancellationRequested) controller.abort();
  const sub = token.onCancellationRequested(() => controller.abort());
  return { signal: controller.signal, dispose: () => sub.dispose() };
}

/** Tool input must be an object for LanguageModelToolCallPart. */
function inputObject(input: unknown): object {
  return typeof input === 'object' && input !== null && !Array.isArray(input) ? input : { value: input };
}

/** The text of a message made of text parts only; undefined when it has images, tool calls or data (estimated instead). */
function plainText(input: string | vscode.LanguageModelChatRequestMessage): string | undefined {
  if (typeof input === 'string') return input;
  const texts: string[] = [];
  for (const part of input.content) {
    if (part instanceof vscode.LanguageModelTextPart) texts.push(part.value);
    else return undefined;
  }
  return texts.join('');
}

export class BedrockChatProvider implements vscode.LanguageModelChatProvider<BedrockChatModelInfo>, vscode.Disposable {
  private readonly changed = new vscode.EventEmitter<void>();
  readonly onDidChangeLanguageModelChatInformation = this.changed.event;

  constructor(
    private readonly service: () => BedrockService,
    private readonly settings: () => ChatProviderSettings,
  ) {}

  /** The list changed (connection, settings): VS Code asks for it again. */
  refresh(): void {
    this.changed.fire();
  }

  async provideLanguageModelChatInformation(options: vscode.PrepareLanguageModelChatModelOptions, token: vscode.CancellationToken): Promise<BedrockChatModelInfo[]> {
    const s = this.settings();
    if (!s.enabled) return [];
    const service = this.service();
    const abort = abortOn(token);
    try {
      const catalog = await service.catalog({ signal: abort.signal });
      return chatModelInfos(catalog.models, (m) => service.resolveInvocation(m), s.hiddenModels);
    } catch (err) {
      if (token.isCancellationRequested) return [];
      const info = service.describeError(err);
      // Asked silently (at startup, by selectChatModels) the list is just empty; asked by the user, say why.
      log().warn(`Bedrock models for VS Code Chat could not be listed: ${info.message}`);
      if (!options.silent) throw toLanguageModelError(info);
      return [];
    } finally {
      abort.dispose();
    }
  }

  async provideLanguageModelChatResponse(
    model: BedrockChatModelInfo,
    messages: readonly vscode.LanguageModelChatRequestMessage[],
    options: vscode.ProvideLanguageModelChatResponseOptions,
    progress: vscode.Progress<vscode.LanguageModelResponsePart>,
    token: vscode.CancellationToken,
  ): Promise<void> {
    if (!this.settings().enabled) {
      throw vscode.LanguageModelError.NotFound('Bedrock models in VS Code Chat are turned off (setting bedrock.chatProvider.enabled).');
    }
    const service = this.service();
    const record = await service.findModel(model.id).catch((err: unknown) => {
      throw toLanguageModelError(service.describeError(err, { modelId: model.id }));
    });
    if (!record) throw vscode.LanguageModelError.NotFound(`${model.name} is not in the Bedrock catalog of ${service.connection.region} any more.`);
    const names = new ToolNames();
    // The id is resolved again: the region may have changed since VS Code read the list.
    const invocationId = service.resolveInvocation(record).invocationId;
    let request;
    try {
      request = toToolChatRequest(record, invocationId, messages, options, names);
    } catch (err) {
      if (err instanceof UnsupportedPartError) throw new vscode.LanguageModelError(err.message);
      throw err;
    }
    const rule: TokenRule = service.connection.local ? 'local' : 'aws';
    const promptTokens = messages.reduce((n, m) => n + estimateTokens(m, rule), 0);
    request = withPromptCaching(request, promptTokens, options.modelOptions);
    const abort = abortOn(token);
    try {
      for await (const ev of service.toolChat(request, abort.signal)) {
        switch (ev.type) {
          case 'text':
            progress.report(new vscode.LanguageModelTextPart(ev.text));
            break;
          case 'toolUse':
            progress.report(new vscode.LanguageModelToolCallPart(ev.toolUseId, names.fromBedrock(ev.name), inputObject(ev.input)));
            break;
          case 'request':
            log().debug(`VS Code Chat → ${ev.request.operation} ${ev.invocation.invocationId}`);
            for (const a of ev.adjustments) log().info(`${model.name}: ${a.reason}`);
            if (ev.correction) log().warn(`${model.name}: Bedrock refused the request ("${ev.correction.refusal}"); sent again ${ev.correction.change}.`);
            break;
          case 'retry':
            log().warn(`${model.name}: attempt ${ev.attempt} of ${ev.maxAttempts} after ${ev.reason}`);
            break;
          case 'usage':
            log().debug(`${model.name}: ${ev.inputTokens} input, ${ev.outputTokens} output tokens${ev.cacheReadInputTokens || ev.cacheWriteInputTokens ? `, ${ev.cacheReadInputTokens ?? 0} read from and ${ev.cacheWriteInputTokens ?? 0} written to the prompt cache` : ''}`);
            break;
          default:
            break;
        }
      }
    } catch (err) {
      // Cancelled by the caller: the stream has been ended; nothing to report.
      if (token.isCancellationRequested) return;
      const info = service.describeError(err, { modelId: record.id });
      log().error(`VS Code Chat request to ${model.name} failed: ${info.message} (${info.detail})`);
      throw toLanguageModelError(info);
    } finally {
      abort.dispose();
    }
  }

  /**
   * Bedrock's CountTokens where the model has it (exact, kept per text); otherwise, or when the call
   * fails, the estimate of tokenEstimate.ts.
   */
  async provideTokenCount(model: BedrockChatModelInfo, text: string | vscode.LanguageModelChatRequestMessage, token: vscode.CancellationToken): Promise<number> {
    const service = this.service();
    const estimate = () => estimateTokens(text, service.connection.local ? 'local' : 'aws');
    const plain = plainText(text);
    if (plain === undefined) return estimate();
    const abort = abortOn(token);
    try {
      const record = await service.findModel(model.id);
      const exact = record ? await service.countTokens(record, { messages: [{ role: 'user', text: plain }] }, abort.signal) : undefined;
      return exact ?? estimate();
    } catch (err) {
      log().debug(`CountTokens for ${model.name} failed (${service.describeError(err).message}); using the estimate.`);
      return estimate();
    } finally {
      abort.dispose();
    }
  }

  dispose(): void {
    this.changed.dispose();
  }
}
