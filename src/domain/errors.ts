/**
 * Coded errors. Users see `message` (plain Chinese); logs and API clients see `code`.
 * One class for every refusal so transports can translate without knowing the rule that fired.
 */
export const ErrorCode = {
  NotFound: 'not_found',
  Forbidden: 'forbidden',
  InvalidState: 'invalid_state',
  InvalidInput: 'invalid_input',
  Conflict: 'conflict',
  /** A new item that looks like an open one (近似重复): shown with the candidates, to merge or register anyway. */
  PossibleDuplicate: 'possible_duplicate',
  DeadlinePassed: 'deadline_passed',
  ExtensionPending: 'extension_pending',
  NoPendingExtension: 'no_pending_extension',
  UnknownUnit: 'unknown_unit',
  AmbiguousUnit: 'ambiguous_unit',
  UnknownPerson: 'unknown_person',
  Internal: 'internal',
} as const;
export type ErrorCode = (typeof ErrorCode)[keyof typeof ErrorCode];

export class DubanError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly details?: Record<string, unknown>,
  ) {
    super(message);
    this.name = 'DubanError';
  }
}

/** Wraps anything thrown into a DubanError so callers only ever handle one shape. */
export function toDubanError(err: unknown): DubanError {
  if (err instanceof DubanError) return err;
  return new DubanError(ErrorCode.Internal, '系统内部错误，请稍后重试或联系管理员', {
    cause: err instanceof Error ? err.message : String(err),
  });
}
