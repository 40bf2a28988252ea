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

const stripeEnv = { STRIPE_SECRET_KEY: STUB_SECRET_KEY, STRIPE_WEBHOOK_SECRET: STUB_WEBHOOK_SECRET, STRIPE_API_URL: stub.url };

/**
 * E2E_SCALE_OUT=1 runs the suite the way the site scales out (issue 7): two web processes
 * (WEB_CONCURRENCY=2) and two workers (the main process's and a separate `server/worker.ts`)
 * against one PostgreSQL and one Meilisearch. The embedded services get fixed ports so the
 * separate worker can reach them; it starts once the site answers (migrated and seeded).
 */
const scaleOut = process.env.E2E_SCALE_OUT === "1";
const smtpPort = Number(process.env.E2E_SMTP_PORT ?? 2525 + (appPort % 1000));

const app = spawn(process.execPath, ["--import", "tsx", "server/start.ts"], {
  stdio: "inherit",
  env: { ...process.env, ...stripeEnv, ...(scaleOut ? { WEB_CONCURRENCY: "2", EMBEDDED_SMTP_PORT: String(smtpPort) } : {}) },
});
const children = [app];

if (scaleOut) {
  const deadline = Date.now() + 170_000;
  while (!(await fetch(`http://127.0.0.1:${appPort}/readyz`).then((r) => r.ok, () => false))) {
    if (Date.now() > deadline || app.exitCode !== null) throw new Error("the app did not become ready");
    await new Promise((resolve) => setTimeout(resolve, 500));
  }
  const worker = spawn(process.execPath, ["--import", "tsx", "server/worker.ts"], {
    stdio: "inherit",
    env: {
      ...process.env,
      ...stripeEnv,
      DATABASE_URL: `postgres://postgres:vicinato@127.0.0.1:${process.env.EMBEDDED_PG_PORT}/vicinato`,
      MEILI_URL: `http://127.0.0.1:${process.env.EMBEDDED_MEILI_PORT}`,
      SMTP_URL: `smtp://127.0.0.1:${smtpPort}`,
    },
  });
  children.push(worker);
}

let stopping = false;
const stop = (signal: NodeJS.Signals) => {
  if (stopping) return;
  stopping = true;
  for (const child of children) child.kill(signal);
};
process.on("SIGINT", () => stop("SIGINT"));
process.on("SIGTERM", () => stop("SIGTERM"));
app.on("exit", (code, signal) => {
  for (const child of children) if (child !== app) child.kill("SIGTERM");
  void stub.close().finally(() => process.exit(code ?? (signal ? 1 : 0)));
});
