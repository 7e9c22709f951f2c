import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { AuditTemplate } from '../../shared/schemas/templates';
import { parseTemplate, TemplateFileError } from '../../shared/templates/templateCatalogue';

/**
 * Reads every `*.json` template in a council's own folder. Any file that cannot be used stops
 * loading with an error naming the file and each field at fault: a half-loaded catalogue is worse.
 */
export async function loadTemplatesFromDirectory(dir: string): Promise<AuditTemplate[]> {
  const entries = await readdir(dir, { withFileTypes: true });
  const files = entries
    .filter((e) => e.isFile() && e.name.toLowerCase().endsWith('.json'))
    .map((e) => join(dir, e.name))
    .sort();
  const templates: AuditTemplate[] = [];
  for (const file of files) {
    // Editors on Windows often save a byte-order mark, which JSON.parse refuses.
    const text = (await readFile(file, 'utf8')).replace(/^\uFEFF/, '');
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (err) {
      throw new TemplateFileError(file, [{ field: '', message: `not valid JSON (${(err as Error).message})` }]);
    }
    templates.push(parseTemplate(json, file));
  }
  return templates;
}
