import { cardData, type CardData } from './cardVerbs';

/**
 * The slice of Adaptive Cards 1.5 that our cards use, typed, so a builder cannot produce an
 * element Teams would not understand. Teams supports schema 1.5 at most, and Universal Actions
 * (Action.Execute) need exactly that.
 */
export const CARD_VERSION = '1.5';

export type Spacing = 'None' | 'Small' | 'Default' | 'Medium' | 'Large' | 'ExtraLarge' | 'Padding';
export type TextColour = 'Default' | 'Dark' | 'Light' | 'Accent' | 'Good' | 'Warning' | 'Attention';
export type ContainerStyle = 'default' | 'emphasis' | 'good' | 'attention' | 'warning' | 'accent';
export type ActionStyle = 'default' | 'positive' | 'destructive';

export interface TextBlock {
  type: 'TextBlock';
  text: string;
  wrap?: boolean;
  /** `heading` tells screen readers this is a heading (1.5). */
  style?: 'heading';
  size?: 'Small' | 'Medium' | 'Large';
  weight?: 'Lighter' | 'Bolder';
  color?: TextColour;
  isSubtle?: boolean;
  spacing?: Spacing;
  separator?: boolean;
}

export interface Fact {
  title: string;
  value: string;
}

export interface FactSet {
  type: 'FactSet';
  facts: Fact[];
  spacing?: Spacing;
  separator?: boolean;
}

export interface Container {
  type: 'Container';
  items: CardElement[];
  style?: ContainerStyle;
  spacing?: Spacing;
  separator?: boolean;
  /** Makes the whole container a link; used for "open this audit" rows. */
  selectAction?: OpenUrlAction;
}

export interface InputText {
  type: 'Input.Text';
  id: string;
  /** Every input has a visible label (accessibility; the adaptivecards validator asks for it too). */
  label: string;
  placeholder?: string;
  isMultiline?: boolean;
  maxLength?: number;
  isRequired?: boolean;
  errorMessage?: string;
}

/** A date picker; Teams sends the value as `YYYY-MM-DD`. */
export interface InputDate {
  type: 'Input.Date';
  id: string;
  label: string;
  isRequired?: boolean;
  errorMessage?: string;
}

export interface ActionSet {
  type: 'ActionSet';
  actions: CardAction[];
  spacing?: Spacing;
}

export interface SubmitAction {
  type: 'Action.Submit';
  title: string;
  data: CardData;
  style?: ActionStyle;
}

export interface ExecuteAction {
  type: 'Action.Execute';
  title: string;
  verb: CardData['verb'];
  data: CardData;
  style?: ActionStyle;
  /** What older clients show instead: the same action as an Action.Submit. */
  fallback: SubmitAction;
}

export interface OpenUrlAction {
  type: 'Action.OpenUrl';
  title: string;
  url: string;
}

export interface ShowCardAction {
  type: 'Action.ShowCard';
  title: string;
  card: NestedCard;
}

export type CardAction = ExecuteAction | OpenUrlAction | ShowCardAction;
export type CardElement = TextBlock | FactSet | Container | InputText | InputDate | ActionSet;

/** The card inside an Action.ShowCard: it inherits the outer card's version. */
export interface NestedCard {
  type: 'AdaptiveCard';
  body: CardElement[];
}

/**
 * A top-level card. It has no card-level `actions`: every action sits in an ActionSet in the
 * body, which is where Teams wants an Action.Execute so older clients can fall back.
 */
export interface AdaptiveCard {
  type: 'AdaptiveCard';
  $schema: 'http://adaptivecards.io/schemas/adaptive-card.json';
  version: typeof CARD_VERSION;
  /** On a card shared with several people (see `withRefresh`). */
  refresh?: Refresh;
  body: CardElement[];
}

/** Teams fetches each listed user's own view of a shared card with this action (no fallback: it is never clicked). */
export interface RefreshAction {
  type: 'Action.Execute';
  title: string;
  verb: CardData['verb'];
  data: CardData;
}

