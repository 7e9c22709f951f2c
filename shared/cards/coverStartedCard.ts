import { z } from 'zod';
import { actionSet, adaptiveCard, heading, openUrlAction, textBlock, type AdaptiveCard } from './cardModel';
import { cardLink } from './cardInputs';
import { assertWithinCardBudget } from './cardSize';
import { cardStaffName } from './cardWording';

/**
 * Tells a deputy they now take a colleague's alerts while the colleague is away (shared/cover/
 * coverChange.ts). Staff names and a link only: the strict input has no room for a case or a
 * reason for the absence.
 */
export const coverStartedCardInput = z
  .object({
    awayName: cardStaffName,
    /** Who marked the colleague away, when it was not the colleague themselves. */
    markedByName: cardStaffName.nullable(),
    openAppUrl: cardLink,
  })
  .strict();
export type CoverStartedCardInput = z.input<typeof coverStartedCardInput>;

/** Preview line in chat lists and notifications. */
export const COVER_STARTED_SUMMARY = 'You are now covering for a colleague';

export function coverStartedCard(input: CoverStartedCardInput): AdaptiveCard {
  const c = coverStartedCardInput.parse(input);
  const by = c.markedByName === null ? `${c.awayName} has marked themselves away` : `${c.markedByName} has marked ${c.awayName} as away`;
  return assertWithinCardBudget(
    adaptiveCard([
      heading(`You are covering for ${c.awayName} while they are away`),
      textBlock(`${by} and named you to cover. Until they are back, their urgent concerns and other alerts come to you.`, { spacing: 'Small' }),
      textBlock('If you cannot cover, tell them or their line manager so someone else can be named.', { spacing: 'Small', isSubtle: true }),
      actionSet([openUrlAction('Open Practice Audit', c.openAppUrl)]),
    ]),
  );
}
