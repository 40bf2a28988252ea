import crypto from "node:crypto";
import { createReadStream } from "node:fs";
import { mkdir, rm, stat, writeFile } from "node:fs/promises";
import path from "node:path";
import type { Readable } from "node:stream";
import { fileTypeFromBuffer } from "file-type";
import { getEnv } from "~/utils/env.server";
import { fileRules, type FileRule } from "./onboarding-schemas";

/**
 * Providers' documents and photos live on disk outside public/ (never served as static files),
 * under random names; the database row says whose they are and who may read them.
 */
export interface DocumentStore {
  /** Writes the bytes under a new random key and returns the key. */
  save(bytes: Uint8Array): Promise<string>;
  open(key: string): Promise<{ stream: Readable; size: number } | null>;
  remove(key: string): Promise<void>;
}

const keyPattern = /^[A-Za-z0-9_-]{32,64}$/;

export function createDocumentStore(dir: string): DocumentStore {
  const root = path.resolve(dir);
  const fileFor = (key: string) => {
    if (!keyPattern.test(key)) throw new Error("invalid storage key");
    // Two levels of fan-out keep folders small: ab/cd/abcd….
    return path.join(root, key.slice(0, 2), key.slice(2, 4), key);
  };
  return {
    async save(bytes) {
      const key = crypto.randomBytes(24).toString("base64url");
      const file = fileFor(key);
      await mkdir(path.dirname(file), { recursive: true, mode: 0o700 });
      await writeFile(file, bytes, { mode: 0o600, flag: "wx" });
      return key;
    },
    async open(key) {
      if (!keyPattern.test(key)) return null;
      const file = fileFor(key);
      try {
        const info = await stat(file);
        return { stream: createReadStream(file), size: info.size };
      } catch {
        return null;
      }
    },
    async remove(key) {
      if (keyPattern.test(key)) await rm(fileFor(key), { force: true });
    },
  };
}

let defaultStore: DocumentStore | undefined;
/** The store in `${VICINATO_DATA_DIR}/uploads`. */
export function documentStore(): DocumentStore {
  defaultStore ??= createDocumentStore(path.join(getEnv().VICINATO_DATA_DIR, "uploads"));
  return defaultStore;
}

export interface UploadedFile {
  name: string;
  bytes: Uint8Array;
}

export type FileCheck = { ok: true; contentType: string; extension: string } | { ok: false; error: string };

/**
 * A file is what its bytes say it is (magic numbers), not what its name or the browser claims;
 * only the listed types and sizes pass. Errors are keys of the "onboarding" namespace.
 */
export async function checkUploadedFile(file: UploadedFile, rule: FileRule): Promise<FileCheck> {
  const { maxBytes, types } = fileRules[rule];
  if (file.bytes.byteLength === 0) return { ok: false, error: "errors.fileEmpty" };
  if (file.bytes.byteLength > maxBytes) return { ok: false, error: rule === "photo" ? "errors.photoTooLarge" : "errors.fileTooLarge" };
  const detected = await fileTypeFromBuffer(file.bytes);
  if (!detected || !(types as readonly string[]).includes(detected.mime)) {
    return { ok: false, error: rule === "photo" ? "errors.photoType" : "errors.fileType" };
  }
  return { ok: true, contentType: detected.mime, extension: detected.ext };
}

/** A file name safe to show and to put in Content-Disposition (no paths, no control characters). */
export function cleanFileName(name: string, extension: string): string {
  const base = path.basename(name.replace(/\\/g, "/")).replace(/[\u0000-\u001f\u007f"]/g, "").trim().slice(0, 120);
  return base === "" ? `documento.${extension}` : base;
}