export interface Refresh {
  action: RefreshAction;
  /** Teams user ids (at most 60) whose clients refresh the card automatically. */
  userIds: string[];
}

/** Teams refreshes a card automatically for at most 60 users. */
export const REFRESH_MAX_USERS = 60;

export function adaptiveCard(body: CardElement[]): AdaptiveCard {
  return { type: 'AdaptiveCard', $schema: 'http://adaptivecards.io/schemas/adaptive-card.json', version: CARD_VERSION, body };
}

export function textBlock(text: string, options: Omit<TextBlock, 'type' | 'text'> = {}): TextBlock {
  return { type: 'TextBlock', text, wrap: true, ...options };
}

export function heading(text: string): TextBlock {
  return textBlock(text, { style: 'heading', size: 'Medium', weight: 'Bolder' });
}

export function factSet(facts: Fact[], options: Omit<FactSet, 'type' | 'facts'> = {}): FactSet {
  return { type: 'FactSet', facts, ...options };
}

export function container(items: CardElement[], options: Omit<Container, 'type' | 'items'> = {}): Container {
  return { type: 'Container', items, ...options };
}

export function actionSet(actions: CardAction[], options: Omit<ActionSet, 'type' | 'actions'> = {}): ActionSet {
  return { type: 'ActionSet', actions, ...options };
}

/**
 * An Action.Execute (Universal Actions) with an Action.Submit fallback carrying the same data,
 * the pattern Teams documents for clients without 1.5: the bot handles both the
 * `adaptiveCard/action` invoke and the fallback's message activity. The verb is taken from the
 * data so the two can never disagree; the data is checked against its verb's strict schema, so
 * a card can carry only a verb, ids and a version.
 */
export function executeAction(options: { title: string; data: CardData; style?: ActionStyle }): ExecuteAction {
  const data = cardData.parse(options.data);
  const style = options.style ? { style: options.style } : {};
  return {
    type: 'Action.Execute',
    title: options.title,
    verb: data.verb,
    data,
    ...style,
    fallback: { type: 'Action.Submit', title: options.title, data: { ...data }, ...style },
  };
}

/**
 * Adds Universal Actions `refresh` to a card shared with several people: each listed user's Teams
 * client asks the bot for their own view (the invoke carries `data`: a verb, an id and a version),
 * which the bot answers after the same authorisation as any card action, so each person sees only
 * the buttons that are theirs. No user ids, no refresh.
 */
export function withRefresh(card: AdaptiveCard, data: CardData, userIds: readonly string[]): AdaptiveCard {
  const ids = [...new Set(userIds)];
  if (ids.length === 0) return card;
  if (ids.length > REFRESH_MAX_USERS) throw new RangeError(`Teams refreshes a card for at most ${REFRESH_MAX_USERS} users, not ${ids.length}`);
  const checked = cardData.parse(data);
  return { ...card, refresh: { action: { type: 'Action.Execute', title: 'Refresh', verb: checked.verb, data: checked }, userIds: ids } };
}

export class CardLinkError extends Error {
  override name = 'CardLinkError';
}

/**
 * An Action.OpenUrl. Links must be https (a Teams deep link or the tab's URL); plain http is
 * allowed only to this machine, for local mode.
 */
export function openUrlAction(title: string, url: string): OpenUrlAction {
  return { type: 'Action.OpenUrl', title, url: checkedLink(url) };
}

export function showCardAction(title: string, body: CardElement[]): ShowCardAction {
  return { type: 'Action.ShowCard', title, card: { type: 'AdaptiveCard', body } };
}

function checkedLink(url: string): string {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    throw new CardLinkError('A card link must be an absolute URL');
  }
  const local = parsed.hostname === 'localhost' || parsed.hostname === '127.0.0.1' || parsed.hostname === '[::1]';
  if (parsed.protocol !== 'https:' && !(parsed.protocol === 'http:' && local)) {
    throw new CardLinkError('A card link must use https (plain http only to localhost)');
  }
  // Returned as given: normalising could change a deep link's encoded context.
  return url;
}
