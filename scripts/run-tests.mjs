// `npm test`: every check in order, with progress, ending with one summary line
// ("Tests: N passed, N failed") that adds up vitest's and Playwright's own counts.
import { spawnSync } from "node:child_process";
import { mkdirSync, readFileSync, existsSync, rmSync } from "node:fs";

const reports = ".data/reports";
mkdirSync(reports, { recursive: true });
const vitestReport = `${reports}/vitest.json`;
const playwrightReport = `${reports}/playwright.json`;
for (const file of [vitestReport, playwrightReport]) rmSync(file, { force: true });

// The build comes before vitest: integration tests that serve real pages (fault-postgres-restart)
// load the built Remix server (build/index.js), and it must be the build of this code.
const steps = [
  { name: "type check", cmd: ["npx", "tsc", "--noEmit"] },
  { name: "build", cmd: ["npm", "run", "build"] },
  { name: "unit and integration tests (vitest)", cmd: ["npx", "vitest", "run", "--reporter=default", "--reporter=json", `--outputFile.json=${vitestReport}`] },
  { name: "browser tests (Playwright, Chromium)", cmd: ["npx", "playwright", "test", "--reporter=list,json"], env: { PLAYWRIGHT_JSON_OUTPUT_NAME: playwrightReport } },
];

let failedStep = null;
const started = Date.now();
for (const [i, step] of steps.entries()) {
  console.log(`\n▶ [${i + 1}/${steps.length}] ${step.name}`);
  const t = Date.now();
  const run = spawnSync(step.cmd[0], step.cmd.slice(1), { stdio: "inherit", env: { ...process.env, ...step.env } });
  console.log(`  ${run.status === 0 ? "ok" : "FAILED"} in ${((Date.now() - t) / 1000).toFixed(0)} s`);
  if (run.status !== 0) {
    failedStep = step.name;
    break;
  }
}

let passed = 0;
let failed = 0;
let skipped = 0;
if (existsSync(vitestReport)) {
  const v = JSON.parse(readFileSync(vitestReport, "utf8"));
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
}
if (existsSync(playwrightReport)) {
  const p = JSON.parse(readFileSync(playwrightReport, "utf8"));
  passed += p.stats.expected + (p.stats.flaky ?? 0);
  failed += p.stats.unexpected;
  skipped += p.stats.skipped;
}
console.log(`\n${failedStep ? `stopped at: ${failedStep}` : "all stages passed"} (${((Date.now() - started) / 1000).toFixed(0)} s)`);
console.log(`Tests: ${passed} passed, ${failed} failed${skipped ? `, ${skipped} skipped` : ""}`);
process.exit(failedStep || failed > 0 ? 1 : 0);
