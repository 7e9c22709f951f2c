import { z } from 'zod';

/** A calendar date as `YYYY-MM-DD`; rejects dates that do not exist (31/02). */
export const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date as YYYY-MM-DD')
  .refine((s) => {
    const [y, m, d] = s.split('-').map(Number) as [number, number, number];
    const dt = new Date(Date.UTC(y, m - 1, d));
    return dt.getUTCFullYear() === y && dt.getUTCMonth() === m - 1 && dt.getUTCDate() === d;
  }, 'is not a real calendar date');
export type IsoDate = z.infer<typeof isoDate>;

/** An instant, ISO 8601 in UTC (`2026-11-23T09:00:00.000Z`). */
export const isoDateTime = z.iso.datetime({ offset: true });
export type IsoDateTime = z.infer<typeof isoDateTime>;

/** Record ids are opaque strings; kept short and URL-safe so they travel in card data and URLs. */
export const id = z.string().min(1).max(64).regex(/^[A-Za-z0-9_-]+$/, 'must be letters, digits, - or _');
export type Id = z.infer<typeof id>;

/** Optimistic-concurrency tag: an integer version in SQLite, an eTag in SharePoint. Opaque to callers. */
export const etag = z.string().min(1).max(200);
export type ETag = z.infer<typeof etag>;

/** Free text typed by staff about a child: bounded, never logged, never copied into the trail. */
export const freeText = (max = 20_000) => z.string().max(max);
