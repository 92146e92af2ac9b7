/** What both runners need to run the suite once. */
export interface IntegrationRun {
  /** The extension's folder (its package.json). */
  extensionDevelopmentPath: string;
  /** The bundled suite entry that exports run(). */
  extensionTestsPath: string;
  /** Folder opened in the window; a fresh one per run when absent. */
  workspace?: string;
  /** User settings for the run (the local endpoint, ...). */
  settings: Record<string, unknown>;
  /** Extra environment for the extension host. */
  extensionTestsEnv: Record<string, string>;
}
