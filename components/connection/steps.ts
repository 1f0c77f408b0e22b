/** The wizard's steps, in order (shared by the server page and the client wizard). */
// "call" is the optional test call: it can be skipped, and run again later from the connection page.
export const STEPS = ["start", "credentials", "test", "call", "activate"] as const;
export type StepKey = (typeof STEPS)[number];
