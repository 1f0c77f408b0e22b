// Prints the closing summary over the JSON reports scripts/test-all.sh asks vitest and Playwright
// to write: one line per run (what it exercised), then the total. Each argument is
// "label=path". A test counts once per backend it really runs on: the PostgreSQL run holds only
// the database tests (scripts/db-tests.mjs), so nothing is counted twice for the same backend.
// Exits 1 when anything failed or was skipped (a skipped test is not a passing one), or when a
// report is missing.
import { existsSync, readFileSync } from "node:fs";

const total = { passed: 0, failed: 0, skipped: 0 };
let problems = 0;
const lines = [];

for (const arg of process.argv.slice(2)) {
  const [label, file] = arg.includes("=") ? arg.split(/=(.*)/s) : [arg, arg];
  if (!existsSync(file)) {
    console.error(`missing test report: ${file}`);
    problems++;
    continue;
  }
  const report = JSON.parse(readFileSync(file, "utf8"));
  let r;
  if ("numPassedTests" in report) {
    // vitest (Jest-compatible JSON)
    r = {
      passed: report.numPassedTests,
      failed: report.numFailedTests,
      skipped: report.numPendingTests + (report.numTodoTests ?? 0),
      files: report.testResults?.length ?? 0,
    };
  } else if (report.stats) {
    // Playwright
    r = {
      passed: report.stats.expected + report.stats.flaky,
      failed: report.stats.unexpected,
      skipped: report.stats.skipped,
    };
  } else {
    console.error(`unknown report format: ${file}`);
    problems++;
    continue;
  }
  for (const k of ["passed", "failed", "skipped"]) total[k] += r[k];
  const files = r.files === undefined ? "" : ` in ${r.files} files`;
  lines.push(`  ${label}: ${r.passed} passed, ${r.failed} failed, ${r.skipped} skipped${files}`);
}

console.log(lines.join("\n"));
console.log(`${total.passed} passed, ${total.failed} failed, ${total.skipped} skipped`);
process.exit(total.failed > 0 || total.skipped > 0 || problems > 0 || total.passed === 0 ? 1 : 0);
