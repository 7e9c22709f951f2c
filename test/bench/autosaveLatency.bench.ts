/**
 * Autosave round trip through the REST API on SQLite: 1,000 saves of a growing form by one
 * auditor, each conditional on the previous etag. Prints p50/p95/p99 (target p95 < 20 ms).
 * Runs over real HTTP on loopback so JSON parsing, validation, authorisation, the trail diff
 * and the SQLite transaction are all inside the measured time.
 */
import type { AddressInfo } from 'node:net';
import { performance } from 'node:perf_hooks';
import { startTestApp } from '../fixtures/testApp';
import type { AuditDetail } from '../../shared/api/contracts';

const saves = Number(process.env.SAVES ?? 1000);

async function main() {
  const t = await startTestApp();
  await t.app.server.listen({ port: 0, host: '127.0.0.1' });
  const base = `http://127.0.0.1:${(t.app.server.server.address() as AddressInfo).port}`;
  const cookie = await t.signIn(t.council.featured.auditorId);
  const headers = { cookie, 'content-type': 'application/json' };
  const id = t.council.featured.careLeaverDeepDiveAuditId;
  const detail = (await (await fetch(`${base}/api/audits/${id}`, { headers })).json()) as AuditDetail;
  let etag = detail.audit.etag;
  const form = structuredClone(detail.audit.form);
  const sectionIds = detail.template.sections.filter((s) => s.kind === 'practice').map((s) => s.id);
  const times: number[] = [];
  for (let i = 0; i < saves; i++) {
    // A keystroke-sized change in one section's evidence, as the tab sends after a pause in typing.
    const sid = sectionIds[i % sectionIds.length]!;
    const current = form.sections[sid] ?? { prompts: {}, evidence: '' };
    form.sections[sid] = { ...current, evidence: `${current.evidence} word${i}`.slice(-3000) };
    const started = performance.now();
    const res = await fetch(`${base}/api/audits/${id}/form`, { method: 'PUT', headers, body: JSON.stringify({ etag, form }) });
    const body = (await res.json()) as { etag: string };
    times.push(performance.now() - started);
    if (res.status !== 200) throw new Error(`save ${i} failed: ${res.status} ${JSON.stringify(body)}`);
    etag = body.etag;
  }
  times.sort((a, b) => a - b);
  const pct = (p: number) => times[Math.min(times.length - 1, Math.floor((p / 100) * times.length))]!.toFixed(2);
  const trail = await t.app.store.trail.listByAudit(id, { limit: 500 });
  console.log(`autosave round trip over HTTP on SQLite, ${saves} saves: p50 ${pct(50)} ms, p95 ${pct(95)} ms, p99 ${pct(99)} ms, max ${times.at(-1)!.toFixed(2)} ms (target p95 < 20 ms)`);
  console.log(`trail entries written for the first page: ${trail.items.length}${trail.next ? '+' : ''}`);
  await t.stop();
}

main().catch((e: unknown) => {
  console.error(e);
  process.exit(1);
});
