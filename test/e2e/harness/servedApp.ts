import { createServer } from 'node:net';
import { startTestApp, type TestApp } from '../../fixtures/testApp';

export interface ServedApp extends TestApp {
  baseUrl: string;
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const s = createServer();
    s.once('error', reject);
    s.listen(0, '127.0.0.1', () => {
      const { port } = s.address() as { port: number };
      s.close(() => resolve(port));
    });
  });
}

/**
 * The service with the built tab, listening on a free loopback port. The port is chosen before
 * the app is built so its configured public URL (the "Open audit" links on cards) is the real one.
 */
export async function serveApp(options: { env?: Record<string, string> } = {}): Promise<ServedApp> {
  const port = await freePort();
  const t = await startTestApp({ tabDir: 'dist/tab', port, ...options });
  await t.app.server.listen({ port, host: '127.0.0.1' });
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
