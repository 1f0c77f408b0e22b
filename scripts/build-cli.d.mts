/** Types for scripts/build-cli.mjs (plain JavaScript so `npm install` can run it with node). */
export declare const DIST: string;
export declare const BUNDLE: string;
export declare const MANIFEST: string;
export declare function bundleForNode(
  entry: string,
  outfile: string,
  options?: { shebang?: boolean },
): Promise<string[]>;
export declare function buildCli(): Promise<{
  builtAt: number;
  node: string;
  inputs: Array<{ path: string; mtimeMs: number; size: number }>;
}>;
