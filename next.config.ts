import type { NextConfig } from "next";
import createNextIntlPlugin from "next-intl/plugin";

// Messages are compiled at build time (next-intl's experimental precompile): the browser gets a
// small formatter instead of intl-messageformat and its ICU parser (~9 kB gzipped less JS).
const withNextIntl = createNextIntlPlugin({
  requestConfig: "./server/i18n/request.ts",
  experimental: {
    messages: { path: "./messages", format: "json", locales: ["en", "nl"], precompile: true },
  },
});

const nextConfig: NextConfig = {
  // PGlite loads its WASM from disk; bundling it breaks every request (STACK_NOTES).
  serverExternalPackages: ["@electric-sql/pglite", "jssip", "pg-boss", "nodemailer"],
  allowedDevOrigins: ["127.0.0.1"],
  poweredByHeader: false,
};

export default withNextIntl(nextConfig);
