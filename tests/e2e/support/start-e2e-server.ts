import { spawn } from "node:child_process";
import { STUB_SECRET_KEY, STUB_WEBHOOK_SECRET, startStripeStub } from "../../support/stripe-stub";

/**
 * The e2e web server (playwright.config.ts): first the Stripe stub on E2E_STRIPE_PORT (default
 * 12131), whose hosted Checkout and onboarding pages send signed webhooks to this app, then the
 * app itself (server/start.ts) with STRIPE_* pointing at the stub. Everything else in the
 * environment is passed through unchanged; stopping this process stops both.
 */
const appPort = Number(process.env.PORT ?? 3111);
const stubPort = Number(process.env.E2E_STRIPE_PORT ?? 12131);

const stub = await startStripeStub({
  port: stubPort,
  webhookUrl: `http://127.0.0.1:${appPort}/stripe/webhook`,
  webhookOnRefund: true,
});

const app = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
  stdio: "inherit",
  env: {
    ...process.env,
    STRIPE_SECRET_KEY: STUB_SECRET_KEY,
    STRIPE_WEBHOOK_SECRET: STUB_WEBHOOK_SECRET,
    STRIPE_API_URL: stub.url,
  },
});

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  app.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
app.on("exit", (code, signal) => {
  void stub.close().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
