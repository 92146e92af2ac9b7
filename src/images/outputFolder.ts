// Confines the configured image folder (`bedrock.imageOutputFolder`) to its workspace folder:
// an absolute path, a `..` that leads out, or a symbolic link pointing out is refused, so
// nothing is written outside the workspace unless the user picks the place in a dialog.
// Plain Node (no `vscode`): unit-tested in test/unit/images.

import { lstat, mkdir, realpath } from 'node:fs/promises';
import * as path from 'node:path';
import { trimTrailing } from '../core/trimChars';

export const FOLDER_SETTING = 'bedrock.imageOutputFolder';
export const DEFAULT_IMAGE_FOLDER = 'images';

export type FolderCheck = { ok: true; relative: string } | { ok: false; reason: string };
export type ResolvedFolder = { ok: true; folder: string; relative: string } | { ok: false; reason: string };

/** True when `child` is `parent` or below it (both absolute, same style). */
export function isInside(child: string, parent: string): boolean {
  const rel = path.relative(parent, child);
  return rel === '' || (rel !== '..' && !rel.startsWith(`..${path.sep}`) && !path.isAbsolute(rel));
}

/**
 * Checks the setting's text alone: it must be a relative path that stays inside the folder it is
 * resolved against. Returns the normalized relative path ("images", "assets/generated").
 */
export function checkFolderSetting(setting: string): FolderCheck {
  const raw = setting.trim() || DEFAULT_IMAGE_FOLDER;
  const quoted = `"${raw}"`;
  if (raw.includes('\0')) return { ok: false, reason: `The ${FOLDER_SETTING} setting ${JSON.stringify(raw)} contains a NUL character.` };
  if (path.posix.isAbsolute(raw) || path.win32.isAbsolute(raw) || /^[a-zA-Z]:/.test(raw)) {
    return {
      ok: false,
      reason: `The ${FOLDER_SETTING} setting is ${quoted}, an absolute path. Images are only saved inside the workspace: use a workspace-relative folder such as "images".`,
    };
  }
  if (raw === '~' || raw.startsWith('~/') || raw.startsWith('~\\')) {
    return {
      ok: false,
      reason: `The ${FOLDER_SETTING} setting is ${quoted}, a path in the home folder. Images are only saved inside the workspace: use a workspace-relative folder such as "images".`,
    };
  }
  const normalized = trimTrailing(path.posix.normalize(raw.replace(/\\/g, '/')), '/');
  if (normalized === '..' || normalized.startsWith('../')) {
    return {
      ok: false,
      reason: `The ${FOLDER_SETTING} setting is ${quoted}, which leads out of the workspace folder (".."). Images are only saved inside the workspace: use a folder such as "images".`,
    };
  }
  return { ok: true, relative: normalized === '.' ? '' : normalized };
}

/**
 * Resolves the setting against a workspace folder, following symbolic links: every part of the
 * path that exists must really be inside the workspace folder. With `create`, the missing parts
 * are created, then the result is checked again (a link made meanwhile is caught).
 * The folder returned is the real path.
 */
export async function resolveOutputFolder(workspaceRoot: string, setting: string, create: boolean): Promise<ResolvedFolder> {
  const check = checkFolderSetting(setting);
  if (!check.ok) return check;
  const realRoot = await realpath(workspaceRoot);
  const rootName = path.basename(workspaceRoot);
  const segments = check.relative ? check.relative.split('/') : [];
  let current = realRoot;
  let missingFrom = -1;
  for (let i = 0; i < segments.length; i++) {
    const next = path.join(current, segments[i] as string);
    let stat;
    try {
      stat = await lstat(next);
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') {
        missingFrom = i;
        break;
      }
      throw err;
    }
    const shown = segments.slice(0, i + 1).join('/');
    if (stat.isSymbolicLink()) {
      let target: string;
      try {
        target = await realpath(next);
      } catch {
        return { ok: false, reason: `"${shown}" (from the ${FOLDER_SETTING} setting) is a symbolic link whose target does not exist. Nothing was saved.` };
      }
      if (!isInside(target, realRoot)) {
        return {
          ok: false,
          reason: `"${shown}" (from the ${FOLDER_SETTING} setting) is a symbolic link to ${target}, outside the workspace folder "${rootName}". Nothing was saved; point the setting at a folder inside the workspace.`,
        };
      }
      stat = await lstat(target);
      current = target;
    } else {
      current = next;
    }
    if (!stat.isDirectory()) {
      return { ok: false, reason: `"${shown}" (from the ${FOLDER_SETTING} setting) is a file, not a folder. Nothing was saved.` };
    }
  }
  if (missingFrom >= 0) {
    const rest = segments.slice(missingFrom);
    const target = path.join(current, ...rest);
    if (!create) return { ok: true, folder: target, relative: check.relative };
    await mkdir(target, { recursive: true });
    const real = await realpath(target);
    if (!isInside(real, realRoot)) {
      return { ok: false, reason: `The folder "${check.relative}" resolved outside the workspace folder "${rootName}" while it was being created. Nothing was saved.` };
    }
    return { ok: true, folder: real, relative: check.relative };
  }
  return { ok: true, folder: current, relative: check.relative };
}
