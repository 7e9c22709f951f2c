import { createContext, useContext } from 'react';
import { fieldId } from './formPaths';

/** What every field needs from the form around it: whether it is editable, and its problems. */
export interface FormContextValue {
  readOnly: boolean;
  /** Problems to show beside the field at exactly this path. */
  errorsAt(path: string): string[];
}

export const FormContext = createContext<FormContextValue>({ readOnly: true, errorsAt: () => [] });

export function useField(path: string): { id: string; errors: string[]; readOnly: boolean } {
  const ctx = useContext(FormContext);
  return { id: fieldId(path), errors: ctx.errorsAt(path), readOnly: ctx.readOnly };
}

export const useFormContext = (): FormContextValue => useContext(FormContext);
