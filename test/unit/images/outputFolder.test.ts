import * as assert from 'node:assert/strict';
import { mkdir, mkdtemp, readdir, realpath, rm, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { checkFolderSetting, isInside, resolveOutputFolder } from '../../../src/images/outputFolder';

describe('image output folder confinement', () => {
  describe('checkFolderSetting (the text alone)', () => {
    it('accepts workspace-relative folders and normalizes them', () => {
      assert.deepEqual(checkFolderSetting('images'), { ok: true, relative: 'images' });
      assert.deepEqual(checkFolderSetting('assets/generated/'), { ok: true, relative: 'assets/generated' });
      assert.deepEqual(checkFolderSetting('./a/../b'), { ok: true, relative: 'b' });
      assert.deepEqual(checkFolderSetting('assets\\gen'), { ok: true, relative: 'assets/gen' });
      assert.deepEqual(checkFolderSetting('.'), { ok: true, relative: '' });
    });
    it('uses "images" when the setting is empty', () => {
      assert.deepEqual(checkFolderSetting('   '), { ok: true, relative: 'images' });
    });
    for (const bad of ['/tmp/pictures', 'C:\\Users\\me\\Pictures', 'c:pictures', '\\\\server\\share\\x']) {
      it(`refuses the absolute path ${JSON.stringify(bad)}`, () => {
        const r = checkFolderSetting(bad);
        assert.equal(r.ok, false);
        assert.match(!r.ok ? r.reason : '', /absolute path.*bedrock\.imageOutputFolder|bedrock\.imageOutputFolder.*absolute path/);
      });
    }
    for (const bad of ['..', '../pictures', 'images/../../x', '..\\x']) {
      it(`refuses ${JSON.stringify(bad)}, which leads out`, () => {
        const r = checkFolderSetting(bad);
        assert.equal(r.ok, false);
        assert.match(!r.ok ? r.reason : '', /leads out of the workspace/);
      });
    }
    it('refuses a home-folder path', () => {
      const r = checkFolderSetting('~/Pictures');
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /home folder/);
    });
  });

  it('isInside compares whole path segments', () => {
    assert.ok(isInside('/w/proj/images', '/w/proj'));
    assert.ok(isInside('/w/proj', '/w/proj'));
    assert.ok(!isInside('/w/project-2/images', '/w/proj'));
    assert.ok(!isInside('/w', '/w/proj'));
  });

  describe('resolveOutputFolder (on disk)', () => {
    let scratch: string;
    let workspace: string;
    let outside: string;

    beforeEach(async () => {
      scratch = await realpath(await mkdtemp(path.join(tmpdir(), 'bedrock-images-')));
      workspace = path.join(scratch, 'proj');
      outside = path.join(scratch, 'outside');
      await mkdir(workspace);
      await mkdir(outside);
    });
    afterEach(async () => {
      await rm(scratch, { recursive: true, force: true });
    });

    it('creates the missing folder inside the workspace', async () => {
      const r = await resolveOutputFolder(workspace, 'assets/generated', true);
      assert.deepEqual(r, { ok: true, folder: path.join(workspace, 'assets', 'generated'), relative: 'assets/generated' });
      assert.deepEqual(await readdir(path.join(workspace, 'assets')), ['generated']);
    });

    it('creates nothing when asked not to', async () => {
      const r = await resolveOutputFolder(workspace, 'images', false);
      assert.equal(r.ok, true);
      assert.deepEqual(await readdir(workspace), []);
    });

    it('refuses a symbolic link that points out of the workspace, and writes nothing', async () => {
      await symlink(outside, path.join(workspace, 'images'), 'dir');
      const r = await resolveOutputFolder(workspace, 'images', true);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /symbolic link to .*outside.*outside the workspace folder "proj"/);
      assert.deepEqual(await readdir(outside), []);
    });

    it('refuses a folder below a link that points out', async () => {
      await symlink(outside, path.join(workspace, 'assets'), 'dir');
      const r = await resolveOutputFolder(workspace, 'assets/generated', true);
      assert.equal(r.ok, false);
      assert.deepEqual(await readdir(outside), [], 'nothing created outside');
    });

    it('follows a symbolic link that stays inside the workspace', async () => {
      await mkdir(path.join(workspace, 'real-images'));
      await symlink(path.join(workspace, 'real-images'), path.join(workspace, 'images'), 'dir');
      const r = await resolveOutputFolder(workspace, 'images/gen', true);
      assert.deepEqual(r, { ok: true, folder: path.join(workspace, 'real-images', 'gen'), relative: 'images/gen' });
    });

    it('works when the workspace itself is reached through a link', async () => {
      const linkedWorkspace = path.join(scratch, 'linked-proj');
      await symlink(workspace, linkedWorkspace, 'dir');
      const r = await resolveOutputFolder(linkedWorkspace, 'images', true);
      assert.deepEqual(r, { ok: true, folder: path.join(workspace, 'images'), relative: 'images' });
    });

    it('refuses a dangling link', async () => {
      await symlink(path.join(scratch, 'gone'), path.join(workspace, 'images'), 'dir');
      const r = await resolveOutputFolder(workspace, 'images', true);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /does not exist/);
    });

    it('refuses a file where the folder should be', async () => {
      await writeFile(path.join(workspace, 'images'), 'not a folder');
      const r = await resolveOutputFolder(workspace, 'images', true);
      assert.equal(r.ok, false);
      assert.match(!r.ok ? r.reason : '', /is a file, not a folder/);
    });

    it('refuses "..", without touching the disk', async () => {
      const r = await resolveOutputFolder(workspace, '../outside', true);
      assert.equal(r.ok, false);
      assert.deepEqual(await readdir(outside), []);
    });
  });
});
