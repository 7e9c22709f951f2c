import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { mkdtemp, rm, writeFile, mkdir } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { loadTemplatesFromDirectory } from './templateFiles';
import { TemplateCatalogue, TemplateFileError } from '../../shared/templates/templateCatalogue';

const template = (id: string, version: number, promptText = 'The plan is specific.') => ({
  id,
  version,
  title: `Tool ${id}`,
  summary: '',
  sections: [
    {
      id: 'plans',
      title: 'Plans',
      guidance: 'Every case.',
      kind: 'practice',
      condition: { kind: 'always' },
      prompts: [{ id: 'p1', text: promptText }],
    },
  ],
});

let dir: string;
beforeEach(async () => {
  dir = await mkdtemp(join(tmpdir(), 'templates-'));
});
afterEach(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('loadTemplatesFromDirectory', () => {
  it('reads every .json file in the folder and nothing else', async () => {
    await writeFile(join(dir, 'b.json'), JSON.stringify(template('local', 2)));
    await writeFile(join(dir, 'a.json'), '\uFEFF' + JSON.stringify(template('local', 1)));
    await writeFile(join(dir, 'notes.txt'), 'not a template');
    await mkdir(join(dir, 'old.json'));
    const templates = await loadTemplatesFromDirectory(dir);
    expect(templates.map((t) => `${t.id}@${t.version}`)).toEqual(['local@1', 'local@2']);
    expect(new TemplateCatalogue(templates).latest('local').version).toBe(2);
  });

  it('loads the built-in catalogue files from disk as well', async () => {
    const folder = fileURLToPath(new URL('../../shared/templates/catalogue/', import.meta.url));
    const templates = await loadTemplatesFromDirectory(folder);
    expect(templates.map((t) => t.id).sort()).toEqual(['childs-journey', 'managers-monthly']);
  });

  it('names the file and the field when a prompt has no text', async () => {
    await writeFile(join(dir, 'good.json'), JSON.stringify(template('good', 1)));
    await writeFile(join(dir, 'local.json'), JSON.stringify(template('local', 1, '')));
    const err = await loadTemplatesFromDirectory(dir).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(TemplateFileError);
    expect((err as Error).message).toContain(join(dir, 'local.json'));
    expect((err as Error).message).toContain('sections.0.prompts.0.text (section "plans")');
  });

  it('names the file when it is not JSON', async () => {
    await writeFile(join(dir, 'broken.json'), '{ "id": "x", ');
    await expect(loadTemplatesFromDirectory(dir)).rejects.toThrow(/broken\.json[\s\S]*not valid JSON/);
  });

  it('fails clearly when the folder does not exist', async () => {
    await expect(loadTemplatesFromDirectory(join(dir, 'missing'))).rejects.toThrow(/missing/);
  });
});
