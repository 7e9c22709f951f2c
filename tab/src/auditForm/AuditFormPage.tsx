import { useEffect, useState } from 'react';
import { MessageBar, MessageBarBody, Spinner } from '@fluentui/react-components';
import type { AuditDetail, Me } from '../../../shared/api/contracts';
import { ApiFailure, getAudit } from '../api/apiClient';
import { PageHeading } from '../app/PageHeading';
import { AppLink } from '../app/AppLink';
import { AuditForm } from './AuditForm';

type Load = { kind: 'loading' } | { kind: 'ready'; detail: AuditDetail } | { kind: 'error'; status: number; message: string };

/** Loads one audit, then shows its form. The lazily loaded chunk's entry point. */
export default function AuditFormPage({ auditId, me }: { auditId: string; me: Me }) {
  const [load, setLoad] = useState<Load>({ kind: 'loading' });

  useEffect(() => {
    let live = true;
    getAudit(auditId).then(
      (detail) => live && setLoad({ kind: 'ready', detail }),
      (e: unknown) =>
        live &&
        setLoad({
          kind: 'error',
          status: e instanceof ApiFailure ? e.status : 0,
          message: e instanceof Error ? e.message : String(e),
        }),
    );
    return () => {
      live = false;
    };
  }, [auditId]);

  if (load.kind === 'loading') return <Spinner label="Loading the audit…" />;
  if (load.kind === 'error') {
    const title = load.status === 404 ? 'Audit not found' : load.status === 403 ? 'You cannot open this audit' : 'The audit could not be loaded';
    return (
      <>
        <PageHeading title={title} />
        <MessageBar intent={load.status === 403 || load.status === 404 ? 'warning' : 'error'}>
          <MessageBarBody>{load.message}</MessageBarBody>
        </MessageBar>
        <p>
          <AppLink to="/">Back to My audits</AppLink>
        </p>
      </>
    );
  }
  return <AuditForm initial={load.detail} me={me} />;
}
