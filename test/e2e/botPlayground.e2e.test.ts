import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import WebSocket from 'ws';
import { FEATURED_AUDIT_IDS } from '../../bot/demo/demoCouncil';
import { serveApp, type ServedApp } from './harness/servedApp';

/**
 * The bot against a real Teams client: the Microsoft 365 Agents Playground (0.2.28), headless,
 * driven through its internal routes (undocumented, so the version is pinned) instead of a browser.
 * The Playground's current user carries an Entra object id that the test gives to the demo
 * auditor, which is how the bot recognises people in local mode.
 */

const AUDITOR_ID = 'tm-cp-north';
const AUDITOR_OID = '7d1c5a9e-0000-4000-8000-00000000a001';
const CURRENT_USER_ID = '29:playground-auditor';
const PERSONAL_CHAT_ID = 'a:practice-audit-personal';

let served: ServedApp;
let playground: ChildProcess | null = null;
let configDir = '';
let base = '';
let socket: WebSocket | null = null;
const pushed: { action: string; message: Record<string, unknown> }[] = [];

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

function playgroundConfig(): string {
  const user = (n: number) => `  - id: user-id-${n}
    name: Test User ${n}
    userPrincipleName: user${n}@example.org
    aadObjectId: 7d1c5a9e-0000-4000-8000-00000000b00${n}
    givenName: Test
    surname: User${n}
    email: user${n}@example.org`;
  return `version: "0.1.1"
tenantId: 7d1c5a9e-0000-4000-8000-0000000000t1
bot:
  id: 28:practice-audit-bot
  name: Practice Audit
currentUser:
  id: "${CURRENT_USER_ID}"
  name: Demo Auditor
  userPrincipleName: auditor@example.org
  aadObjectId: ${AUDITOR_OID}
  givenName: Demo
  surname: Auditor
  email: auditor@example.org
users:
${[1, 2, 3, 4, 5].map(user).join('\n')}
personalChat:
  id: "${PERSONAL_CHAT_ID}"
groupChat:
  id: "19:practice-audit-group"
  name: Group Chat
team:
  id: "19:practice-audit-team"
  name: Test Team
  aadGroupId: 7d1c5a9e-0000-4000-8000-0000000000g1
  channels:
    - id: "19:practice-audit-channel"
      name: Announcements
`;
}

/** Starts the Playground and resolves once it says it is listening on the port asked for. */
function startPlayground(botEndpoint: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/agentsplayground'), ['-e', botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(port)], {
      cwd: configDir,
      env: { ...process.env, TEAMSAPPTESTER_BROWSER: 'none' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    const timer = setTimeout(() => reject(new Error(`Playground did not start in time:\n${output.slice(-2000)}`)), 30_000);
    const onData = (chunk: Buffer) => {
      output += chunk.toString();
      const m = /Listening on (\d+)/.exec(output);
      if (m) {
        clearTimeout(timer);
        if (Number(m[1]) !== port) reject(new Error(`Playground took port ${m[1]}, not ${port}`));
        else resolve(child);
      }
    };
    child.stdout?.on('data', onData);
    child.stderr?.on('data', onData);
    child.once('exit', (code) => {
      clearTimeout(timer);
      reject(new Error(`Playground exited (${code}):\n${output.slice(-2000)}`));
    });
  });
}

async function post(route: string, body: unknown): Promise<{ status: number; json: unknown }> {
  const res = await fetch(`${base}${route}`, { method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify(body) });
  const text = await res.text();
  return { status: res.status, json: text ? (JSON.parse(text) as unknown) : null };
}

/** Waits for the next bot message pushed on the stream after `from` messages had arrived. */
async function nextMessage(from: number, timeoutMs = 10_000): Promise<Record<string, unknown>> {
  const until = Date.now() + timeoutMs;
  while (Date.now() < until) {
    const found = pushed.slice(from).find((p) => p.action === 'createMessage');
    if (found) return found.message;
    await new Promise((r) => setTimeout(r, 50));
  }
  throw new Error(`no bot message within ${timeoutMs} ms; pushed: ${JSON.stringify(pushed.slice(from)).slice(0, 1000)}`);
}

const cardOf = (message: Record<string, unknown>): string => JSON.stringify(message['attachments'] ?? null);

