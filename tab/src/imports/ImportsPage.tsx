import { useCallback, useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Link,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Field,
  Spinner,
  Table,
  TableBody,
  TableCell,
  TableHeader,
  TableHeaderCell,
  TableRow,
  tokens,
} from '@fluentui/react-components';
import type { ImportCommitResponse, ImportIssueDto, ImportPreviewResponse, ImportRegister, Me } from '../../../shared/api/contracts';
import { mayImportRegisters } from '../../../shared/access/importAccess';
import { ApiFailure, commitImport, previewImport, type ImportFile } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { useTableStyles } from '../common/tableStyles';
import { DirectorySyncPanel } from './DirectorySyncPanel';
import type { DirectorySyncStatus } from '../../../shared/api/directoryContracts';
import { ErrorAlert } from '../common/ErrorAlert';
import { plural } from '../common/plural';

const useStyles = makeStyles({
  form: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL, maxWidth: '640px', marginBottom: tokens.spacingVerticalXL },
  fileRow: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  fileLabel: { fontWeight: tokens.fontWeightSemibold },
  hint: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200, margin: 0 },
  h2: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalL} 0 ${tokens.spacingVerticalS}` },
  counts: { margin: `0 0 ${tokens.spacingVerticalM}`, paddingLeft: tokens.spacingHorizontalXL },
  actions: { display: 'flex', gap: tokens.spacingHorizontalM, marginTop: tokens.spacingVerticalL },
  status: { marginTop: tokens.spacingVerticalM, minHeight: '1.5em' },
  section: { marginBottom: tokens.spacingVerticalL },
  confirm: {
    marginTop: tokens.spacingVerticalL,
    padding: tokens.spacingHorizontalL,
    border: `1px solid ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    ':focus-within': { outline: `2px solid ${tokens.colorStrokeFocus2}` },
  },
});

const registerNames: Record<ImportRegister, { title: string; into: string; hint: string }> = {
  staff: {
    title: 'Staff directory',
    into: 'the staff directory',
    hint: 'Columns: name, e-mail, job roles (separated by ;), team, line manager e-mail, deputy e-mail. People already in the directory are matched by e-mail and updated.',
  },
  cases: {
    title: 'Open-case register',
    into: 'the open-case register',
    hint: 'The case-management export of open cases: case reference, initials, date of birth (or expected date for an unborn baby), team, allocated worker e-mail, legal status, disability and the optional history columns. Dates as dd/mm/yyyy (or date cells in Excel; only the first worksheet is read). Import the staff directory first.',
  },
};

/** The server's limits (in the contracts; not imported, so zod stays out of this chunk). */
const MAX_CHARS = 5 * 1024 * 1024;
const MAX_XLSX_BYTES = 3 * 1024 * 1024;
const TOO_BIG = 'The file is larger than 5 MB. Split it, or export only open cases.';

const isWorkbook = (f: File) => /\.xlsx$/i.test(f.name);

function base64(bytes: ArrayBuffer): string {
  const all = new Uint8Array(bytes);
  let text = '';
  // In slices: String.fromCharCode takes its characters as arguments, and they are limited.
  for (let i = 0; i < all.length; i += 0x8000) text += String.fromCharCode(...all.subarray(i, i + 0x8000));
  return btoa(text);
}

/** The chosen file as the import routes take it. */
async function readImportFile(f: File): Promise<ImportFile> {
  if (isWorkbook(f)) {
    if (f.size > MAX_XLSX_BYTES) throw new Error('The workbook is larger than 3 MB. Export it as CSV instead.');
    return { xlsx: base64(await f.arrayBuffer()) };
  }
  const csv = await f.text();
  if (csv.length > MAX_CHARS) throw new Error(TOO_BIG);
  return { csv };
}

/** Rejected rows shown at once; a file with more problems than this needs fixing at source anyway. */
const SHOWN_ISSUES = 500;

type State =
  | { kind: 'idle' }
  | { kind: 'checking' }
  | { kind: 'previewed'; preview: ImportPreviewResponse; file: ImportFile; fileName: string }
  | { kind: 'importing'; preview: ImportPreviewResponse; file: ImportFile; fileName: string };


