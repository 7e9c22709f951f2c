/**
 * Checks every card builder's test runs: the card parses in the `adaptivecards` renderer's own
 * object model without a warning, and keeps our rules (version 1.5, every Action.Execute in an
 * ActionSet with an Action.Submit fallback carrying the same data, data with only a verb, ids and
 * a version, no field about a person's name). Test-only: imported by `*.test.ts` files, never by
 * the app, so the renderer never reaches the bot's bundle.
 */
import * as AC from 'adaptivecards';
import { cardData, cardInputIds } from './cardVerbs';

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };
type JsonObject = { [key: string]: Json };

const isObject = (v: unknown): v is JsonObject => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Problems the adaptivecards library reports while parsing and validating the card as 1.5 (parse only; no DOM needed). */
export function adaptiveCardsIssues(card: unknown): string[] {
  // Held to 1.5, the most Teams supports: later properties and versions are reported, not accepted.
  const parsed = new AC.AdaptiveCard();
  parsed.maxVersion = AC.Versions.v1_5;
  const context = new AC.SerializationContext(AC.Versions.v1_5);
  parsed.parse(card, context);
  const issues: string[] = [];
  for (let i = 0; i < context.eventCount; i++) issues.push(`parse: ${context.getEventAt(i).message}`);
  for (const e of parsed.validateProperties().validationEvents) issues.push(`validate: ${e.message}`);
  // The library drops properties it does not know; a property lost on the round trip is a typo or
  // something Teams would ignore too. Action fallbacks are parsed but not written back.
  issues.push(...droppedProperties(JSON.parse(JSON.stringify(card)) as Json, parsed.toJSON() as Json, '$'));
  return issues;
}

function droppedProperties(ours: Json, theirs: Json, path: string): string[] {
  if (Array.isArray(ours)) {
    if (!Array.isArray(theirs) || theirs.length !== ours.length) return [`${path}: not kept as a list of the same length`];
    return ours.flatMap((v, i) => droppedProperties(v, theirs[i] ?? null, `${path}[${i}]`));
  }
  if (!isObject(ours)) return [];
  if (!isObject(theirs)) return [`${path}: not kept as an object`];
  const out: string[] = [];
  for (const [key, value] of Object.entries(ours)) {
    if (key === 'fallback' && typeof ours.type === 'string' && ours.type.startsWith('Action.')) continue;
    // Card data is the host's business, not the schema's: compared as a whole, not key by key.
    if (key === 'data') {
      if (JSON.stringify(value) !== JSON.stringify(theirs.data)) out.push(`${path}.data: changed on the round trip`);
      continue;
    }
    if (!(key in theirs)) out.push(`${path}.${key}: unknown to adaptivecards (dropped)`);
    else out.push(...droppedProperties(value, theirs[key] ?? null, `${path}.${key}`));
  }
  return out;
}

interface Located {
  node: JsonObject;
  path: string;
  parentType: string | null;
}

function walk(value: Json, path: string, parentType: string | null, out: Located[]): void {
  if (Array.isArray(value)) {
    value.forEach((v, i) => walk(v, `${path}[${i}]`, parentType, out));
    return;
  }
  if (!isObject(value)) return;
  out.push({ node: value, path, parentType });
  const ownType = typeof value.type === 'string' ? value.type : parentType;
  for (const [key, child] of Object.entries(value)) {
    // Data is opaque payload, not card structure.
    if (key !== 'data') walk(child, `${path}.${key}`, ownType, out);
  }
}

const allowedDataKeys = new Set(['verb', 'auditId', 'actionId', 'concernId', 'version']);

/** Our own rules for every card. */
export function cardRuleIssues(card: unknown): string[] {
  const root = JSON.parse(JSON.stringify(card)) as Json;
  const issues: string[] = [];
  if (!isObject(root) || root.type !== 'AdaptiveCard' || root.version !== '1.5') issues.push('card: must be an AdaptiveCard with version "1.5"');
  if (isObject(root) && 'actions' in root) issues.push('card: actions belong in an ActionSet, not at card level');
  const nodes: Located[] = [];
  walk(root, '$', null, nodes);
  const inputIds: string[] = [];
  for (const { node, path, parentType } of nodes) {
    for (const key of Object.keys(node)) if (/name/i.test(key)) issues.push(`${path}.${key}: cards carry no names`);
    if (typeof node.type === 'string' && node.type.startsWith('Input.') && typeof node.id === 'string') inputIds.push(node.id);
    if ('data' in node) {
      const data = node.data;
      if (!isObject(data)) issues.push(`${path}.data: must be an object`);
      else {
        for (const key of Object.keys(data)) if (!allowedDataKeys.has(key)) issues.push(`${path}.data.${key}: card data holds a verb, ids and a version only`);
        if (!cardData.safeParse(data).success) issues.push(`${path}.data: does not match its verb's schema`);
      }
    }
    // A card's refresh action is fetched by Teams, never clicked: no ActionSet, no fallback.
    if (node.type === 'Action.Execute' && path === '$.refresh.action') {
      if (!isObject(node.data) || node.data.verb !== node.verb) issues.push(`${path}: verb and data.verb differ`);
    } else if (node.type === 'Action.Execute') {
      if (parentType !== 'ActionSet') issues.push(`${path}: Action.Execute must sit in an ActionSet`);
      const fb = node.fallback;
      if (!isObject(fb) || fb.type !== 'Action.Submit') issues.push(`${path}: Action.Execute needs an Action.Submit fallback`);
      else {
        if (JSON.stringify(fb.data) !== JSON.stringify(node.data)) issues.push(`${path}: fallback must carry the same data`);
        if (fb.title !== node.title) issues.push(`${path}: fallback must have the same title`);
      }
      if (!isObject(node.data) || node.data.verb !== node.verb) issues.push(`${path}: verb and data.verb differ`);
    }
    if (node.type === 'Action.Submit' && parentType !== 'Action.Execute') issues.push(`${path}: Action.Submit only as an Action.Execute fallback`);
  }
  if (new Set(inputIds).size !== inputIds.length) issues.push('inputs: ids must be unique');
  const known = new Set<string>(Object.values(cardInputIds));
  for (const i of inputIds) {
    if (allowedDataKeys.has(i)) issues.push(`inputs: "${i}" would overwrite card data`);
    if (!known.has(i) && !/^note-[A-Za-z0-9_-]+$/.test(i)) issues.push(`inputs: "${i}" is not one of cardInputIds (or an action's note)`);
  }
  return issues;
}

/** Everything a card test asserts is empty. */
export function cardIssues(card: unknown): string[] {
  return [...cardRuleIssues(card), ...adaptiveCardsIssues(card)];
}

/** Every action in the card, nested ones included. */
export function cardActions(card: unknown): JsonObject[] {
  const nodes: Located[] = [];
  walk(JSON.parse(JSON.stringify(card)) as Json, '$', null, nodes);
  return nodes.map((n) => n.node).filter((n) => typeof n.type === 'string' && n.type.startsWith('Action.'));
}

/** All visible text of the card (TextBlocks, facts, titles, labels), for wording and privacy checks. */
export function cardText(card: unknown): string {
  const nodes: Located[] = [];
  walk(JSON.parse(JSON.stringify(card)) as Json, '$', null, nodes);
  const parts: string[] = [];
  for (const { node } of nodes)
    for (const key of ['text', 'title', 'value', 'label', 'placeholder', 'errorMessage'])
      if (typeof node[key] === 'string') parts.push(node[key]);
  return parts.join('\n');
}
