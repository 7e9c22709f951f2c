import { useEffect, useId, useState } from 'react';
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  DialogTrigger,
  Field,
  makeStyles,
  Radio,
  RadioGroup,
  SearchBox,
  Spinner,
  tokens,
} from '@fluentui/react-components';
import type { RoundPreview } from '../../../shared/api/contracts';
import type { SwapCandidate } from '../../../shared/api/swapCandidateContracts';
import { getSwapCandidates, swapInRound } from '../api/apiClient';
import { conflictWords } from './roundText';
import { plural } from '../common/plural';
import { ErrorAlert } from '../common/ErrorAlert';

const useStyles = makeStyles({
  surface: { maxWidth: '44rem', width: '100%' },
  list: { display: 'grid', rowGap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalM },
  detail: { display: 'block', color: tokens.colorNeutralForeground2 },
  flag: { display: 'block', fontWeight: tokens.fontWeightSemibold, color: tokens.colorPaletteRedForeground1 },
  status: { minHeight: '1.5em', marginTop: tokens.spacingVerticalS },
  confirm: { marginTop: tokens.spacingVerticalM },
});

/** Waits for typing to pause before searching, so each keystroke is not a request. */
const SEARCH_DELAY_MS = 300;

/** '0-4' → 'aged 0–4'; 'unborn' → 'unborn'. */
export function ageBandWords(band: SwapCandidate['ageBand']): string {
  return band === 'unborn' ? 'unborn' : `aged ${band.replace('-', '–')}`;
}

interface SwapTarget {
  caseId: string;
  caseRef: string;
  auditorName: string;
}

interface Props {
  roundId: string;
  /** The allocation whose case is being swapped; null while the dialog is closed. */
  allocation: SwapTarget | null;
  onClose: () => void;
  onSwapped: (preview: RoundPreview, oldCaseRef: string, newCaseRef: string) => void;
}

/**
 * "Swap case" on a draft round's allocation: find a case by reference or team, see whether the
 * allocation rules allow it for this auditor and why, and swap it in. A case linked to the auditor
 * (offered only when no conflict-free case is left) needs the lead's tick, as publishing does.
 * One dialog for the whole table, so it closes cleanly when the row it was opened from is replaced;
 * openers carry `useRestoreFocusTarget` so focus goes back to them on cancel.
 */
export function SwapCaseDialog({ roundId, allocation, onClose, onSwapped }: Props) {
  const styles = useStyles();
  const labelId = useId();
  // Shown while the dialog closes, after `allocation` is already null.
  const [last, setLast] = useState(allocation);
  if (allocation !== null && allocation !== last) setLast(allocation);
  const current = allocation ?? last;
  const caseId = allocation?.caseId ?? null;
  const [query, setQuery] = useState('');
  const [items, setItems] = useState<SwapCandidate[] | null>(null);
  const [next, setNext] = useState<string | null>(null);
  const [loading, setLoading] = useState(false);
  const [chosen, setChosen] = useState<string>('');
  const [ticked, setTicked] = useState(false);
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);

  // A fresh search each time the dialog opens.
  useEffect(() => {
    if (caseId === null) return;
    setQuery('');
    setItems(null);
    setNext(null);
    setChosen('');
    setTicked(false);
    setError(null);
  }, [caseId]);

  useEffect(() => {
    if (caseId === null) return;
    let live = true;
    setLoading(true);
    const timer = setTimeout(() => {
      getSwapCandidates(roundId, caseId, query).then(
        (r) => {
          if (!live) return;
          setItems(r.items);
          setNext(r.next);
          setLoading(false);
        },
        (e: unknown) => {
          if (!live) return;
          setError(e instanceof Error ? e.message : String(e));
          setLoading(false);
        },
      );
    }, SEARCH_DELAY_MS);
    return () => {
      live = false;
      clearTimeout(timer);
    };
  }, [query, roundId, caseId]);

  const more = async () => {
    if (!next || caseId === null) return;
    setLoading(true);
    try {
      const r = await getSwapCandidates(roundId, caseId, query, next);
      setItems((current) => [...(current ?? []), ...r.items]);
      setNext(r.next);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setLoading(false);
    }
  };

  const choice = items?.find((c) => c.caseId === chosen) ?? null;
  const needsTick = choice !== null && choice.conflicts.length > 0;

  const swap = async () => {
    if (!choice || !allocation) return;
    setBusy(true);
    setError(null);
    try {
      const preview = await swapInRound(roundId, allocation.caseId, choice.caseId, needsTick && ticked);
      onSwapped(preview, allocation.caseRef, choice.caseRef);
    } catch (e) {
      setError(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Dialog
      open={allocation !== null}
      onOpenChange={(_, d) => {
        if (!d.open) onClose();
      }}
    >
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Swap case {current?.caseRef}</DialogTitle>
          <DialogContent>
            <p>
              Choose another case for {current?.auditorName}. Only open cases that are not in this round and were not audited in the last 12 months are listed.
            </p>
            <Field label="Find a case by reference or team">
              <SearchBox value={query} onChange={(_, d) => setQuery(d.value)} />
            </Field>
            <div role="status" className={styles.status}>
              {loading ? <Spinner size="tiny" label="Finding cases…" /> : items === null ? null : items.length === 0 ? 'No case matches.' : `${plural(items.length, 'case', 'cases')} shown${next ? '; more below' : ''}.`}
            </div>
            {items !== null && items.length > 0 ? (
              <>
                <span id={labelId} hidden>
                  Cases to swap in
                </span>
                <RadioGroup
                  aria-labelledby={labelId}
                  value={chosen}
                  onChange={(_, d) => {
                    setChosen(d.value);
                    setTicked(false);
                  }}
                  className={styles.list}
                >
                  {items.map((c) => (
                    <Radio
                      key={c.caseId}
                      value={c.caseId}
                      disabled={!c.choosable}
                      label={
                        <>
                          <strong>{c.caseRef}</strong> — {c.teamName}
                          <span className={styles.detail}>
                            {c.legalStatusLabel}, {ageBandWords(c.ageBand)}
                          </span>
                          {c.conflicts.length > 0 ? <span className={styles.flag}>Conflict of interest: {c.conflicts.map((k) => conflictWords[k]).join('; ')}</span> : null}
                          {!c.choosable || c.conflicts.length > 0 ? <span className={styles.detail}>{c.choosable ? c.reason : `Cannot be chosen: ${c.reason}`}</span> : null}
                        </>
                      }
                    />
                  ))}
                </RadioGroup>
                {next ? (
                  <Button appearance="subtle" disabled={loading} onClick={() => void more()}>
                    Show more cases
                  </Button>
                ) : null}
              </>
            ) : null}
            {needsTick ? (
              <Checkbox
                className={styles.confirm}
                checked={ticked}
                onChange={(_, d) => setTicked(d.checked === true)}
                label={`I confirm giving ${choice.caseRef} to ${current?.auditorName ?? 'this auditor'} despite the conflict of interest`}
              />
            ) : null}
            <ErrorAlert message={error} />
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" disabled={busy || choice === null || (needsTick && !ticked)} onClick={() => void swap()}>
              {busy ? 'Swapping…' : 'Swap in chosen case'}
            </Button>
            <DialogTrigger disableButtonEnhancement>
              <Button appearance="secondary">Cancel</Button>
            </DialogTrigger>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
