import { startTestApp, type TestApp } from '../../fixtures/testApp';
import { freePort } from '../../fixtures/freePort';

export interface ServedApp extends TestApp {
  baseUrl: string;
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
