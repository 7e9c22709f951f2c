import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import path from 'node:path';
import { AppManifestUtils, type AppManifest } from '@microsoft/app-manifest';

/**
 * Validates a manifest against the official Teams JSON schema bundled in @microsoft/app-manifest
 * (a build-time dependency). The schema is read from the package's own copy and passed in, so
 * validation never reaches for the network (given no schema, the library fetches any URL it does
 * not recognise).
 */
type BundledSchema = NonNullable<Parameters<typeof AppManifestUtils.validateAgainstSchema>[1]>;

async function bundledTeamsSchema(version: string): Promise<BundledSchema> {
  const require = createRequire(import.meta.url);
  const pkgRoot = path.dirname(require.resolve('@microsoft/app-manifest/package.json'));
  const file = path.join(pkgRoot, 'build', 'json-schemas', 'teams', `v${version}`, 'MicrosoftTeams.schema.json');
  // The library cleans these two escapes before parsing; do the same.
  return JSON.parse((await readFile(file, 'utf8')).replace(/\\a/g, '\\u0007').replace(/\\v/g, '\\u000b')) as BundledSchema;
}

/** [] when valid, else one line per schema error ("/id must match pattern ..."). */
export async function validateTeamsManifest(manifest: Record<string, unknown>): Promise<string[]> {
  const version = manifest.manifestVersion;
  if (typeof version !== 'string' || !/^\d+\.\d+$/.test(version)) return ['/manifestVersion must be a version such as 1.22'];
  const schema = await bundledTeamsSchema(version);
  // The schema check below is the type check: the library's static type is narrower than JSON.
  return AppManifestUtils.validateAgainstSchema(manifest as unknown as AppManifest, schema);
}
