import { z } from "zod";
import { isStorableText } from "~/utils/storable-text";
import { actionsRequiringReason } from "./provider-status-machine";
import { operatorActions, queueStatusFilters, type OperatorAction, type QueueStatusFilter } from "./verification-rules";

/**
 * The operator's forms: the queue filters (GET) and the decision (POST). Error messages are keys
 * of the "operator" namespace, shown next to their field.
 */

export const MAX_REASON_LENGTH = 2000;

export const decisionFormSchema = z
  .object({
    decision: z.enum(operatorActions, { error: "decision.errors.decision" }),
    reason: z
      .string({ error: "decision.errors.reasonInvalid" })
      .trim()
      .max(MAX_REASON_LENGTH, { error: "decision.errors.reasonTooLong" })
      .refine((value) => isStorableText(value, { multiline: true }), { error: "decision.errors.reasonInvalid" })
      .default(""),
    confirm: z.literal("yes", { error: "decision.errors.confirm" }),
  })
  .superRefine((value, ctx) => {
    if (actionsRequiringReason.has(value.decision) && value.reason === "") {
      ctx.addIssue({ code: "custom", path: ["reason"], message: "decision.errors.reasonRequired" });
    }
  });

export type DecisionForm = z.infer<typeof decisionFormSchema>;
export type DecisionFieldErrors = Partial<Record<"decision" | "reason" | "confirm", string>>;

export function parseDecisionForm(formData: FormData): { data: DecisionForm; errors: null } | { data: null; errors: DecisionFieldErrors } {
  const raw = {
    decision: formData.get("decision") ?? undefined,
    reason: formData.get("reason") ?? undefined,
    confirm: formData.get("confirm") ?? undefined,
  };
  const parsed = decisionFormSchema.safeParse(raw);
  if (parsed.success) return { data: parsed.data, errors: null };
  const errors: DecisionFieldErrors = {};
  for (const issue of parsed.error.issues) {
    const field = issue.path[0] as keyof DecisionFieldErrors;
    errors[field] ??= issue.message;
  }
  return { data: null, errors };
}

export const reasonRequiredFor = (action: OperatorAction) => actionsRequiringReason.has(action);

export interface QueueParams {
  quartiereId?: number;
  status: QueueStatusFilter;
  expiringWithinDays?: number;
  page: number;
}

const queueParamsSchema = z.object({
  quartiere: z.coerce.number().int().positive().optional().catch(undefined),
  status: z.enum(queueStatusFilters).catch("pending"),
  expiring: z.coerce.number().int().min(0).max(366).optional().catch(undefined),
  page: z.coerce.number().int().min(1).max(10_000).catch(1),
});

/** The queue's query string; anything malformed falls back to the default. */
export function parseQueueParams(params: URLSearchParams): QueueParams {
  const value = (key: string) => params.get(key) || undefined;
  const parsed = queueParamsSchema.parse({
    quartiere: value("quartiere"),
    status: value("status") ?? "pending",
    expiring: value("expiring"),
    page: value("page") ?? 1,
  });
  return {
    quartiereId: parsed.quartiere,
    status: parsed.status,
    expiringWithinDays: parsed.expiring,
    page: parsed.page,
  };
}
