import { MessageBar, MessageBarBody } from '@fluentui/react-components';

/** A failure the person must see at once (role="alert"), or nothing when there is none. */
export function ErrorAlert({ message }: { message: string | null }) {
  if (message === null) return null;
  return (
    <MessageBar intent="error" role="alert">
      <MessageBarBody>{message}</MessageBarBody>
    </MessageBar>
  );
}
