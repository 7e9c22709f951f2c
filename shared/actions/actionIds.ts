import { stableId } from '../ids/stableId';

/** A live action's id, from its audit and draft: re-running a submission creates no duplicates. */
export function actionIdFor(auditId: string, draftId: string): string {
  return stableId('act_', `${auditId}/${draftId}`);
}