beforeAll(async () => {
  served = await serveApp();
  // Local mode: the bot recognises a person by the Entra object id stored on their staff record.
  const auditor = await served.app.store.staff.get(AUDITOR_ID);
  if (!auditor) throw new Error('demo auditor missing');
  const { etag, ...rest } = auditor;
  await served.app.store.staff.put({ ...rest, entraObjectId: AUDITOR_OID }, etag);

  configDir = await mkdtemp(path.join(os.tmpdir(), 'practice-audit-playground-'));
  await writeFile(path.join(configDir, '.m365agentsplayground.yml'), playgroundConfig());
  const port = await freePort();
  base = `http://127.0.0.1:${port}`;
  playground = await startPlayground(`${served.baseUrl}/api/messages`, port);

  socket = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
  socket.on('message', (data: WebSocket.RawData) => {
    const parsed = JSON.parse(data.toString()) as { action?: string; message?: Record<string, unknown> };
    if (parsed.action && parsed.message) pushed.push({ action: parsed.action, message: parsed.message });
  });
  await new Promise<void>((resolve, reject) => {
    socket?.once('open', () => resolve());
    socket?.once('error', reject);
  });
});

afterAll(async () => {
  socket?.close();
  if (playground && playground.exitCode === null) {
    const exited = new Promise((r) => playground?.once('exit', r));
    playground.kill('SIGTERM');
    await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
    if (playground.exitCode === null) playground.kill('SIGKILL');
  }
  await served?.stop();
  if (configDir) await rm(configDir, { recursive: true, force: true });
});

describe('the bot in the Agents Playground', () => {
  it('answers "my audits" with a card listing the auditor’s open audits by case reference', async () => {
    const featured = served.council.audits.find((a) => a.id === FEATURED_AUDIT_IDS.childsJourney);
    expect(featured?.auditorId).toBe(AUDITOR_ID);
    const from = pushed.length;
    const sent = await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, {
      from: { id: CURRENT_USER_ID },
      text: 'my audits',
      textFormat: 'plain',
    });
    expect(sent.status).toBeLessThan(300);
    const card = cardOf(await nextMessage(from));
    expect(card).toContain('My audits');
    expect(card).toContain(`${featured?.caseSnapshot.caseRef} (${featured?.caseSnapshot.initials})`);
    // The reference of the chat is kept for proactive messages.
    expect(await served.app.conversations.getByAad(AUDITOR_OID)).toMatchObject({ teamsUserId: CURRENT_USER_ID, conversationId: PERSONAL_CHAT_ID });
  });

  it('answers anything else with the help card', async () => {
    const from = pushed.length;
    await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, { from: { id: CURRENT_USER_ID }, text: 'hello', textFormat: 'plain' });
    const card = cardOf(await nextMessage(from));
    expect(card).toContain("didn't recognise");
    expect(card).toContain('my audits');
  });

  it('answers the myAudits card action with the updated card as the invoke response', async () => {
    const from = pushed.length;
    await post(`/_conversation/v1/conversations/${encodeURIComponent(PERSONAL_CHAT_ID)}/messages`, { from: { id: CURRENT_USER_ID }, text: 'help', textFormat: 'plain' });
    const helpMessage = await nextMessage(from);
    const featured = served.council.audits.find((a) => a.id === FEATURED_AUDIT_IDS.childsJourney);
    const res = await post('/_conversation/v1/invoke', {
      name: 'adaptiveCard/action',
      from: { id: CURRENT_USER_ID },
      conversation: { id: PERSONAL_CHAT_ID },
      replyToId: helpMessage['messageId'],
      value: { action: { type: 'Action.Execute', verb: 'myAudits', data: { verb: 'myAudits' } }, trigger: 'manual' },
    });
    expect(res.status).toBe(200);
    const text = JSON.stringify(res.json);
    expect(text).toContain('application/vnd.microsoft.card.adaptive');
    expect(text).toContain('My audits');
    expect(text).toContain(String(featured?.caseSnapshot.caseRef));
  });

  it('sends proactively to the stored conversation', async () => {
    const ref = await served.app.conversations.getByAad(AUDITOR_OID);
    if (!ref) throw new Error('no conversation reference stored');
    const from = pushed.length;
    let sentId: string | null = null;
    await served.app.bot.continueConversation(ref, async (turn) => {
      sentId = await turn.sendText('Proactive check from the test.');
    });
    const message = await nextMessage(from);
    expect(JSON.stringify(message)).toContain('Proactive check from the test.');
    expect(sentId).toBe(message['messageId']);
  });
});
