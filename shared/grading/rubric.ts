import type { FourPointGrade } from '../schemas/grades';
import type { RubricDomain } from '../schemas/templates';

/**
 * What each grade looks like in each practice domain, so auditors grade alike. Shown beside the
 * domain grades and the overall grade; the words are the product's own.
 */
export const domainLabels: Record<RubricDomain, string> = {
  contactReferral: 'Contact and referral',
  recording: 'Recording and information',
  assessment: 'Assessment',
  planning: 'Planning',
  reviews: 'Reviews',
  managementOversight: 'Management oversight',
};

const beyondGood = (area: string): string =>
  `${area} is consistently good or better, and in some way goes beyond what is expected. The narrative says how.`;

export const consistencyRubric: Record<RubricDomain, Record<FourPointGrade, string>> = {
  contactReferral: {
    outstanding: beyondGood('Contact and referral practice'),
    good:
      "The referral uses the agreed format, holds the information needed and shows why social care or early help is the right route. It is answered within the agreed timescale and the decision fits the need and the history of earlier contacts. Strengths, risks and safety are clear, and the manager's reasons for the next steps are recorded.",
    requiresImprovement:
      'The referral shows why it was made and touches on strengths and risks, but lacks detail about behaviour and misses some information. Some earlier contacts have been looked at, and the referral was acted on promptly.',
    inadequate:
      'Key information is missing, or the referral came too late. Strengths or safety are not recorded, consent was not sought where it should have been, and earlier contacts were not considered. There is no analysis of risk and no recorded reason for the next steps.',
  },
  recording: {
    outstanding: beyondGood('Recording'),
    good:
      'Records are concise, analytical and detailed enough to keep the child safe and focus the plan. Contact details are accurate and easy to find. Worries, safety goals and scaling name the specific behaviours and their effect on the child, and the record is written plainly enough for the family to follow their own story.',
    requiresImprovement:
      'Records are timely and support a clear plan, but some contact details are missing or hard to find. Worries and safety goals are recorded without naming specific behaviours. A family member reading the file could still understand it.',
    inadequate:
      'Records are out of date or unfocused and do not support planning or decisions. Basic details are wrong or misleading, worries and safety goals are absent, and the file is incomplete, late or hard to understand.',
  },
  assessment: {
    outstanding: beyondGood('Assessment'),
    good:
      'The assessment sets out strengths and worries with sound analysis, and includes everyone in the household and others who matter to the child, fathers included. It draws on history and other agencies, and the child was seen alone, with their views and direct work shaping the conclusions. Diversity and disability are addressed, and it was approved on time and shared with the family.',
    requiresImprovement:
      'The assessment gives some strengths and worries but limited analysis, and may leave out key household members. The child was seen, but their daily life and wishes are not clearly captured, and direct work is not analysed. It was approved on time and shared, though not always in plain language.',
    inadequate:
      'The assessment does not identify strengths, worries or risks and offers little or no analysis. Relevant family members and agencies are missing, and there is no sign the child was seen or spoken to alone. It reaches no clear conclusion, was not signed off or was not shared with the family.',
  },
  planning: {
    outstanding: beyondGood('Planning'),
    good:
      "A current plan, reviewed on time and after significant events, shows how the child's needs will be met and is making a difference. It says who will do what to keep the child safe and well, and was made with the child and family. Visits are on time and purposeful, and the record tells the child's story and shows progress.",
    requiresImprovement:
      'A current plan is reviewed on time but lists tasks and services more than who will keep the child safe. The family network is not fully drawn on. Visits meet the minimum and the child has been seen alone, and there is some positive impact.',
    inadequate:
      'There is no current plan, or only an out-of-date list of tasks, and it has not been reviewed when it should have been. The child, family and network are not involved, planning is drifting, and visits are missing or late.',
  },
  reviews: {
    outstanding: beyondGood('Review practice'),
    good:
      "Reviews are held on time under the right framework and the plan changes as the child's needs change. The child and family take part, or their views are gathered, and the plan is shared in a form they can use. Review records are prompt and detailed, with clear actions and timescales, and other agencies are held to their part.",
    requiresImprovement:
      "Reviews are on time and the family were invited, and the review keeps the child's needs in view. Some records are late or thin on actions, and not every agency's contribution is sought.",
    inadequate:
      "Reviews are late or missing, and key people were not invited. The review neither tests whether the plan still meets the child's needs nor changes it, and other agencies are absent from it.",
  },
  managementOversight: {
    outstanding: `${beyondGood('Management oversight')} Oversight is confident and keeps practice on the case strong and effective.`,
    good:
      "Supervision is regular, reflective and analytical. It tests the plan's progress, sets clear actions and timescales, and checks earlier actions were done. The manager's footprint is visible on the file, and gaps found by earlier audits have been put right.",
    requiresImprovement:
      "Supervision happens as the policy expects but shows little reflection or analysis, and does not clearly prevent drift. The manager's footprint is light, and gaps from earlier audits are only partly addressed.",
    inadequate:
      'Supervision is missing or does not record decisions, reflection or analysis, and actions are not followed through. There is little management oversight on the file, and gaps from earlier audits remain.',
  },
};

/** The overall (outcomes) judgement. */
export const outcomesRubric: Record<FourPointGrade, string> = {
  outstanding:
    "Most areas are Outstanding and the child's wellbeing has shaped every plan and intervention. Plans are ambitious and whole, and set to bring lasting improvement.",
  good:
    "Most areas are Good and the child's wellbeing has been central to planning and intervention. Plans are ambitious and whole, and likely to bring lasting improvement.",
  requiresImprovement:
    "Most areas Require improvement and the work is not yet of a good standard. The child's wellbeing has not always come first, and plans may not be ambitious or broad enough to bring lasting change.",
  inadequate:
    "Key areas are Inadequate, or the child is not safe. The work has not protected or promoted the child's wellbeing, and plans will not bring lasting improvement.",
};
