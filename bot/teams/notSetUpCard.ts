import { adaptiveCard, heading, textBlock, type AdaptiveCard } from '../../shared/cards/cardModel';

/** For someone whose Teams identity matches no one in the staff directory: nothing else is shown to them. */
export function notSetUpCard(): AdaptiveCard {
  return adaptiveCard([
    heading('Practice Audit'),
    textBlock("Sorry, your Teams account isn't set up in Practice Audit yet, so I can't show you any audits.", { spacing: 'Small' }),
    textBlock('Your QA lead or the service administrator can add you to the staff directory.', { isSubtle: true }),
  ]);
}
