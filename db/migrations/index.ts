import type { Migration } from "kysely";
import * as m0001 from "./0001_init.js";
import * as m0002 from "./0002_accounts_and_verification.js";
import * as m0003 from "./0003_provider_worker_invitations.js";
import * as m0004 from "./0004_bookings_payments_reviews.js";
import * as m0005 from "./0005_shared_services_and_hubs.js";
import * as m0006 from "./0006_impact.js";
import * as m0007 from "./0007_review_outbox_notify.js";

/**
 * Registered by hand, not by scanning the folder: a file-scanning provider breaks once the
 * server is bundled. Append new migrations at the end; never edit or reorder old ones.
 */
export const migrations: Record<string, Migration> = {
  "0001_init": m0001,
  "0002_accounts_and_verification": m0002,
  "0003_provider_worker_invitations": m0003,
  "0004_bookings_payments_reviews": m0004,
  "0005_shared_services_and_hubs": m0005,
  "0006_impact": m0006,
  "0007_review_outbox_notify": m0007,
};
