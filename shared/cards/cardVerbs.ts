import { z } from 'zod';
import { etag, id, isoDate } from '../schemas/common';

/**
 * The verbs our cards send back to the bot, and the data each carries. A card's `data` holds a
 * verb, the subject's id and the version the card was built from — nothing else. The server
 * decides who may do what from the identity on the incoming activity, never from card data, and
 * compares `version` with the record's current one to spot stale cards, double clicks and replays.
 * ("Open audit" is not a verb: it is an Action.OpenUrl.)
 */
export const cardVerb = z.enum([
  'myAudits',
  'help',
  /** Ask the bot for the reason form (where a ShowCard cannot be used, e.g. in a refreshed card). */
  'cantDoThis',
  'submitCantDoThis',
  'markActionDone',
  'approveAction',
  'returnAction',
  'acknowledgeConcern',
  /** Teams asks for a viewer's own view of a shared urgent-concern card (Universal Actions refresh). */
  'refreshConcern',
  /** A collaborative audit's worker or team manager proposes when to meet the auditor. */
  'proposeMeeting',
]);
export type CardVerb = z.infer<typeof cardVerb>;

/** Ids of the inputs our cards collect; never the same as a data key, so an input cannot overwrite one. */
export const cardInputIds = { reason: 'reason', note: 'note', actionTaken: 'actionTaken', meetingDate: 'meetingDate', meetingTime: 'meetingTime' } as const;

/**
 * The note input of one action on a card listing several: input ids must be unique within a card,
 * so each action's "Mark done" form has its own (`parseCardAction` reads it as `note`).
 */
export function actionNoteInputId(actionId: string): string {
  return `${cardInputIds.note}-${actionId}`;
}

/** Longest text each input accepts (the card's `maxLength` and the server's check agree). */
export const cardInputMaxLength = { reason: 500, note: 2000, actionTaken: 2000 } as const;

const auditSubject = { auditId: id, version: etag };
const actionSubject = { actionId: id, version: etag };
const concernSubject = { concernId: id, version: etag };

/** What a card carries in `data`: strict, so a builder cannot slip anything else in. */
export const cardData = z.discriminatedUnion('verb', [
  z.strictObject({ verb: z.literal('myAudits') }),
  z.strictObject({ verb: z.literal('help') }),
  z.strictObject({ verb: z.literal('cantDoThis'), ...auditSubject }),
  z.strictObject({ verb: z.literal('submitCantDoThis'), ...auditSubject }),
  z.strictObject({ verb: z.literal('markActionDone'), ...actionSubject }),
  z.strictObject({ verb: z.literal('approveAction'), ...actionSubject }),
  z.strictObject({ verb: z.literal('returnAction'), ...actionSubject }),
  z.strictObject({ verb: z.literal('acknowledgeConcern'), ...concernSubject }),
  z.strictObject({ verb: z.literal('refreshConcern'), ...concernSubject }),
  z.strictObject({ verb: z.literal('proposeMeeting'), ...auditSubject }),
]);
export type CardData = z.infer<typeof cardData>;
export type CardDataFor<V extends CardVerb> = Extract<CardData, { verb: V }>;

/** An optional 24-hour time (HH:MM) from an Input.Time or Input.Text: Teams may send it blank. */
const optionalTime = z.preprocess(
  (v) => (typeof v === 'string' && v.trim() === '' ? undefined : typeof v === 'string' ? v.trim() : v),
  z.string().regex(/^([01]\d|2[0-3]):[0-5]\d$/, 'must be a time as HH:MM').optional(),
);

/** Typed text from a card input: Teams sends inputs as strings; blank counts as missing. */
const typedText = (max: number) => z.string().trim().min(1, 'is required').max(max, `must be at most ${max} characters`);

/**
 * What arrives from Teams: the card's data with the values of its inputs merged in (the
 * `adaptiveCard/action` invoke's `value.action.data`, or a fallback Action.Submit's `value`).
 * Unknown keys are stripped, never trusted.
 */
export const cardActionPayload = z.discriminatedUnion('verb', [
  z.object({ verb: z.literal('myAudits') }),
  z.object({ verb: z.literal('help') }),
  z.object({ verb: z.literal('cantDoThis'), ...auditSubject }),
  z.object({ verb: z.literal('submitCantDoThis'), ...auditSubject, reason: typedText(cardInputMaxLength.reason) }),
  z.object({ verb: z.literal('markActionDone'), ...actionSubject, note: typedText(cardInputMaxLength.note) }),
  z.object({ verb: z.literal('approveAction'), ...actionSubject }),
  z.object({ verb: z.literal('returnAction'), ...actionSubject, reason: typedText(cardInputMaxLength.reason) }),
  z.object({ verb: z.literal('acknowledgeConcern'), ...concernSubject, actionTaken: typedText(cardInputMaxLength.actionTaken) }),
  z.object({ verb: z.literal('refreshConcern'), ...concernSubject }),
  z.object({
    verb: z.literal('proposeMeeting'),
    ...auditSubject,
    meetingDate: z.string().trim().pipe(isoDate),
    meetingTime: optionalTime,
  }),
]);
export type CardActionPayload = z.infer<typeof cardActionPayload>;
export type CardActionPayloadFor<V extends CardVerb> = Extract<CardActionPayload, { verb: V }>;

export type ParsedCardAction =
  | { ok: true; payload: CardActionPayload }
  /** Issues name the field and the rule only: typed text may be about a child, so it is never echoed. */
  | { ok: false; issues: string[] };

/** Validates what a card action sent. `verb` is the Action.Execute verb when there is one; it must match the data's. */
export function parseCardAction(value: unknown, verb?: string): ParsedCardAction {
  const parsed = cardActionPayload.safeParse(withActionNote(value));
  if (!parsed.success) {
    return { ok: false, issues: parsed.error.issues.map((i) => `${i.path.join('.') || '(data)'}: ${i.message}`) };
  }
  if (verb !== undefined && verb !== parsed.data.verb) return { ok: false, issues: ['verb: does not match the card data'] };
  return { ok: true, payload: parsed.data };
}

/** A note typed into one action's own input (`actionNoteInputId`) counts as the `note` of that action. */
function withActionNote(value: unknown): unknown {
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return value;
  const v = value as Record<string, unknown>;
  if (v.verb !== 'markActionDone' || typeof v.actionId !== 'string' || v.note !== undefined) return value;
  const own = v[actionNoteInputId(v.actionId)];
  return own === undefined ? value : { ...v, note: own };
}
