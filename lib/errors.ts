import { z } from "zod";

/** Stable error codes shared by server actions, route handlers and the UI. */
const APP_ERROR_STATUS = {
  validation: 422,
  unauthenticated: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  invalid_transition: 409,
  rate_limited: 429,
  bad_origin: 403,
  internal: 500,
} as const;

export type AppErrorCode = keyof typeof APP_ERROR_STATUS;

const DEFAULT_USER_MESSAGE: Record<AppErrorCode, string> = {
  validation: "Some fields need attention.",
  unauthenticated: "Please sign in to continue.",
  forbidden: "You do not have access to this.",
  not_found: "This could not be found.",
  conflict: "Someone else changed this in the meantime. Reload to see their changes, then try again.",
  invalid_transition: "This is not possible in the connection's current state. Reload to see its status.",
  rate_limited: "Too many attempts. Please wait a moment and try again.",
  bad_origin: "This request did not come from this site.",
  internal: "Something went wrong on our side. Your input has been kept; please try again.",
};

export type FieldErrors = Record<string, string[]>;

/** One error type: `message` is for logs, `userMessage` is safe to show. */
export class AppError extends Error {
  readonly code: AppErrorCode;
  readonly userMessage: string;
  readonly fieldErrors?: FieldErrors;
  readonly retryAfterSeconds?: number;

  constructor(
    code: AppErrorCode,
    message: string,
    opts: {
      userMessage?: string;
      fieldErrors?: FieldErrors;
      retryAfterSeconds?: number;
      cause?: unknown;
    } = {},
  ) {
    super(message, { cause: opts.cause });
    this.name = "AppError";
    this.code = code;
    this.userMessage = opts.userMessage ?? DEFAULT_USER_MESSAGE[code];
    this.fieldErrors = opts.fieldErrors;
    this.retryAfterSeconds = opts.retryAfterSeconds;
  }

  get status(): number {
    return APP_ERROR_STATUS[this.code];
  }
}

/** What a browser may see of an error: never internals of unknown errors. */
export type PublicError = {
  code: AppErrorCode;
  message: string;
  fieldErrors?: FieldErrors;
  retryAfterSeconds?: number;
};

export function toPublicError(err: unknown): PublicError {
  if (err instanceof AppError) {
    return {
      code: err.code,
      message: err.userMessage,
      fieldErrors: err.fieldErrors,
      retryAfterSeconds: err.retryAfterSeconds,
    };
  }
  if (err instanceof z.ZodError) {
    const flat = z.flattenError(err);
    return {
      code: "validation",
      message: DEFAULT_USER_MESSAGE.validation,
      fieldErrors: flat.fieldErrors as FieldErrors,
    };
  }
  return { code: "internal", message: DEFAULT_USER_MESSAGE.internal };
}

export function statusOf(err: PublicError): number {
  return APP_ERROR_STATUS[err.code];
}
