/**
 * The tab's initial JavaScript, gzipped: what a user downloads before My audits shows
 * (target ≤ 200 KB). Reads the built index.html, follows its module script and modulepreload
 * links, and reports the lazily loaded chunks (the audit form) separately.
 */
import { readFile, readdir } from 'node:fs/promises';
import { gzipSync } from 'node:zlib';
import path from 'node:path';

const dist = path.resolve('dist/tab');

async function main() {
  const html = await readFile(path.join(dist, 'index.html'), 'utf8');
  const initial = new Set<string>();
  for (const m of html.matchAll(/<script[^>]+src="([^"]+\.js)"/g)) initial.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+rel="modulepreload"[^>]+href="([^"]+\.js)"/g)) initial.add(m[1]!);
  for (const m of html.matchAll(/<link[^>]+href="([^"]+\.js)"[^>]+rel="modulepreload"/g)) initial.add(m[1]!);
  if (initial.size === 0) throw new Error('no module script in dist/tab/index.html: build the tab first (npm run build:tab)');
  let initialGzip = 0;
  for (const src of initial) {
    const bytes = await readFile(path.join(dist, src.replace(/^\//, '')));
    const gz = gzipSync(bytes, { level: 9 }).length;
    initialGzip += gz;
    console.log(`  initial  ${src}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  const assets = (await readdir(path.join(dist, 'assets'))).filter((f) => f.endsWith('.js'));
  let lazyGzip = 0;
  for (const f of assets) {
    if ([...initial].some((s) => s.endsWith(f))) continue;
    const bytes = await readFile(path.join(dist, 'assets', f));
    const gz = gzipSync(bytes, { level: 9 }).length;
    lazyGzip += gz;
    console.log(`  lazy     /assets/${f}: ${(bytes.length / 1024).toFixed(1)} KB raw, ${(gz / 1024).toFixed(1)} KB gzip`);
  }
  console.log(`tab initial JavaScript (My audits): ${(initialGzip / 1024).toFixed(1)} KB gzip (target ≤ 200 KB); lazy chunks: ${(lazyGzip / 1024).toFixed(1)} KB gzip`);
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
