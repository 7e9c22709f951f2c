import type { SectionProposal, SubmissionProblem } from '../api/contracts';
import type { AuditForm, CaseSnapshot, ViewsEntry } from '../schemas/audits';
import type { IsoDate } from '../schemas/common';
import type { AuditTemplate, RoundTheme, TemplateSection } from '../schemas/templates';
import type { AuditTypeSettings } from '../settings/auditTypeSettings';
import { legalStatusLabels } from '../schemas/cases';
import { gradeScales, toFourPoint, fourPointRank } from '../grading/gradeScales';
import { checkOverallGrade } from '../grading/gradingRules';
import { domainLabels } from '../grading/rubric';

/**
 * What an audit needs before it can be submitted. Each rule sits behind its audit type's setting,
 * except those that protect a child: a child judged not safe needs the urgent concern raised.
 * Problems come in the form's order (profile, sections, views, good practice, theme, grading with
 * the urgent concern right after the child-safety judgement, actions, participants) so the tab can
 * list and link them as they appear.
 */
export interface SubmissionContext {
  settings: AuditTypeSettings;
  template: AuditTemplate;
  snapshot: CaseSnapshot;
  proposals: SectionProposal[];
  activeSectionIds: string[];
  form: AuditForm;
  theme: RoundTheme | null;
  today: IsoDate;
}

const blank = (text: string | null | undefined): boolean => !text || text.trim() === '';

/** `2026-11-23` → `23/11/2026` for messages. */
function ukDate(date: IsoDate): string {
  const [y, m, d] = date.split('-');
  return `${d}/${m}/${y}`;
}

function sectionName(section: TemplateSection): string {
  return section.number ? `Section ${section.number} ${section.title}` : section.title;
}

function profileAndSections(ctx: SubmissionContext): SubmissionProblem[] {
  const { template, form, proposals } = ctx;
  const active = new Set(ctx.activeSectionIds);
  const out: SubmissionProblem[] = [];
  for (const section of template.sections) {
    if (section.kind === 'profile') {
      // The case's story is kept in one field whatever the template calls its box.
      if (blank(form.caseProfile))
        out.push({ field: 'caseProfile', message: `${sectionName(section)}: write a brief story of the case.`, sectionId: section.id });
      continue;
    }
    const choice = form.sectionChoices[section.id];
    const proposal = proposals.find((p) => p.sectionId === section.id);
    if (choice && proposal && choice.included !== proposal.proposed && blank(choice.reason)) {
      const did = choice.included ? 'added' : 'left out';
      out.push({
        field: `sectionChoices.${section.id}.reason`,
        message: `${sectionName(section)}: say why you ${did} this section against the proposal.`,
        sectionId: section.id,
      });
    }
    if (!active.has(section.id)) continue;
    const response = form.sections[section.id];
    const allNotApplicable =
      section.prompts.length > 0 && section.prompts.every((p) => response?.prompts[p.id]?.state === 'notApplicable');
    if (!allNotApplicable && blank(response?.evidence))
      out.push({
        field: `sections.${section.id}.evidence`,
        message: `${sectionName(section)}: write the evidence you saw.`,
        sectionId: section.id,
      });
  }
  return out;
}

function views(ctx: SubmissionContext): SubmissionProblem[] {
  const { settings, form, snapshot } = ctx;
  if (!settings.submission.viewsRequired) return [];
  const out: SubmissionProblem[] = [];
  const check = (who: 'child' | 'parents', name: string, entry: ViewsEntry) => {
    const at = `views.${who}`;
    if (entry.sought === null) {
      out.push({ field: `${at}.sought`, message: `${name}: say whether their views were sought.`, sectionId: null });
      return;
    }
    if (entry.sought === 'no') {
      if (blank(entry.reasonNotSought))
        out.push({ field: `${at}.reasonNotSought`, message: `${name}: record why their views were not sought.`, sectionId: null });
      return;
    }
    if (who === 'child' && settings.submission.consentRequiredFor.includes(snapshot.legalStatus) && entry.consent !== 'given')
      out.push({
        field: `${at}.consent`,
        message: `${name}: for a case under ${legalStatusLabels[snapshot.legalStatus].toLowerCase()}, a parent's consent is needed before speaking to the child. Record that it was given, or record the views as not sought and why.`,
        sectionId: null,
      });
    if (blank(entry.ownWords))
      out.push({ field: `${at}.ownWords`, message: `${name}: record their views in their own words.`, sectionId: null });
  };
  check('child', "Child's views", form.views.child);
  check('parents', "Parents' views", form.views.parents);
  return out;
}

