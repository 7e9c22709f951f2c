import type { AddressInfo } from 'node:net';
import { startTestApp, type TestApp } from '../../fixtures/testApp';

export interface ServedApp extends TestApp {
  baseUrl: string;
}

/** The service with the built tab, listening on a free loopback port. */
export async function serveApp(): Promise<ServedApp> {
  const t = await startTestApp({ tabDir: 'dist/tab' });
  await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  const { port } = t.app.server.server.address() as AddressInfo;
  return { ...t, baseUrl: `http://127.0.0.1:${port}` };
}
