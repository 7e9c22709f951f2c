/**
 * npm run package: builds the Teams app package from settings (environment variables, see
 * manifest/README.md), validates the manifest offline against the official schema, and writes
 * dist/practice-audit-teams-app.zip (plus the unzipped files beside it, for review).
 */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { buildAppPackage, packageFileName } from '../manifest/appPackage';
import { loadPackageSettings, PackageSettingsError } from '../manifest/packageSettings';
import { validateTeamsManifest } from '../manifest/validateManifest';

async function main(): Promise<void> {
  const root = path.resolve(import.meta.dirname, '..');
  const { version } = JSON.parse(await readFile(path.join(root, 'package.json'), 'utf8')) as { version: string };
  const settings = loadPackageSettings(process.env, version);
  const pkg = buildAppPackage(settings);

  const errors = await validateTeamsManifest(pkg.manifest);
  if (errors.length > 0) throw new Error(`The manifest does not match the Teams schema:\n  ${errors.join('\n  ')}`);

  const outDir = path.join(root, 'dist', 'teams-app');
  await mkdir(outDir, { recursive: true });
  for (const entry of pkg.entries) await writeFile(path.join(outDir, entry.name), entry.data);
  const zipPath = path.join(root, 'dist', packageFileName);
  await writeFile(zipPath, pkg.zip);
  console.log(`Teams app package written to ${path.relative(process.cwd(), zipPath)} (version ${settings.appVersion}, host ${settings.publicHost}).`);
}

main().catch((err: unknown) => {
  console.error(err instanceof PackageSettingsError ? err.message : err);
  process.exitCode = 1;
});