function goodPractice(ctx: SubmissionContext): SubmissionProblem[] {
  const { settings, form } = ctx;
  if (!settings.submission.goodPracticeExample) return [];
  if (form.goodPractice.kind === null)
    return [{ field: 'goodPractice.kind', message: 'Good practice: give an example, or say none was seen.', sectionId: null }];
  if (form.goodPractice.kind === 'example' && blank(form.goodPractice.text))
    return [{ field: 'goodPractice.text', message: 'Good practice: describe the example you saw.', sectionId: null }];
  return [];
}

function theme(ctx: SubmissionContext): SubmissionProblem[] {
  const { theme: roundTheme, form } = ctx;
  if (!roundTheme) return [];
  const total = roundTheme.questions.length;
  const out: SubmissionProblem[] = [];
  roundTheme.questions.forEach((q, i) => {
    if (!blank(form.theme[q.id])) return;
    const text = q.text.length > 80 ? `${q.text.slice(0, 77)}…` : q.text;
    out.push({
      field: `theme.${q.id}`,
      message: `Theme ${roundTheme.title}: answer question ${i + 1} of ${total} ("${text}").`,
      sectionId: null,
    });
  });
  return out;
}

/** Not a setting: a child judged not safe needs the concern raised with the case's manager at once. */
function urgentConcern(ctx: SubmissionContext): SubmissionProblem[] {
  const { form } = ctx;
  if (form.grading.childSafe !== 'notSafe') return urgentConcernRecord(ctx);
  if (!form.urgentConcern.raised)
    return [
      {
        field: 'urgentConcern.raised',
        message: "Urgent concern: the child is judged not safe. Raise it directly and at once with the case's manager, then record it here.",
        sectionId: null,
      },
    ];
  return urgentConcernRecord(ctx);
}

/** A raising recorded (child judged not safe or not) says with whom, or the out-of-hours duty service, and when. */
function urgentConcernRecord(ctx: SubmissionContext): SubmissionProblem[] {
  const u = ctx.form.urgentConcern;
  if (!u.raised) return [];
  const out: SubmissionProblem[] = [];
  if (u.raisedWithId === null && !u.outOfHoursService)
    out.push({ field: 'urgentConcern.raisedWithId', message: 'Urgent concern: record who it was raised with, or that it went to the out-of-hours duty service.', sectionId: null });
  if (u.raisedAt === null) out.push({ field: 'urgentConcern.raisedAt', message: 'Urgent concern: record when it was raised.', sectionId: null });
  return out;
}

