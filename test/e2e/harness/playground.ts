import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import WebSocket from 'ws';
import { freePort } from '../../fixtures/freePort';

/**
 * The Microsoft 365 Agents Playground (0.2.28) as a headless Teams client: started against the
 * bot's endpoint, driven through its internal routes (undocumented, so the version is pinned), and
 * watched on its WebSocket, where every message the bot sends to the chat is pushed.
 */

export interface PlaygroundUser {
  teamsUserId: string;
  aadObjectId: string;
  personalChatId: string;
}

export interface Playground {
  base: string;
  /** Bot messages as the Playground pushed them, in order. */
  pushed: { action: string; message: Record<string, unknown> }[];
  /** The current user writes `text` in their personal chat with the bot. */
  say(text: string): Promise<number>;
  /** The first bot message pushed after `from` that satisfies `match`. */
  waitForMessage(from: number, match: (m: Record<string, unknown>) => boolean, timeoutMs?: number): Promise<Record<string, unknown>>;
  stop(): Promise<void>;
}

function config(user: PlaygroundUser): string {
  const other = (n: number) => `  - id: user-id-${n}
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
  id: "${user.teamsUserId}"
  name: Demo Auditor
  userPrincipleName: auditor@example.org
  aadObjectId: ${user.aadObjectId}
  givenName: Demo
  surname: Auditor
  email: auditor@example.org
users:
${[1, 2, 3, 4, 5].map(other).join('\n')}
personalChat:
  id: "${user.personalChatId}"
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

function spawnPlayground(cwd: string, botEndpoint: string, port: number): Promise<ChildProcess> {
  return new Promise((resolve, reject) => {
    const child = spawn(path.resolve('node_modules/.bin/agentsplayground'), ['-e', botEndpoint, '-c', 'msteams', '--disable-telemetry', '-p', String(port)], {
      cwd,
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

export async function startPlayground(botEndpoint: string, user: PlaygroundUser): Promise<Playground> {
  const dir = await mkdtemp(path.join(os.tmpdir(), 'practice-audit-playground-'));
  let child: ChildProcess | null = null;
  let socket: WebSocket | null = null;
  const stop = async () => {
    socket?.close();
    if (child && child.exitCode === null) {
      const exited = new Promise((r) => child?.once('exit', r));
      child.kill('SIGTERM');
      await Promise.race([exited, new Promise((r) => setTimeout(r, 3000))]);
      if (child.exitCode === null) child.kill('SIGKILL');
    }
    await rm(dir, { recursive: true, force: true });
  };
  try {
    await writeFile(path.join(dir, '.m365agentsplayground.yml'), config(user));
    const port = await freePort();
    child = await spawnPlayground(dir, botEndpoint, port);
    const pushed: Playground['pushed'] = [];
    const ws = new WebSocket(`ws://127.0.0.1:${port}/_ws_conversation/v1/conversations/stream`);
    socket = ws;
    ws.on('message', (data: WebSocket.RawData) => {
      const parsed = JSON.parse(data.toString()) as { action?: string; message?: Record<string, unknown> };
      if (parsed.action && parsed.message) pushed.push({ action: parsed.action, message: parsed.message });
    });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    const base = `http://127.0.0.1:${port}`;
    return {
      base,
      pushed,
      async say(text) {
        const res = await fetch(`${base}/_conversation/v1/conversations/${encodeURIComponent(user.personalChatId)}/messages`, {
          method: 'POST',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify({ from: { id: user.teamsUserId }, text, textFormat: 'plain' }),
        });
        await res.text();
        return res.status;
      },
      async waitForMessage(from, match, timeoutMs = 10_000) {
        const until = Date.now() + timeoutMs;
        while (Date.now() < until) {
          const found = pushed.slice(from).find((p) => p.action === 'createMessage' && match(p.message));
          if (found) return found.message;
          await new Promise((r) => setTimeout(r, 50));
        }
        throw new Error(`no matching bot message within ${timeoutMs} ms; pushed: ${JSON.stringify(pushed.slice(from)).slice(0, 1000)}`);
      },
      stop,
    };
  } catch (err) {
    await stop();
    throw err;
  }
}
