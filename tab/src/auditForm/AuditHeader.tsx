import { Badge, makeStyles, tokens } from '@fluentui/react-components';
import type { AuditDetail } from '../../../shared/api/contracts';
import { statusLabels } from '../../../shared/lifecycle/auditLifecycle';
import { legalStatusLabels, livingSituationLabels } from '../../../shared/schemas/cases';
import { DueDate } from '../common/AuditStatusText';
import { todayInLondon, ukDate } from '../common/dates';
import { PageHeading } from '../app/PageHeading';

const useStyles = makeStyles({
  titleRow: { display: 'flex', alignItems: 'center', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  facts: {
    display: 'grid',
    gridTemplateColumns: 'repeat(auto-fill, minmax(200px, 1fr))',
    gap: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalXL}`,
    margin: `0 0 ${tokens.spacingVerticalL}`,
  },
  term: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  def: { margin: 0 },
  rule: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
});

/** Which case, which audit, the look-back and where it stands. */
export function AuditHeader({ detail }: { detail: AuditDetail }) {
  const styles = useStyles();
  const a = detail.audit;
  return (
    <>
      <div className={styles.titleRow}>
        <PageHeading title={`Audit of ${a.caseSnapshot.caseRef}`}>
          {a.caseSnapshot.caseRef} ({a.caseSnapshot.initials})
        </PageHeading>
        {!detail.canEdit ? (
          <Badge appearance="outline" color="informative" size="large">
            Read only
          </Badge>
        ) : null}
        {a.purpose === 'learning' ? (
          <Badge appearance="outline" color="subtle" size="large">
            Learning audit
          </Badge>
        ) : null}
      </div>
      <dl className={styles.facts}>
        <div>
          <dt className={styles.term}>Audit type</dt>
          <dd className={styles.def}>{detail.settings.label}</dd>
        </div>
        <div>
          <dt className={styles.term}>Look-back</dt>
          <dd className={styles.def}>
            {ukDate(a.lookBack.from)} to {ukDate(a.lookBack.to)}
            <br />
            <span className={styles.rule}>{a.lookBack.rule}</span>
          </dd>
        </div>
        <div>
          <dt className={styles.term}>Due date</dt>
          <dd className={styles.def}>
            <DueDate dueDate={a.dueDate} status={a.status} today={todayInLondon()} />
          </dd>
        </div>
        <div>
          <dt className={styles.term}>Status</dt>
          <dd className={styles.def}>{statusLabels[a.status]}</dd>
        </div>
        <div>
          <dt className={styles.term}>Team</dt>
          <dd className={styles.def}>{detail.teamName}</dd>
        </div>
        <div>
          <dt className={styles.term}>Auditor</dt>
          <dd className={styles.def}>{detail.auditorName}</dd>
        </div>
        <div>
          <dt className={styles.term}>Allocated worker</dt>
          <dd className={styles.def}>{detail.workerName ?? 'None recorded'}</dd>
        </div>
        <div>
          <dt className={styles.term}>Legal status at allocation</dt>
          <dd className={styles.def}>{legalStatusLabels[a.caseSnapshot.legalStatus]}</dd>
        </div>
        <div>
          <dt className={styles.term}>Age at allocation</dt>
          <dd className={styles.def}>
            {a.caseSnapshot.ageYears === null ? 'Unborn' : `${a.caseSnapshot.ageYears}`}
            {a.caseSnapshot.livingSituation ? ` · ${livingSituationLabels[a.caseSnapshot.livingSituation]}` : ''}
            {a.caseSnapshot.disability ? ' · Disabled child' : ''}
          </dd>
        </div>
      </dl>
    </>
  );
}
