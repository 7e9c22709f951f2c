import { inflateRawSync, inflateSync } from 'node:zlib';
import { describe, expect, it } from 'vitest';
import { buildAppPackage } from '../../manifest/appPackage';
import { crc32 } from '../../manifest/crc32';
import { loadPackageSettings, PackageSettingsError } from '../../manifest/packageSettings';
import { readPngHeader } from '../../manifest/png';
import { manifestVersion } from '../../manifest/teamsManifest';
import { validateTeamsManifest } from '../../manifest/validateManifest';

const env = {
  APP_ID: '3f0c2a4e-9b1d-4c7e-8a55-2d6b1e0f9a11',
  BOT_ID: '6c2d9e41-0a7b-4b3c-9d8e-5f1a2b3c4d5e',
  CLIENT_ID: '7a1e5c90-3d2b-4f6a-9c8e-1b0d2e3f4a5b',
  PUBLIC_HOST: 'audit.council.example',
  DEVELOPER_NAME: 'Example Borough Council',
  PRIVACY_URL: 'https://council.example/privacy',
  TERMS_URL: 'https://council.example/terms',
};

/** Reads a zip from its central directory, inflating each entry and checking its CRC. */
function readZip(zip: Buffer): Map<string, Buffer> {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  expect(eocd).toBeGreaterThan(0);
  const count = zip.readUInt16LE(eocd + 10);
  let p = zip.readUInt32LE(eocd + 16);
  const files = new Map<string, Buffer>();
  for (let i = 0; i < count; i++) {
    expect(zip.readUInt32LE(p)).toBe(0x02014b50);
    const method = zip.readUInt16LE(p + 10);
    const crc = zip.readUInt32LE(p + 16);
    const compressedSize = zip.readUInt32LE(p + 20);
    const size = zip.readUInt32LE(p + 24);
    const nameLength = zip.readUInt16LE(p + 28);
    const extraLength = zip.readUInt16LE(p + 30);
    const commentLength = zip.readUInt16LE(p + 32);
    const localOffset = zip.readUInt32LE(p + 42);
    const name = zip.toString('utf8', p + 46, p + 46 + nameLength);
    expect(zip.readUInt32LE(localOffset)).toBe(0x04034b50);
    const dataStart = localOffset + 30 + zip.readUInt16LE(localOffset + 26) + zip.readUInt16LE(localOffset + 28);
    const raw = zip.subarray(dataStart, dataStart + compressedSize);
    const data = method === 8 ? inflateRawSync(raw) : Buffer.from(raw);
    expect(data.length, name).toBe(size);
    expect(crc32(data), `CRC of ${name}`).toBe(crc);
    files.set(name, data);
    p += 46 + nameLength + extraLength + commentLength;
  }
  return files;
}

/** Decodes an RGBA PNG written with filter 0 (ours) into its pixels. */
function pngPixels(png: Buffer): Uint8Array {
  const { width, height } = readPngHeader(png);
  const idat: Buffer[] = [];
  for (let p = 8; p < png.length; ) {
    const length = png.readUInt32BE(p);
    if (png.toString('ascii', p + 4, p + 8) === 'IDAT') idat.push(png.subarray(p + 8, p + 8 + length));
    p += 12 + length;
  }
  const raw = inflateSync(Buffer.concat(idat));
  const pixels = new Uint8Array(width * height * 4);
  for (let y = 0; y < height; y++) {
    expect(raw[y * (width * 4 + 1)]).toBe(0);
    pixels.set(raw.subarray(y * (width * 4 + 1) + 1, (y + 1) * (width * 4 + 1)), y * width * 4);
  }
  return pixels;
}