export default function ImportsPage({ me }: { me: Me }) {
  const styles = useStyles();
  const fileId = useId();
  const hintId = useId();
  const fileInput = useRef<HTMLInputElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const [register, setRegister] = useState<ImportRegister>('staff');
  const [file, setFile] = useState<File | null>(null);
  const [state, setState] = useState<State>({ kind: 'idle' });
  const [error, setError] = useState<string | null>(null);
  const [result, setResult] = useState<string>('');
  const [confirming, setConfirming] = useState(false);
  // Staff come from Entra groups here: the staff file import is off (the server refuses it too).
  const [staffFromEntra, setStaffFromEntra] = useState(false);
  const onDirectoryStatus = useCallback((s: DirectorySyncStatus) => {
    setStaffFromEntra(s.configured);
    if (s.configured) setRegister('cases');
  }, []);
  // After importing or cancelling, the buttons that had focus are gone: focus goes to the outcome.
  useEffect(() => {
    if (result !== '') statusRef.current?.focus();
  }, [result]);

  if (!mayImportRegisters(me)) {
    return (
      <>
        <PageHeading title="Imports" />
        <MessageBar intent="info">
          <MessageBarBody>Imports are for quality assurance leads, principal social workers and administrators.</MessageBarBody>
        </MessageBar>
      </>
    );
  }

  const reset = () => {
    setState({ kind: 'idle' });
    setFile(null);
    setConfirming(false);
    if (fileInput.current) fileInput.current.value = '';
  };

  const check = async () => {
    setError(null);
    setResult('');
    if (!file) {
      setError('Choose a CSV or Excel file first.');
      return;
    }
    if (file.size > MAX_CHARS * 3) {
      setError(TOO_BIG);
      return;
    }
    setState({ kind: 'checking' });
    try {
      const chosen = await readImportFile(file);
      const preview = await previewImport(register, chosen);
      setState({ kind: 'previewed', preview, file: chosen, fileName: file.name });
    } catch (e) {
      setState({ kind: 'idle' });
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const importRows = async () => {
    if (state.kind !== 'previewed') return;
    setConfirming(false);
    setState({ ...state, kind: 'importing' });
    try {
      const done: ImportCommitResponse = await commitImport(register, state.file, state.preview.acceptedCount);
      reset();
      setResult(
        `Imported ${plural(done.acceptedCount, 'row', 'rows')} into ${registerNames[register].into}: ${done.created} added, ${done.updated} updated, ${done.unchanged} already up to date.`,
      );
    } catch (e) {
      // A changed file (409) must be checked again; anything else can be retried as it stands.
      if (e instanceof ApiFailure && e.status === 409) setState({ kind: 'idle' });
      else setState({ ...state, kind: 'previewed' });
      setError(e instanceof Error ? e.message : String(e));
    }
  };

  const cancel = () => {
    reset();
    setError(null);
    setResult('Import cancelled: nothing was saved.');
  };

  const names = registerNames[register];
  const busy = state.kind === 'checking' || state.kind === 'importing';

  return (
    <>
      <PageHeading title="Imports" />
      <DirectorySyncPanel me={me} onStatus={onDirectoryStatus} />
      <form
        className={styles.form}
        onSubmit={(e) => {
          e.preventDefault();
          void check();
        }}
      >
        <Field label="Register to import">
          <RadioGroup
            value={register}
            onChange={(_, d) => {
              setRegister(d.value as ImportRegister);
              reset();
              setError(null);
              setResult('');
            }}
          >
            <Radio value="staff" label={staffFromEntra ? `${registerNames.staff.title} (from Entra groups: see above)` : registerNames.staff.title} disabled={busy || staffFromEntra} />
            <Radio value="cases" label={registerNames.cases.title} disabled={busy} />
          </RadioGroup>
        </Field>
        <div className={styles.fileRow}>
          <label htmlFor={fileId} className={styles.fileLabel}>
            CSV or Excel file ({names.title.toLowerCase()})
          </label>
          <p id={hintId} className={styles.hint}>
            {names.hint}
          </p>
          {me.mode === 'local' ? (
            <p className={styles.hint}>
              Trying Practice Audit out? Download the demo council&apos;s{' '}
              <Link href={`/api/demo/files/${register === 'staff' ? 'staff-directory' : 'open-case-register'}.csv`} download>
                {register === 'staff' ? 'staff directory' : 'open-case register'} (CSV)
              </Link>{' '}
              and import it here.
            </p>
          ) : null}
          <input
            ref={fileInput}
            id={fileId}
            type="file"
            accept=".csv,text/csv,.xlsx,application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
            aria-describedby={hintId}
            disabled={busy}
            onChange={(e) => {
              setFile(e.target.files?.[0] ?? null);
              setState({ kind: 'idle' });
              setError(null);
              setResult('');
            }}
          />
        </div>
        <div>
          <Button type="submit" appearance={state.kind === 'previewed' ? 'secondary' : 'primary'} disabled={busy || file === null}>
            Check file
          </Button>
        </div>
      </form>

      <ErrorAlert message={error} />
      <div role="status" ref={statusRef} tabIndex={-1} className={styles.status}>
        {state.kind === 'checking' ? <Spinner size="small" label="Checking the file…" /> : null}
        {state.kind === 'importing' ? <Spinner size="small" label="Importing…" /> : null}
        {result}
        {state.kind === 'previewed' ? `Checked ${state.fileName}: ${plural(state.preview.acceptedCount, 'row', 'rows')} can be imported, ${plural(state.preview.rejectedRowCount, 'row is', 'rows are')} rejected.` : null}
      </div>

      {state.kind === 'previewed' || state.kind === 'importing' ? (
        <PreviewResult
          preview={state.preview}
          fileName={state.fileName}
          busy={busy}
          confirming={confirming}
          into={names.into}
          onImport={() => setConfirming(true)}
          onConfirm={() => void importRows()}
          onBack={() => setConfirming(false)}
          onCancel={cancel}
        />
      ) : null}

    </>
  );
}

function PreviewResult({
  preview,
  fileName,
  busy,
  confirming,
  into,
  onImport,
  onConfirm,
  onBack,
  onCancel,
}: {
  preview: ImportPreviewResponse;
  fileName: string;
  busy: boolean;
  confirming: boolean;
  into: string;
  onImport: () => void;
  onConfirm: () => void;
  onBack: () => void;
  onCancel: () => void;
}) {
  const styles = useStyles();
  const blocked = preview.fileErrors.length > 0;
  const rows = plural(preview.acceptedCount, 'row', 'rows');
  const confirmHeading = useRef<HTMLHeadingElement>(null);
  // The question replaces the buttons: focus goes to it so keyboard and screen-reader users are where the choice is.
  useEffect(() => {
    if (confirming) confirmHeading.current?.focus();
  }, [confirming]);
  return (
    <section aria-labelledby="import-preview-heading">
      <h2 id="import-preview-heading" className={styles.h2}>
        Check of {fileName}
      </h2>
      <ul className={styles.counts}>
        <li>{plural(preview.rowCount, 'row', 'rows')} read</li>
        <li>{plural(preview.acceptedCount, 'row', 'rows')} can be imported</li>
        <li>{plural(preview.rejectedRowCount, 'row', 'rows')} rejected</li>
        <li>{plural(preview.warnings.length, 'warning', 'warnings')}</li>
      </ul>
      {blocked ? (
        <MessageBar intent="error" role="alert" className={styles.section}>
          <MessageBarBody>
            This file cannot be imported:{' '}
            {preview.fileErrors.map((e) => (e.line === null ? e.reason : `line ${e.line}: ${e.reason}`)).join('; ')}.
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {preview.rejected.length > 0 ? <IssueTable caption="Rejected rows: these are not imported" issues={preview.rejected} /> : null}
      {preview.warnings.length > 0 ? <IssueTable caption="Warnings: these rows are imported; check them" issues={preview.warnings} /> : null}
      {preview.notes.length > 0 ? (
        <>
          <h3 className={styles.h2}>Notes</h3>
          <ul>
            {preview.notes.map((n) => (
              <li key={n}>{n}</li>
            ))}
          </ul>
        </>
      ) : null}
      {confirming ? (
        <div role="group" aria-labelledby="import-confirm-heading" className={styles.confirm}>
          <h3 id="import-confirm-heading" ref={confirmHeading} tabIndex={-1} className={styles.h2}>
            Import {rows}?
          </h3>
          <p>
            The accepted rows of {fileName} will be saved to {into}; records already held are updated and rejected rows are left out.
            The file is checked again as it is saved.
          </p>
          <div className={styles.actions}>
            <Button appearance="primary" disabled={busy} onClick={onConfirm}>
              Yes, import {rows}
            </Button>
            <Button appearance="secondary" disabled={busy} onClick={onBack}>
              Go back
            </Button>
          </div>
        </div>
      ) : (
        <div className={styles.actions}>
          <Button appearance="primary" disabled={busy || blocked || preview.acceptedCount === 0} onClick={onImport}>
            Import {rows}
          </Button>
          <Button appearance="secondary" disabled={busy} onClick={onCancel}>
            Cancel
          </Button>
        </div>
      )}
    </section>
  );
}

function IssueTable({ caption, issues }: { caption: string; issues: ImportIssueDto[] }) {
  const table = useTableStyles();
  const styles = useStyles();
  const shown = issues.slice(0, SHOWN_ISSUES);
  return (
    <div className={`${table.wrap} ${styles.section}`}>
      <Table size="small">
        <caption className={table.caption}>
          {caption}
          {issues.length > shown.length ? ` (the first ${shown.length} of ${issues.length.toLocaleString('en-GB')})` : ''}
        </caption>
        <TableHeader>
          <TableRow>
            <TableHeaderCell scope="col">Line</TableHeaderCell>
            <TableHeaderCell scope="col">Column</TableHeaderCell>
            <TableHeaderCell scope="col">Reason</TableHeaderCell>
          </TableRow>
        </TableHeader>
        <TableBody>
          {shown.map((issue, i) => (
            <TableRow key={`${issue.line}-${issue.field}-${i}`}>
              <TableCell>{issue.line}</TableCell>
              <TableCell>{issue.field}</TableCell>
              <TableCell>{issue.reason}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
    </div>
  );
}
