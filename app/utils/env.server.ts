import { z } from "zod";

/**
 * Configuration comes only from the environment, checked once. Unset service URLs mean
 * "start the embedded PostgreSQL / Meilisearch" (see server/services.ts).
 */
const emptyAsUndefined = (value: unknown) => (value === "" ? undefined : value);

const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  PORT: z.coerce.number().int().min(0).max(65535).default(3000),
  HOST: z.string().default("0.0.0.0"),
  DATABASE_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  MEILI_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  MEILI_API_KEY: z.preprocess(emptyAsUndefined, z.string().optional()),
  MEILI_INDEX_PREFIX: z.string().regex(/^[a-z0-9_]*$/).default(""),
  VICINATO_DATA_DIR: z.string().default(".data"),
  EMBEDDED_PG_PORT: z.coerce.number().int().min(1).max(65535).default(54329),
  EMBEDDED_MEILI_PORT: z.coerce.number().int().min(1).max(65535).default(7701),
  SEED_PROVIDERS: z.coerce.number().int().min(0).max(100000).default(2000),
  RUN_WORKER: z
    .enum(["true", "false"])
    .default("true")
    .transform((value) => value === "true"),
  LOG_LEVEL: z.enum(["debug", "info", "warn", "error"]).default("info"),
  /** Web processes sharing the port (node:cluster); the worker runs once, in the main process. */
  WEB_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(1),
  /** Signs cookies and CSRF tokens. Unset: a random secret is created once in VICINATO_DATA_DIR. */
  SESSION_SECRET: z.preprocess(emptyAsUndefined, z.string().min(32).optional()),
  /** The address people reach the site at, for links in e-mails. Unset: http://localhost:PORT. */
  PUBLIC_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** smtp://user:pass@host:port. Unset: an embedded SMTP sink that keeps messages in VICINATO_DATA_DIR/mail. */
  SMTP_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** Port of the embedded SMTP sink; 0 picks a free one. */
  EMBEDDED_SMTP_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  /** POSTs to the sign-in, sign-up and password pages allowed per client address per 15 minutes; 0 turns the limit off. */
  RATE_LIMIT_AUTH_PER_15MIN: z.coerce.number().int().min(0).default(20),
  /** Search page requests allowed per client address per minute; 0 turns the limit off. */
  RATE_LIMIT_SEARCH_PER_MIN: z.coerce.number().int().min(0).default(120),
  /** How long a web process may keep a page of search results at most; it forgets them as soon as the index changes. 0: off. */
  SEARCH_RESULT_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** How long a web process may keep a whole search page for visitors not signed in; forgotten with the results. 0: off. */
  SEARCH_PAGE_CACHE_SECONDS: z.coerce.number().int().min(0).default(60),
  /** A request unanswered this many milliseconds is logged as a warning while it runs, and again when answered or abandoned; 0: off. */
  SLOW_REQUEST_MS: z.coerce.number().int().min(0).default(2000),
  MAIL_FROM: z.string().default("Vicinato <noreply@vicinato.comune.milano.it>"),
  /** Stripe secret key (sk_…). Unset: no online payments, families pay the provider directly. */
  STRIPE_SECRET_KEY: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  /** Signing secret of the webhook endpoint /stripe/webhook (whsec_…). Needed with STRIPE_SECRET_KEY. */
  STRIPE_WEBHOOK_SECRET: z.preprocess(emptyAsUndefined, z.string().min(8).optional()),
  /** Another Stripe API address, e.g. http://127.0.0.1:12111 for a local stub (tests). Unset: api.stripe.com. */
  STRIPE_API_URL: z.preprocess(emptyAsUndefined, z.string().url().optional()),
  /** The platform's fee on the card part of a payment, in basis points (100 = 1 %); 0: no fee. */
  PLATFORM_FEE_BPS: z.coerce.number().int().min(0).max(10000).default(0),
  /** Secure cookies need HTTPS; on by default in production. */
  SECURE_COOKIES: z.enum(["true", "false"]).optional().transform((value) => (value === undefined ? undefined : value === "true")),
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source !== process.env) return envSchema.parse(source);
  cached ??= envSchema.parse(source);
  return cached;
}
