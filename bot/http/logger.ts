import pino from 'pino';

/**
 * Structured logs carry ids, never names or case text: requests are logged as method, route
 * path and status only (no bodies, no query strings, no cookies or tokens).
 */
export function createLogger(level: string) {
  return pino({
    level,
    base: { service: 'practice-audit' },
    redact: { paths: ['req.headers', 'headers', 'body', '*.body', 'cookie', 'authorization', 'token'], remove: true },
    serializers: {
      req: (req: { method?: string; url?: string; id?: string }) => ({ method: req.method, path: (req.url ?? '').split('?')[0], id: req.id }),
      res: (res: { statusCode?: number }) => ({ statusCode: res.statusCode }),
    },
  });
}
export type Logger = ReturnType<typeof createLogger>;
