// Stands in for Next.js's `server-only` guard in the CLI bundle (scripts/build-cli.mjs).
export {};
