import { useEffect, useId, useRef, useState } from 'react';
import {
  Button,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  Select,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import type { CoverOptionsResponse, CoverView, SetCoverResponse } from '../../../shared/api/coverContracts';
import { checkCoverChange } from '../../../shared/cover/coverChange';
import { ApiFailure, getCover, getCoverOptions, setCover } from '../api/apiClient';
import { deputyOptionText } from './coverText';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  surface: { maxWidth: '38rem', width: '100%' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  hint: { margin: 0, color: tokens.colorNeutralForeground2 },
});

type Loaded = { kind: 'loading' } | { kind: 'error'; message: string } | { kind: 'ready'; cover: CoverView; options: CoverOptionsResponse };

interface Props {
  me: Me;
  open: boolean;
  onClose: () => void;
  /** Saved (or already saved): the record as it now is, with any warnings. */
  onSaved: (result: SetCoverResponse) => void;
}

const listOf = (names: readonly string[]) => (names.length <= 1 ? (names[0] ?? '') : `${names.slice(0, -1).join(', ')} and ${names[names.length - 1]}`);

/**
 * Mark yourself away or back and name who covers you. Mounted each time it opens and loaded afresh (the
 * record's etag with it), so a change made elsewhere is reported by the server rather than
 * overwritten. The same rule the server applies decides the messages shown before saving.
 */
export default function AwayAndCoverDialog({ me, open, onClose, onSaved }: Props) {
  const styles = useStyles();
  const [loaded, setLoaded] = useState<Loaded>({ kind: 'loading' });
  const [away, setAway] = useState(false);
  const [deputyId, setDeputyId] = useState('');
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [serverFieldError, setServerFieldError] = useState<string | null>(null);
  const selectRef = useRef<HTMLSelectElement>(null);
  const statusRef = useRef<HTMLDivElement>(null);
  const introId = useId();

  const show = (cover: CoverView) => {
    setAway(cover.away);
    setDeputyId(cover.deputy?.id ?? '');
  };

  useEffect(() => {
    if (!open) return;
    let live = true;
    Promise.all([getCover(me.id), getCoverOptions(me.id)]).then(
      ([cover, options]) => {
        if (!live) return;
        show(cover);
        setLoaded({ kind: 'ready', cover, options });
      },
      (e: unknown) => live && setLoaded({ kind: 'error', message: e instanceof Error ? e.message : String(e) }),
    );
    return () => {
      live = false;
    };
  }, [open, me.id]);

  const ready = loaded.kind === 'ready' ? loaded : null;
  // Once loaded, focus moves from the dialog's buttons to its first question.
  const hasLoaded = ready !== null;
  useEffect(() => {
    if (hasLoaded) statusRef.current?.querySelector<HTMLInputElement>('input:checked')?.focus();
  }, [hasLoaded]);
  const chosen = deputyId === '' ? null : (ready?.options.candidates.find((c) => c.id === deputyId) ?? null);
  const check = ready ? checkCoverChange({ subject: me, change: { away, deputyId: deputyId || null }, deputy: chosen, coveringFor: ready.options.coveringFor }) : null;
  const deputyError = check && !check.ok ? check.message : serverFieldError;

  const submit = async () => {
    if (!ready || busy) return;
    if (check && !check.ok) {
      selectRef.current?.focus();
      return;
    }
    setBusy(true);
    setError(null);
    setServerFieldError(null);
    try {
      onSaved(await setCover(me.id, { etag: ready.cover.etag, away, deputyId: deputyId || null }));
    } catch (e) {
      const current = e instanceof ApiFailure && e.status === 409 ? (e.raw as { current?: CoverView } | null)?.current : undefined;
      const field = e instanceof ApiFailure ? e.body.fields?.find((f) => f.field === 'body.deputyId')?.message : undefined;
      if (current) {
        setLoaded({ ...ready, cover: current });
        show(current);
      }
      if (field) {
        setServerFieldError(field);
        selectRef.current?.focus();
      } else setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  const coveringFor = ready?.options.coveringFor.filter((c) => c.active).map((c) => (c.away ? `${c.displayName} (away)` : c.displayName)) ?? [];

  return (
    <Dialog open={open} onOpenChange={(_, d) => (d.open ? undefined : onClose())}>
      <DialogSurface className={styles.surface} aria-describedby={introId}>
        <form
          noValidate
          onSubmit={(e) => {
            e.preventDefault();
            void submit();
          }}
        >
          <DialogBody>
            <DialogTitle>Away and cover</DialogTitle>
            <DialogContent className={styles.content}>
              <p id={introId} className={styles.hint}>
                While you are away, your alerts, urgent concerns included, go to the colleague you name here instead of you.
              </p>
              {loaded.kind === 'loading' ? <Spinner size="small" label="Loading your away status…" /> : null}
              {loaded.kind === 'error' ? (
                <MessageBar intent="error" role="alert">
                  <MessageBarBody>{loaded.message}</MessageBarBody>
                </MessageBar>
              ) : null}
              {ready ? (
                <>
                  <Field label="Your status">
                    <RadioGroup ref={statusRef} value={away ? 'away' : 'atWork'} onChange={(_, d) => setAway(d.value === 'away')}>
                      <Radio value="atWork" label="At work" />
                      <Radio value="away" label="Away (for example on leave or off sick)" />
                    </RadioGroup>
                  </Field>
                  <Field
                    label="Who covers you while you are away"
                    hint="Whoever is named can act on your alerts for you, such as acknowledging an urgent concern."
                    validationState={deputyError ? 'error' : 'none'}
                    validationMessage={deputyError ?? undefined}
                  >
                    <Select
                      ref={selectRef}
                      value={deputyId}
                      onChange={(_, d) => {
                        setDeputyId(d.value);
                        setServerFieldError(null);
                      }}
                    >
                      <option value="">Nobody named</option>
                      {ready.options.candidates.map((c) => (
                        <option key={c.id} value={c.id}>
                          {deputyOptionText(c)}
                        </option>
                      ))}
                    </Select>
                  </Field>
                  {coveringFor.length > 0 ? <p className={styles.hint}>You are named to cover for {listOf(coveringFor)}.</p> : null}
                  {check?.ok && check.warnings.length > 0 ? (
                    <MessageBar intent="warning">
                      <MessageBarBody>{check.warnings.map((w) => w.message).join(' ')}</MessageBarBody>
                    </MessageBar>
                  ) : null}
                </>
              ) : null}
              <ErrorAlert message={error} />
            </DialogContent>
            <DialogActions>
              <Button appearance="primary" type="submit" disabled={!ready || busy}>
                {busy ? 'Saving…' : 'Save'}
              </Button>
              <DialogTrigger disableButtonEnhancement>
                <Button appearance="secondary">Cancel</Button>
              </DialogTrigger>
            </DialogActions>
          </DialogBody>
        </form>
      </DialogSurface>
    </Dialog>
  );
}
