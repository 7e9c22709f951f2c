import { lazy, Suspense, useEffect, useRef, useState } from 'react';
import { Badge, Button, makeStyles, MessageBar, MessageBarBody, tokens, useRestoreFocusTarget } from '@fluentui/react-components';
import type { Me } from '../../../shared/api/contracts';
import type { CoverView, SetCoverResponse } from '../../../shared/api/coverContracts';
import { hasManagementDuties } from '../../../shared/access/coverAccess';
import { getCover } from '../api/apiClient';
import { coverSavedMessage } from './coverText';

// The dialog and the rule it runs load only when someone opens it: the first page stays small.
const AwayAndCoverDialog = lazy(() => import('./AwayAndCoverDialog'));

// The parts sit in the header's own wrapping row; the status region takes a line of its own at its end.
const useStyles = makeStyles({
  root: { display: 'contents' },
  // Kept in the page while empty (a live region must exist before it speaks), taking no room.
  status: { order: 1, flexBasis: '100%', ':empty': { marginTop: `calc(-1 * ${tokens.spacingVerticalS})` } },
});

/** The header's "Away and cover" control, for people with management duties: their away status at a glance, and the dialog to change it. */
export function AwayAndCover({ me }: { me: Me }) {
  return hasManagementDuties(me) ? <AwayAndCoverControl me={me} /> : null;
}

function AwayAndCoverControl({ me }: { me: Me }) {
  const styles = useStyles();
  const [cover, setCoverView] = useState<CoverView | null>(null);
  const [open, setOpen] = useState(false);
  const [message, setMessage] = useState<{ text: string; warning: boolean } | null>(null);
  // Focus goes back to this button when the dialog closes, however it closes.
  const restoreFocus = useRestoreFocusTarget();
  const opener = useRef<HTMLButtonElement>(null);
  const wasOpen = useRef(false);
  useEffect(() => {
    if (wasOpen.current && !open) opener.current?.focus();
    wasOpen.current = open;
  }, [open]);

  useEffect(() => {
    let live = true;
    // The badge is a convenience: if this read fails the dialog still loads the record itself.
    getCover(me.id).then(
      (c) => live && setCoverView(c),
      () => undefined,
    );
    return () => {
      live = false;
    };
  }, [me.id]);

  const saved = (result: SetCoverResponse) => {
    setCoverView(result);
    setOpen(false);
    setMessage({ text: coverSavedMessage(result), warning: result.warnings.length > 0 });
  };

  return (
    <div className={styles.root}>
      {cover?.away ? (
        <Badge appearance="tint" color="warning">
          Away
        </Badge>
      ) : null}
      <Button
        appearance="secondary"
        aria-haspopup="dialog"
        {...restoreFocus}
        ref={opener}
        onClick={() => {
          setMessage(null);
          setOpen(true);
        }}
      >
        Away and cover
      </Button>
      <div role="status" className={styles.status}>
        {message ? (
          <MessageBar intent={message.warning ? 'warning' : 'success'}>
            <MessageBarBody>{message.text}</MessageBarBody>
          </MessageBar>
        ) : null}
      </div>
      {/* Mounted only while open, so each opening starts from the record as it is then. */}
      {open ? (
        <Suspense fallback={null}>
          <AwayAndCoverDialog me={me} open={open} onClose={() => setOpen(false)} onSaved={saved} />
        </Suspense>
      ) : null}
    </div>
  );
}
