import { mkdir, writeFile } from 'node:fs/promises';
import path from 'node:path';
import nodemailer from 'nodemailer';
import type SMTPTransport from 'nodemailer/lib/smtp-transport';
import { messageIdFor, type EmailMessage, type EmailResult, type EmailSender } from './emailSender';

/**
 * E-mail over SMTP with nodemailer (RFC 5321 reply codes: 2xx sent, 4xx try again later, 5xx
 * permanent). One connection per message keeps failure handling simple; volumes are a few notices
 * an hour. In local mode without SMTP settings, `mailDropSender` writes each message as an .eml
 * file instead, so a demo shows what would be sent without a mail server.
 */

export interface SmtpSettings {
  host: string;
  port: number;
  /** TLS from the first byte (port 465). */
  secure: boolean;
  /** Refuse to send unless the server upgrades to TLS (STARTTLS): on by default outside tests, as these messages concern children. */
  requireTls: boolean;
  user: string | null;
  password: string | null;
  from: string;
  /** A call with no answer after this long fails as transient. */
  timeoutMs?: number;
}

function domainOf(address: string): string {
  return address.split('@')[1]?.replace(/[>\s]/g, '') || 'practice-audit.invalid';
}

function mailOptions(m: EmailMessage, from: string) {
  return {
    from,
    to: m.to,
    subject: m.subject,
    text: m.text,
    messageId: messageIdFor(m.id, domainOf(from)),
    ...(m.urgent ? { priority: 'high' as const } : {}),
    headers: { 'Auto-Submitted': 'auto-generated' },
  };
}

/** SMTP reply code from nodemailer's error, if the server answered. */
function replyCode(err: unknown): number | null {
  if (typeof err === 'object' && err !== null && 'responseCode' in err && typeof err.responseCode === 'number') return err.responseCode;
  return null;
}

export function smtpEmailSender(s: SmtpSettings): EmailSender {
  const timeout = s.timeoutMs ?? 15_000;
  const options: SMTPTransport.Options = {
    host: s.host,
    port: s.port,
    secure: s.secure,
    requireTLS: s.requireTls,
    connectionTimeout: timeout,
    greetingTimeout: timeout,
    socketTimeout: timeout,
    ...(s.user !== null && s.password !== null ? { auth: { user: s.user, pass: s.password } } : {}),
  };
  const transport = nodemailer.createTransport(options);
  return {
    async send(m) {
      try {
        const info = await transport.sendMail(mailOptions(m, s.from));
        return { kind: 'sent', messageId: info.messageId };
      } catch (err) {
        const code = replyCode(err);
        const error = code !== null ? `SMTP ${code}` : err instanceof Error && 'code' in err ? `SMTP ${String(err.code)}` : 'SMTP error';
        return code !== null && code >= 500 ? { kind: 'permanent', error } : { kind: 'transient', error };
      }
    },
    async close() {
      transport.close();
    },
  };
}

/** Local mode without a mail server: each message becomes `<dir>/<id>.eml`. */
export function mailDropSender(dir: string, from: string): EmailSender {
  const transport = nodemailer.createTransport({ streamTransport: true, buffer: true, newline: 'unix' });
  return {
    async send(m): Promise<EmailResult> {
      const info = await transport.sendMail(mailOptions(m, from));
      await mkdir(dir, { recursive: true });
      const file = path.join(dir, `${m.id.replace(/[^A-Za-z0-9._-]/g, '-')}.eml`);
      await writeFile(file, info.message as Buffer);
      return { kind: 'sent', messageId: info.messageId };
    },
    async close() {},
  };
}
