/** The wizard's steps, in order (shared by the server page and the client wizard). */
export const STEPS = ["start", "credentials", "test", "activate"] as const;
export type StepKey = (typeof STEPS)[number];
