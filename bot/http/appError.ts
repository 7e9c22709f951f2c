/** An error a request handler turns into a clear HTTP answer. */
export type AppErrorCode =
  | 'invalid'
  | 'unauthenticated'
  | 'forbidden'
  | 'notFound'
  | 'conflict'
  | 'notEditable'
  | 'transitionRefused'
  | 'submissionIncomplete'
  /** Something the service depends on (e.g. the tenant's signing keys) could not be reached: not the caller's fault. */
  | 'unavailable';

const statusOf: Record<AppErrorCode, number> = {
  invalid: 400,
  unauthenticated: 401,
  forbidden: 403,
  notFound: 404,
  conflict: 409,
  notEditable: 409,
  transitionRefused: 409,
  submissionIncomplete: 422,
  unavailable: 503,
};

export class AppError extends Error {
  override name = 'AppError';
  readonly status: number;
  constructor(
    readonly code: AppErrorCode,
    message: string,
    readonly details: Record<string, unknown> = {},
  ) {
    super(message);
    this.status = statusOf[code];
  }
}

export const invalidFields = (fields: { field: string; message: string }[]) =>
  new AppError('invalid', `Some values were not accepted: ${fields.map((f) => `${f.field} (${f.message})`).join('; ')}`, { fields });
