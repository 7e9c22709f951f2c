import { useCallback, useEffect, useState } from 'react';
import {
  Button,
  Field,
  Input,
  makeStyles,
  Select,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  Textarea,
  tokens,
} from '@fluentui/react-components';
import type { CaseOfConcernRegisterResponse, CaseOfConcernView, RegisterProposalView, RegisterStatusFilter } from '../../../shared/api/concernContracts';
import { CONCERN_TEXT_MAX } from '../../../shared/schemas/concerns';
import { caseOfConcernNotNeeded, getCasesOfConcern, raiseCaseOfConcern } from '../api/apiClient';
import { AppLink } from '../app/AppLink';
import { auditPath } from '../app/routes';
import { ukDateTime } from '../common/dates';
import { useTableStyles } from '../common/tableStyles';
import { CaseOfConcernStepDialog, type RegisterStep } from './CaseOfConcernStepDialog';
import { escalationLines, peopleText, raisedAsWords, registerStatusWords } from './concernText';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalXL} 0 ${tokens.spacingVerticalS}` },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'grid', rowGap: tokens.spacingVerticalL },
  item: { borderLeft: `${tokens.strokeWidthThick} solid ${tokens.colorPaletteMarigoldBorder2}`, paddingLeft: tokens.spacingHorizontalM },
  line: { margin: `${tokens.spacingVerticalXS} 0` },
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, maxWidth: '640px', marginTop: tokens.spacingVerticalS },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  filters: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalL, marginBottom: tokens.spacingVerticalM },
  filter: { minWidth: '220px' },
  cellList: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
  reason: { whiteSpace: 'pre-wrap' },
  raise: { marginBottom: tokens.spacingVerticalM },
});

const message = (e: unknown): string => (e instanceof Error ? e.message : String(e));

const stepButtons: { step: RegisterStep; permission: keyof CaseOfConcernView['permissions']; label: string }[] = [
  { step: 'respond', permission: 'respond', label: 'Respond' },
  { step: 'follow-ups', permission: 'followUp', label: 'Add follow-up' },
  { step: 'escalate', permission: 'escalate', label: 'Escalate' },
  { step: 'close', permission: 'close', label: 'Close' },
];

const stepDone: Record<RegisterStep, string> = { respond: 'Response sent', 'follow-ups': 'Follow-up added', escalate: 'Escalated', close: 'Closed' };

/**
 * The cases of concern register: proposals from audits to confirm, raising an entry directly (QA
 * leads), and the entries of the teams the viewer sees with their status, response, follow-ups and
 * escalations, each with the steps the viewer may take (the server checks them again).
 */
export function CaseOfConcernRegister() {
  const styles = useStyles();
  const table = useTableStyles();
  const [status, setStatus] = useState<RegisterStatusFilter>('all');
  const [teamId, setTeamId] = useState('');
  const [data, setData] = useState<CaseOfConcernRegisterResponse | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [statusLine, setStatusLine] = useState('');
  const [dialog, setDialog] = useState<{ entry: CaseOfConcernView; step: RegisterStep } | null>(null);
  const [raising, setRaising] = useState(false);

  const load = useCallback(async () => {
    try {
      setData(await getCasesOfConcern(status, teamId || undefined));
    } catch (e) {
      setError(message(e));
    }
  }, [status, teamId]);

  useEffect(() => {
    void load();
  }, [load]);

  const act = async (action: () => Promise<string>) => {
    setError(null);
    try {
      setStatusLine(await action());
      await load();
    } catch (e) {
      setError(message(e));
    }
  };

  const raiseFromProposal = (p: RegisterProposalView, reason: string) =>
    act(async () => {
      await raiseCaseOfConcern({ auditId: p.auditId, reason });
      return `Case of concern raised for ${p.caseRef} (${p.initials}). The team manager and Head of Service have been told.`;
    });
  const notNeeded = (p: RegisterProposalView) =>
    act(async () => {
      await caseOfConcernNotNeeded(p.concernId);
      return `No case of concern raised for ${p.caseRef} (${p.initials}).`;
    });
  const raiseDirectly = (caseRef: string, reason: string) =>
    act(async () => {
      const entry = await raiseCaseOfConcern({ caseRef, reason });
      setRaising(false);
      return `Case of concern raised for ${entry.caseRef} (${entry.initials}). The team manager and Head of Service have been told.`;
    });

  const hasProposals = data !== null && data.proposals.length > 0;

  return (
    <>
      {/* One live region for the whole register: it must stay in place to be announced. */}
      <ErrorAlert message={error} />
      <p role="status">{statusLine}</p>
      {data === null && error === null ? <Spinner label="Loading the cases of concern…" /> : null}

      {data && hasProposals ? (
        <section aria-labelledby="coc-proposals-heading">
          <h2 id="coc-proposals-heading" className={styles.h2}>
            Proposed by audits
          </h2>
          <p>These audits were graded Inadequate or found the child not safe. Raise a case of concern with a reason, or record that one is not needed.</p>
          <ul className={styles.list} aria-label="Proposed cases of concern">
            {data.proposals.map((p) => (
              <li key={p.concernId} className={styles.item}>
                <strong>
                  {p.caseRef} ({p.initials})
                </strong>
                , {p.teamName}, {p.auditTypeLabel}
                <p className={styles.line}>
                  {p.judgement}. Audited by {p.auditor.name}, submitted {ukDateTime(p.submittedAt)}. <AppLink to={auditPath(p.auditId)}>Open audit</AppLink>
                </p>
                <ProposalForm proposal={p} onRaise={raiseFromProposal} onNotNeeded={notNeeded} />
              </li>
            ))}
          </ul>
        </section>
      ) : null}

      <section aria-labelledby="coc-register-heading">
        <h2 id="coc-register-heading" className={styles.h2}>
          Register
        </h2>
        {data?.mayRaise ? (
          raising ? (
            <RaiseForm onRaise={raiseDirectly} onCancel={() => setRaising(false)} />
          ) : (
            <Button className={styles.raise} onClick={() => setRaising(true)}>
              Raise a case of concern
            </Button>
          )
        ) : null}
        <div className={styles.filters}>
          {data && data.teams.length > 1 ? (
            <Field label="Team" className={styles.filter}>
              <Select value={teamId} onChange={(_, d) => setTeamId(d.value)}>
                <option value="">All my teams</option>
                {data.teams.map((t) => (
                  <option key={t.id} value={t.id}>
                    {t.name}
                  </option>
                ))}
              </Select>
            </Field>
          ) : null}
          <Field label="Status" className={styles.filter}>
            <Select value={status} onChange={(_, d) => setStatus(d.value as RegisterStatusFilter)}>
              <option value="all">All</option>
              <option value="open">Open</option>
              <option value="responded">Responded to</option>
              <option value="closed">Closed</option>
            </Select>
          </Field>
        </div>
        {data === null ? null : data.items.length === 0 ? (
          <p className={table.empty}>There are no cases of concern to show.</p>
        ) : (
          <div className={table.wrap}>
            <Table aria-label="Cases of concern register" size="medium">
              <TableHeader>
                <TableRow>
                  <TableHeaderCell>Case reference</TableHeaderCell>
                  <TableHeaderCell>Initials</TableHeaderCell>
                  <TableHeaderCell>Team</TableHeaderCell>
                  <TableHeaderCell>Raised</TableHeaderCell>
                  <TableHeaderCell>Status</TableHeaderCell>
                  <TableHeaderCell>Response</TableHeaderCell>
                  <TableHeaderCell>Follow-ups</TableHeaderCell>
                  <TableHeaderCell>Escalated</TableHeaderCell>
                  <TableHeaderCell>Actions</TableHeaderCell>
                </TableRow>
              </TableHeader>
              <TableBody>
                {data.items.map((e) => (
                  <TableRow key={e.id}>
                    <TableCell>{e.auditId ? <AppLink to={auditPath(e.auditId)}>{e.caseRef}</AppLink> : e.caseRef}</TableCell>
                    <TableCell>{e.initials}</TableCell>
                    <TableCell>{e.teamName}</TableCell>
                    <TableCell>
                      By {e.raisedBy.name} ({raisedAsWords[e.raisedAs]}), {ukDateTime(e.raisedAt)}. Told: {peopleText(e.alerted)}.
                      <div className={styles.reason}>Reason: {e.reason}</div>
                    </TableCell>
                    <TableCell>{registerStatusWords[e.status]}{e.closure ? ` by ${e.closure.by.name}, ${ukDateTime(e.closure.at)}${e.closure.note ? `: ${e.closure.note}` : ''}` : ''}</TableCell>
                    <TableCell>{e.response ? `${e.response.by.name}, ${ukDateTime(e.response.at)}: ${e.response.text}` : 'None yet'}</TableCell>
                    <TableCell>
                      {e.followUps.length === 0 ? (
                        'None'
                      ) : (
                        <ul className={styles.cellList}>
                          {e.followUps.map((f) => (
                            <li key={`${f.by.id}-${f.at}`}>
                              {f.by.name}, {ukDateTime(f.at)}: {f.text}
                            </li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell>
                      {e.escalations.length === 0 ? (
                        'Not escalated'
                      ) : (
                        <ul className={styles.cellList}>
                          {escalationLines(e).map((l) => (
                            <li key={l}>{l}</li>
                          ))}
                        </ul>
                      )}
                    </TableCell>
                    <TableCell>
                      <div className={styles.buttons}>
                        {stepButtons
                          .filter((b) => e.permissions[b.permission])
                          .map((b) => (
                            <Button key={b.step} size="small" onClick={() => setDialog({ entry: e, step: b.step })} aria-label={`${b.label}: ${e.caseRef}`}>
                              {b.label}
                            </Button>
                          ))}
                      </div>
                    </TableCell>
                  </TableRow>
                ))}
              </TableBody>
            </Table>
          </div>
        )}
      </section>
      <CaseOfConcernStepDialog
        open={dialog}
        escalateTo={data?.escalateTo ?? []}
        onClose={() => setDialog(null)}
        onDone={(entry, step) => {
          setDialog(null);
          void act(async () => `${stepDone[step]}: ${entry.caseRef} (${entry.initials}).`);
        }}
      />
    </>
  );
}

function ProposalForm(props: { proposal: RegisterProposalView; onRaise: (p: RegisterProposalView, reason: string) => Promise<void>; onNotNeeded: (p: RegisterProposalView) => Promise<void> }) {
  const styles = useStyles();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const p = props.proposal;
  const run = async (work: () => Promise<void>) => {
    setBusy(true);
    try {
      await work();
    } finally {
      setBusy(false);
    }
  };
  return (
    <form
      noValidate
      className={styles.form}
      aria-label={`Proposed case of concern: ${p.caseRef}`}
      onSubmit={(e) => {
        e.preventDefault();
        if (reason.trim() === '') return setProblem('Give the reason for raising it.');
        setProblem(null);
        void run(() => props.onRaise(p, reason.trim()));
      }}
    >
      <Field label="Reason for raising a case of concern" required validationMessage={problem ?? undefined}>
        <Textarea value={reason} maxLength={CONCERN_TEXT_MAX} resize="vertical" onChange={(_, d) => setReason(d.value)} disabled={busy} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Raise case of concern
        </Button>
        <Button disabled={busy} onClick={() => void run(() => props.onNotNeeded(p))}>
          Not needed
        </Button>
      </div>
    </form>
  );
}

function RaiseForm(props: { onRaise: (caseRef: string, reason: string) => Promise<void>; onCancel: () => void }) {
  const styles = useStyles();
  const [caseRef, setCaseRef] = useState('');
  const [reason, setReason] = useState('');
  const [problems, setProblems] = useState<{ caseRef?: string; reason?: string }>({});
  const [busy, setBusy] = useState(false);
  return (
    <form
      noValidate
      className={styles.form}
      aria-label="Raise a case of concern"
      onSubmit={(e) => {
        e.preventDefault();
        const found = { ...(caseRef.trim() ? {} : { caseRef: 'Give the case reference.' }), ...(reason.trim() ? {} : { reason: 'Give the reason for raising it.' }) };
        setProblems(found);
        if (found.caseRef || found.reason) return;
        setBusy(true);
        void props.onRaise(caseRef.trim(), reason.trim()).finally(() => setBusy(false));
      }}
    >
      <Field label="Case reference" required validationMessage={problems.caseRef}>
        <Input value={caseRef} maxLength={32} onChange={(_, d) => setCaseRef(d.value)} disabled={busy} />
      </Field>
      <Field label="Reason" required validationMessage={problems.reason}>
        <Textarea value={reason} maxLength={CONCERN_TEXT_MAX} resize="vertical" onChange={(_, d) => setReason(d.value)} disabled={busy} />
      </Field>
      <div className={styles.buttons}>
        <Button type="submit" appearance="primary" disabled={busy}>
          Raise case of concern
        </Button>
        <Button disabled={busy} onClick={props.onCancel}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
