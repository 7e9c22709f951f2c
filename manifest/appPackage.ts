import { colourIcon, outlineIcon } from './icons';
import type { PackageSettings } from './packageSettings';
import { iconFiles, teamsManifest } from './teamsManifest';
import { writeZip, type ZipEntry } from './zip';

/** The Teams app package: manifest.json and its two icons at the zip's root, as Teams requires. */
export const packageFileName = 'practice-audit-teams-app.zip';

export interface AppPackage {
  manifest: Record<string, unknown>;
  entries: ZipEntry[];
  zip: Buffer;
}

export function buildAppPackage(settings: PackageSettings): AppPackage {
  const manifest = teamsManifest(settings);
  const entries: ZipEntry[] = [
    { name: 'manifest.json', data: Buffer.from(JSON.stringify(manifest, null, 2) + '\n', 'utf8') },
    { name: iconFiles.color, data: colourIcon(settings.accentColour) },
    { name: iconFiles.outline, data: outlineIcon() },
  ];
  return { manifest, entries, zip: writeZip(entries) };
}
