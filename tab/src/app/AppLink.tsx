import type { ReactNode } from 'react';
import { Link } from '@fluentui/react-components';
import { isPlainClick, navigate } from './navigation';

/** A real link (href, middle-click, copy address) that navigates in place on a plain click. */
export function AppLink(props: { to: string; children: ReactNode; className?: string; 'aria-current'?: 'page' }) {
  return (
    <Link
      href={props.to}
      className={props.className}
      aria-current={props['aria-current']}
      onClick={(e) => {
        if (!isPlainClick(e)) return;
        e.preventDefault();
        navigate(props.to);
      }}
    >
      {props.children}
    </Link>
  );
}
