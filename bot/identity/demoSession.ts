import { createHmac, timingSafeEqual } from 'node:crypto';

/**
 * Local mode's sign-in: a signed cookie naming a demo staff member. Stateless (HMAC-SHA256 over
 * the staff id and expiry) so a restart keeps people signed in. Absent in tenant mode.
 */
export const demoSessionCookie = 'pa_demo_session';
const lifetimeMs = 12 * 60 * 60 * 1000;

export class DemoSessions {
  constructor(private readonly secret: Buffer) {}

  issue(staffId: string, now: Date): string {
    const expires = now.getTime() + lifetimeMs;
    const body = `${staffId}.${expires}`;
    return `${body}.${this.sign(body)}`;
  }

  /** The staff id, or null when the token is forged, malformed or expired. */
  verify(token: string | undefined, now: Date): string | null {
    if (!token) return null;
    const lastDot = token.lastIndexOf('.');
    if (lastDot < 0) return null;
    const body = token.slice(0, lastDot);
    const given = Buffer.from(token.slice(lastDot + 1), 'base64url');
    const expected = Buffer.from(this.sign(body), 'base64url');
    if (given.length !== expected.length || !timingSafeEqual(given, expected)) return null;
    const [staffId, expires] = [body.slice(0, body.lastIndexOf('.')), Number(body.slice(body.lastIndexOf('.') + 1))];
    if (!staffId || !Number.isFinite(expires) || expires < now.getTime()) return null;
    return staffId;
  }

  private sign(body: string): string {
    return createHmac('sha256', this.secret).update(body).digest('base64url');
  }
}
