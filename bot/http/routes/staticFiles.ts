import type { FastifyInstance } from 'fastify';
import { readFile, stat } from 'node:fs/promises';
import path from 'node:path';

const types: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.json': 'application/json; charset=utf-8',
  '.woff2': 'font/woff2',
  '.map': 'application/json; charset=utf-8',
};

/** Serves the tab's built files; any other non-API path gets index.html (client-side routes). */
export function registerStaticFiles(app: FastifyInstance, tabDir: string): void {
  const root = path.resolve(tabDir);
  app.get('/*', async (req, reply) => {
    const urlPath = decodeURIComponent((req.url.split('?')[0] ?? '/').replace(/^\/+/, ''));
    if (urlPath.startsWith('api/')) return reply.code(404).send({ error: 'notFound', message: 'No such API route.' });
    const candidate = path.resolve(root, urlPath);
    const inside = candidate === root || candidate.startsWith(root + path.sep);
    let file = path.join(root, 'index.html');
    if (inside && urlPath !== '') {
      const info = await stat(candidate).catch(() => null);
      if (info?.isFile()) file = candidate;
      else if (path.extname(urlPath)) return reply.code(404).send({ error: 'notFound', message: 'No such file.' });
    }
    const body = await readFile(file).catch(() => null);
    if (!body) return reply.code(503).type('text/plain').send('The tab has not been built: run `npm run build:tab`.');
    const immutable = file.includes(`${path.sep}assets${path.sep}`);
    return reply
      .type(types[path.extname(file)] ?? 'application/octet-stream')
      .header('cache-control', immutable ? 'public, max-age=31536000, immutable' : 'no-cache')
      .send(body);
  });
}
