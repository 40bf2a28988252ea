import { sql, type Kysely } from "kysely";
import type { Database, ProviderStatus } from "../../../db/schema";
import type { CurrentUser } from "../accounts/current-user";
import { recordAudit } from "../audit/audit-log.server";
import { changeProviderStatus, inTransaction, ProviderStatusError } from "./change-provider-status.server";
import { enqueueVerificationEmail, notifyProvider, type VerificationEmailKey, type VerificationNotifier } from "./notifications.server";
import { actorRole, providerInScope } from "./operator-access.server";
import { actionsRequiringReason, nextProviderStatus } from "./provider-status-machine";
import { approvalProblemsOf, type ApprovalProblem } from "./provider-review.server";
import { MAX_REASON_LENGTH } from "./verification-forms";
import { operatorActions, romeDate, type OperatorAction } from "./verification-rules";

export type VerificationDecisionErrorCode =
  | "not_found"
  | "unknown_action"
  | "reason_required"
  | "reason_too_long"
  | "transition_not_allowed"
  | "approval_refused";

/** A decision that cannot be taken, with a reason the operator can act on. */
export class VerificationDecisionError extends Error {
  constructor(
    readonly code: VerificationDecisionErrorCode,
    message: string,
    readonly problems: ApprovalProblem[] = [],
  ) {
    super(message);
    this.name = "VerificationDecisionError";
  }
}

const emailFor: Record<OperatorAction, VerificationEmailKey> = {
  approve: "approved",
  requestChanges: "changesRequested",
  reject: "rejected",
  suspend: "suspended",
  reinstate: "reinstated",
};

export interface DecisionResult {
  from: ProviderStatus;
  to: ProviderStatus;
  /** How many people were told by e-mail. */
  notified: number;
}

/**
 * An operator's decision on a provider: approve, ask for changes (with a message), reject,
 * suspend (with a reason) or reinstate. Checked here, whatever the caller: the operator must
 * be responsible for the provider's quartiere (else AuthorisationError), the state machine must
 * allow the step, and approving or reinstating needs the required documents present and
 * unexpired, a complete profile and, for a worker, an accredited organisation. The transition
 * is recorded with who, when and why; the provider is told by e-mail in the same transaction;
 * the search index follows through the outbox.
 */
export async function applyVerificationDecision(
  db: Kysely<Database>,
  operator: CurrentUser | null,
  input: { providerId: string; action: string; reason?: string | null },
  options: { now?: Date; notify?: VerificationNotifier } = {},
): Promise<DecisionResult> {
  const notify = options.notify ?? enqueueVerificationEmail;
  return inTransaction(db, async (trx) => {
    const provider = await providerInScope(trx, operator, input.providerId, { forUpdate: true });
    if (!provider) throw new VerificationDecisionError("not_found", "provider not found");
    const action = operatorActions.find((a) => a === input.action);
    if (!action) throw new VerificationDecisionError("unknown_action", `unknown action ${input.action}`);
    const reason = input.reason?.trim() || null;
    if (actionsRequiringReason.has(action) && !reason) throw new VerificationDecisionError("reason_required", `${action} needs a reason`);
    if (reason && reason.length > MAX_REASON_LENGTH) throw new VerificationDecisionError("reason_too_long", "reason too long");

    if (!nextProviderStatus(provider.status, action)) {
      throw new VerificationDecisionError("transition_not_allowed", `${action} is not allowed from ${provider.status}`);
    }

    const today = romeDate(options.now ?? new Date());
    let minorsCheck: boolean | undefined;
    if (action === "approve" || action === "reinstate") {
      const { problems, hasMinorsCertificate } = await checkApproval(trx, provider.id, provider.kind, today);
      if (problems.length > 0) throw new VerificationDecisionError("approval_refused", "approval refused", problems);
      minorsCheck = hasMinorsCertificate;
    }

    let change: { from: ProviderStatus; to: ProviderStatus };
    try {
      change = await changeProviderStatus(trx, {
        providerId: provider.id,
        action,
        actor: actorRole(operator!, provider.quartiereId),
        actorUserId: operator!.id,
        reason,
      });
    } catch (error) {
      if (error instanceof ProviderStatusError) {
        throw new VerificationDecisionError(error.code === "not_found" ? "not_found" : error.code, error.message);
      }
      throw error;
    }
    // The "certificate for work with minors" badge reflects a valid certificate on file.
    if (minorsCheck !== undefined) {
      await trx.updateTable("providers").set({ minors_check: minorsCheck }).where("id", "=", provider.id).execute();
    }
    await recordAudit(trx, {
      actorUserId: operator!.id,
      action: `provider.${action}`,
      subjectType: "provider",
      subjectId: provider.id,
      details: { from: change.from, to: change.to },
    });
    const notified = await notifyProvider(trx, notify, provider.id, emailFor[action], () => ({ reason: reason ?? "" }));
    return { ...change, notified };
  });
}

async function checkApproval(
  db: Kysely<Database>,
  providerId: string,
  kind: "individual" | "organisation",
  today: string,
): Promise<{ problems: ApprovalProblem[]; hasMinorsCertificate: boolean }> {
  const [profile, services, documents] = await Promise.all([
    db
      .selectFrom("providers as p")
      .leftJoin("providers as o", "o.id", "p.organisation_id")
      .select(["p.quartiere_id", "p.lat", "p.lng", "p.hourly_price_cents", "o.status as org_status"])
      .where("p.id", "=", providerId)
      .executeTakeFirstOrThrow(),
    db
      .selectFrom("provider_services as s")
      .innerJoin("service_categories as c", "c.id", "s.category_id")
      .select("c.slug")
      .where("s.provider_id", "=", providerId)
      .execute(),
    db
      .selectFrom("provider_documents")
      .select(["doc_type", sql<string | null>`expires_on::text`.as("expires_on"), "replaced_at"])
      .where("provider_id", "=", providerId)
      .execute(),
  ]);
  const held = documents.map((d) => ({ docType: d.doc_type, expiresOn: d.expires_on, replaced: d.replaced_at !== null }));
  const problems = approvalProblemsOf({
    kind,
    categorySlugs: services.map((s) => s.slug),
    documents: held,
    organisationStatus: profile.org_status,
    profile,
    today,
  });
  const hasMinorsCertificate = held.some(
    (d) => d.docType === "criminal_record_minors" && !d.replaced && (d.expiresOn === null || d.expiresOn >= today),
  );
  return { problems, hasMinorsCertificate };
}
