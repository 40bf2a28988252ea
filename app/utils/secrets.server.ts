import crypto from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";

/**
 * A secret from the environment, or else one generated once and kept (mode 600) in the data
 * folder, so `npm start` works without configuration and sessions survive restarts.
 */
export function loadOrCreateSecret(options: { fromEnv?: string; dataDir: string; name: string }): string {
  if (options.fromEnv) return options.fromEnv;
  const file = path.resolve(options.dataDir, "secrets", options.name);
  try {
    const existing = readFileSync(file, "utf8").trim();
    if (existing.length >= 32) return existing;
  } catch {
    // not created yet
  }
  mkdirSync(path.dirname(file), { recursive: true, mode: 0o700 });
  const secret = crypto.randomBytes(32).toString("base64url");
  writeFileSync(file, secret, { mode: 0o600 });
  return secret;
}
