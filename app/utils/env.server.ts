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
});

export type Env = z.infer<typeof envSchema>;

let cached: Env | undefined;

export function getEnv(source: NodeJS.ProcessEnv = process.env): Env {
  if (source !== process.env) return envSchema.parse(source);
  cached ??= envSchema.parse(source);
  return cached;
}
