// Watching the extension put up VS Code UI (an input box, a notification) so a test can answer it
// the moment it is up, instead of waiting a while and hoping. The suite runs in the extension
// host of the extension under test and gets the same `vscode` API object as the extension does,
// so a test can wrap `vscode.window.showInputBox` / `showErrorMessage`: the call goes on to VS
// Code unchanged, and the test learns of it. Each helper watches the next call only, then puts
// the original function back.
import * as vscode from 'vscode';

type MessageFunction = 'showErrorMessage' | 'showWarningMessage' | 'showInformationMessage';

/**
 * Resolves once the extension's next input box is on screen, with its options. VS Code asks the
 * extension to validate the box's value as soon as it shows the box (validateInput with the
 * initial value), so that first call is the event; a box without validateInput resolves when
 * the extension asks for it.
 */
export function nextInputBox(timeoutMs = 30_000): Promise<vscode.InputBoxOptions> {
  const window = vscode.window as { showInputBox: typeof vscode.window.showInputBox };
  const original = window.showInputBox;
  return new Promise<vscode.InputBoxOptions>((resolve, reject) => {
    const timer = setTimeout(() => {
      window.showInputBox = original;
      reject(new Error(`The extension showed no input box within ${timeoutMs} ms`));
    }, timeoutMs);
    window.showInputBox = (options?: vscode.InputBoxOptions, token?: vscode.CancellationToken) => {
      window.showInputBox = original;
      const opts = options ?? {};
      const validate = opts.validateInput;
      if (!validate) {
        clearTimeout(timer);
        resolve(opts);
        return original(opts, token);
      }
      let shown = false;
      return original({
        ...opts,
        validateInput: (value) => {
          if (!shown) {
            shown = true;
            clearTimeout(timer);
            resolve(opts);
          }
          return validate(value);
        },
      }, token);
    };
  });
}

/**
 * Resolves with the text of the extension's next notification of this kind once it has been
 * handed to VS Code (its toast is then in the notification centre, ahead of any command the
 * test runs next: both travel to the workbench in order).
 */
export function nextMessage(kind: MessageFunction = 'showErrorMessage', timeoutMs = 30_000): Promise<string> {
  const window = vscode.window as unknown as Record<MessageFunction, (...args: unknown[]) => Thenable<unknown>>;
  const original = window[kind];
  return new Promise<string>((resolve, reject) => {
    const timer = setTimeout(() => {
      window[kind] = original;
      reject(new Error(`The extension showed no ${kind} notification within ${timeoutMs} ms`));
    }, timeoutMs);
    window[kind] = (...args: unknown[]) => {
      window[kind] = original;
      clearTimeout(timer);
      const shown = original(...args);
      resolve(String(args[0]));
      return shown;
    };
  });
}

/**
 * The user's answer to the extension's next modal warning: an extension-host test cannot click a
 * modal dialog, so this one call is answered with `choice` (undefined = Cancel) instead of being
 * shown, and what the extension asked (message, options, buttons) is handed to the test.
 * Non-modal warnings before it go on to VS Code unchanged.
 */
export function answerNextModal(choice: string | undefined, timeoutMs = 30_000): Promise<{ message: string; detail?: string; buttons: string[] }> {
  const window = vscode.window as unknown as Record<'showWarningMessage', (...args: unknown[]) => Thenable<unknown>>;
  const original = window.showWarningMessage;
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      window.showWarningMessage = original;
      reject(new Error(`The extension asked nothing in a modal within ${timeoutMs} ms`));
    }, timeoutMs);
    window.showWarningMessage = (...args: unknown[]) => {
      const options = args[1] as vscode.MessageOptions | undefined;
      if (typeof options !== 'object' || options === null || !options.modal) return original(...args);
      window.showWarningMessage = original;
      clearTimeout(timer);
      resolve({ message: String(args[0]), ...(options.detail ? { detail: options.detail } : {}), buttons: args.slice(2).map(String) });
      return Promise.resolve(choice);
    };
  });
}
