/**
 * How many earlier test calls the connection page lists. Its own module, without zod, so the
 * wizard's first load does not carry the call form's schema (lib/calls/types.ts).
 */
export const EARLIER_CALLS = 10;