describe('Teams app package', () => {
  const settings = loadPackageSettings(env, '0.1.0');
  const pkg = buildAppPackage(settings);

  it('produces a manifest the official schema accepts, offline', async () => {
    expect(pkg.manifest.manifestVersion).toBe(manifestVersion);
    expect(Number(manifestVersion.split('.')[1])).toBeGreaterThanOrEqual(19);
    expect(await validateTeamsManifest(pkg.manifest)).toEqual([]);
  });

  it('reports an invalid manifest (so the check can fail)', async () => {
    const badId = await validateTeamsManifest({ ...pkg.manifest, id: 'not-a-guid' });
    expect(badId.join('\n')).toMatch(/\/id/);
    const longName = await validateTeamsManifest({ ...pkg.manifest, name: { short: 'x'.repeat(31) } });
    expect(longName.join('\n')).toMatch(/\/name\/short/);
    const unknownKey = await validateTeamsManifest({ ...pkg.manifest, madeUp: true });
    expect(unknownKey.length).toBeGreaterThan(0);
  });

  it('carries the tab, the bot and single sign-on from the settings', () => {
    const m = pkg.manifest as {
      staticTabs: { entityId: string; name: string; contentUrl: string; scopes: string[] }[];
      bots: { botId: string; scopes: string[]; commandLists: { commands: { title: string }[] }[] }[];
      webApplicationInfo: { id: string; resource: string };
      validDomains: string[];
      developer: { name: string; privacyUrl: string };
    };
    expect(m.staticTabs).toHaveLength(1);
    expect(m.staticTabs[0]).toMatchObject({ name: 'My audits', scopes: ['personal'] });
    expect(m.staticTabs[0]?.contentUrl.startsWith('https://audit.council.example/')).toBe(true);
    expect(m.bots[0]?.botId).toBe(env.BOT_ID);
    expect(m.bots[0]?.scopes).toEqual(['personal', 'team']);
    expect(m.bots[0]?.commandLists.flatMap((l) => l.commands.map((c) => c.title))).toEqual(['my audits', 'help', 'my audits', 'help']);
    expect(m.webApplicationInfo).toEqual({ id: env.CLIENT_ID, resource: `api://audit.council.example/${env.CLIENT_ID}` });
    expect(m.validDomains).toEqual(['audit.council.example']);
    expect(m.developer).toMatchObject({ name: 'Example Borough Council', privacyUrl: env.PRIVACY_URL });
  });

  it('zips exactly manifest.json, color.png and outline.png, which unzip intact', () => {
    const files = readZip(pkg.zip);
    expect([...files.keys()].sort()).toEqual(['color.png', 'manifest.json', 'outline.png']);
    expect(JSON.parse(files.get('manifest.json')?.toString('utf8') ?? '')).toEqual(pkg.manifest);
  });

  it('has icons of the sizes Teams requires: 192×192 colour, 32×32 white-on-transparent outline', () => {
    const files = readZip(pkg.zip);
    const colour = files.get('color.png') ?? Buffer.alloc(0);
    const outline = files.get('outline.png') ?? Buffer.alloc(0);
    expect(readPngHeader(colour)).toMatchObject({ width: 192, height: 192 });
    expect(readPngHeader(outline)).toMatchObject({ width: 32, height: 32 });

    const o = pngPixels(outline);
    let drawn = 0;
    let transparent = 0;
    for (let i = 0; i < o.length; i += 4) {
      if (o[i + 3] === 0) transparent++;
      else {
        drawn++;
        expect([o[i], o[i + 1], o[i + 2]]).toEqual([255, 255, 255]);
      }
    }
    expect(drawn).toBeGreaterThan(50);
    expect(transparent).toBeGreaterThan(300);
    // The colour icon is opaque and mostly the accent colour.
    const c = pngPixels(colour);
    expect(c.filter((_, i) => i % 4 === 3).every((a) => a === 255)).toBe(true);
    expect([c[0], c[1], c[2]]).toEqual([0x1b, 0x5e, 0x7a]);
  });

  it('is byte-for-byte the same when built twice', () => {
    expect(buildAppPackage(settings).zip.equals(pkg.zip)).toBe(true);
  });

  it('refuses to build without a setting, naming it', () => {
    const { CLIENT_ID: _omitted, ...withoutClient } = env;
    expect(() => loadPackageSettings(withoutClient, '0.1.0')).toThrow(PackageSettingsError);
    expect(() => loadPackageSettings(withoutClient, '0.1.0')).toThrow(/CLIENT_ID is missing/);
    expect(() => loadPackageSettings({ ...env, PUBLIC_HOST: 'https://audit.council.example/' }, '0.1.0')).toThrow(/PUBLIC_HOST must be a host name/);
    expect(() => loadPackageSettings({ ...env, BOT_ID: 'bot' }, '0.1.0')).toThrow(/BOT_ID must be a GUID/);
    expect(() => loadPackageSettings({ ...env, PRIVACY_URL: 'http://council.example/privacy' }, '0.1.0')).toThrow(/PRIVACY_URL must be an https/);
  });
});