function grading(ctx: SubmissionContext): SubmissionProblem[] {
  const { settings, form } = ctx;
  const g = form.grading;
  const scale = settings.gradeScale;
  const evidenceEverywhere = settings.submission.evidenceForEveryGrade;
  const out: SubmissionProblem[] = [];
  const asks = gradeScales[scale].options.some((o) => o.fourPoint === 'askInadequate');

  if (settings.gradingMode === 'perDomain') {
    for (const domain of [...new Set(settings.gradedDomains)]) {
      const name = domainLabels[domain];
      const entry = g.domains[domain];
      const value = entry?.value ?? null;
      if (toFourPoint(scale, value) === null) {
        const known = value !== null && gradeScales[scale].options.some((o) => o.id === value.grade);
        const message = known && asks ? `${name}: say whether practice is inadequate.` : `${name}: choose a grade.`;
        out.push({ field: `grading.domains.${domain}.value`, message, sectionId: null });
      }
      if (evidenceEverywhere && blank(entry?.evidence))
        out.push({ field: `grading.domains.${domain}.evidence`, message: `${name}: write the evidence for the grade.`, sectionId: null });
    }
  }

  if (g.outcomes === null)
    out.push({ field: 'grading.outcomes', message: "Child's outcomes: say whether they are met, on the way or not met.", sectionId: null });
  if (g.childSafe === null)
    out.push({ field: 'grading.childSafe', message: 'Child safety: say whether the child is safe.', sectionId: null });
  // On the page the urgent concern sits right under "Is the child safe?".
  out.push(...urgentConcern(ctx));

  for (const p of checkOverallGrade(settings, g).problems) out.push({ ...p, sectionId: null });

  if (settings.submission.summaryRequired && blank(g.summary.judgement))
    out.push({ field: 'grading.summary.judgement', message: 'Summary: write your judgement.', sectionId: null });
  if ((settings.submission.summaryRequired || evidenceEverywhere) && blank(g.summary.evidence))
    out.push({ field: 'grading.summary.evidence', message: 'Summary: write the evidence for the overall grade.', sectionId: null });
  if (settings.submission.summaryRequired && blank(g.summary.impact))
    out.push({ field: 'grading.summary.impact', message: 'Summary: write the impact on the child.', sectionId: null });
  return out;
}

function actions(ctx: SubmissionContext): SubmissionProblem[] {
  const { settings, form, today } = ctx;
  const out: SubmissionProblem[] = [];
  const overall = toFourPoint(settings.gradeScale, form.grading.overall);
  if (
    settings.submission.actionWhenBelowGood &&
    overall !== null &&
    fourPointRank(overall) > fourPointRank('good') &&
    form.actions.length === 0
  )
    out.push({ field: 'actions', message: 'Actions: the overall grade is below Good, so agree at least one action.', sectionId: null });

  form.actions.forEach((a, i) => {
    const name = `Action ${i + 1}`;
    const at = `actions.${i}`;
    if (blank(a.what)) out.push({ field: `${at}.what`, message: `${name}: say what needs to be done.`, sectionId: null });
    if (blank(a.why)) out.push({ field: `${at}.why`, message: `${name}: say why it is needed.`, sectionId: null });
    if (a.ownerId === null) out.push({ field: `${at}.ownerId`, message: `${name}: choose who will do it.`, sectionId: null });
    if (a.accountableManagerId === null)
      out.push({ field: `${at}.accountableManagerId`, message: `${name}: choose the accountable manager.`, sectionId: null });
    if (a.dueDate === null) out.push({ field: `${at}.dueDate`, message: `${name}: set a due date.`, sectionId: null });
    else if (a.dueDate <= today)
      out.push({
        field: `${at}.dueDate`,
        message: `${name}: the due date (${ukDate(a.dueDate)}) must be after today (${ukDate(today)}).`,
        sectionId: null,
      });
  });
  return out;
}

function participants(ctx: SubmissionContext): SubmissionProblem[] {
  const { settings, form, today } = ctx;
  if (!settings.collaborative) return [];
  const out: SubmissionProblem[] = [];
  if (form.participants.workerTookPart === null)
    out.push({
      field: 'participants.workerTookPart',
      message: 'Participants: say whether the allocated worker took part.',
      sectionId: null,
    });
  const date = form.participants.meetingDate;
  if (date === null)
    out.push({ field: 'participants.meetingDate', message: 'Participants: give the date of the audit meeting.', sectionId: null });
  else if (date > today)
    out.push({
      field: 'participants.meetingDate',
      message: `Participants: the meeting date (${ukDate(date)}) cannot be in the future.`,
      sectionId: null,
    });
  return out;
}

export function checkSubmission(ctx: SubmissionContext): SubmissionProblem[] {
  return [
    ...profileAndSections(ctx),
    ...views(ctx),
    ...goodPractice(ctx),
    ...theme(ctx),
    ...grading(ctx),
    ...actions(ctx),
    ...participants(ctx),
  ];
}
