import { defineConfig, devices } from "@playwright/test";

const port = Number(process.env.E2E_PORT ?? 3111);
const chromium = process.env.CHROMIUM_PATH ?? "/usr/bin/chromium";
/** The e2e server's data folder (fresh each run); E2E_DATA_DIR lets two runs share a machine. */
const dataDir = process.env.E2E_DATA_DIR ?? ".data/e2e";

/**
 * Browser journeys in Debian's Chromium against the real server, started with its embedded
 * services in a fresh data folder and a deterministic demo seed.
 */
export default defineConfig({
  testDir: "tests/e2e",
  fullyParallel: true,
  workers: process.env.CI ? 2 : undefined,
  retries: 0,
  timeout: 30_000,
  reporter: process.env.CI ? [["list"]] : [["list"]],
  use: {
    baseURL: `http://127.0.0.1:${port}`,
    locale: "it-IT",
    trace: "retain-on-failure",
    launchOptions: {
      executablePath: chromium,
      args: [
        "--no-sandbox",
        "--disable-gpu",
        "--disable-quic",
        "--no-first-run",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
      ],
    },
  },
  projects: [{ name: "chromium", use: { ...devices["Desktop Chrome"], channel: undefined } }],
  webServer: {
    // The app behind a Stripe stub (tests/e2e/support/start-e2e-server.ts sets STRIPE_* for it).
    command: `rm -rf '${dataDir}' && node --import tsx tests/e2e/support/start-e2e-server.ts`,
    url: `http://127.0.0.1:${port}/healthz`,
    timeout: 180_000,
    reuseExistingServer: false,
    stdout: "ignore",
    stderr: "pipe",
    env: {
      NODE_ENV: "production",
      PORT: String(port),
      HOST: "127.0.0.1",
      VICINATO_DATA_DIR: dataDir,
      EMBEDDED_PG_PORT: process.env.E2E_PG_PORT ?? "54349",
      EMBEDDED_MEILI_PORT: process.env.E2E_MEILI_PORT ?? "7721",
      DATABASE_URL: "",
      MEILI_URL: "",
      // E-mail goes to the embedded SMTP sink, which writes <dataDir>/mail/*.eml (read by tests/e2e/auth.spec.ts).
      SMTP_URL: "",
      // Every journey signs in from 127.0.0.1: the per-address limit must not trip the suite.
      RATE_LIMIT_AUTH_PER_15MIN: "500",
      RATE_LIMIT_SEARCH_PER_MIN: "0",
      SEED_PROVIDERS: "600",
      LOG_LEVEL: "warn",
      E2E_STRIPE_PORT: process.env.E2E_STRIPE_PORT ?? "12131",
    },
  },
});
