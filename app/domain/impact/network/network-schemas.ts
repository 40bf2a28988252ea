import { z } from "zod";
import { networkOrganisationKinds, type NetworkOrganisationKind } from "../../../../db/schema";
import { isStorableText } from "../../../utils/storable-text";
import { isUuid } from "../../../utils/uuid";

/**
 * The network directory's forms: the public search (GET), an operator's organisation form and
 * the form that routes an open need to an organisation. Error messages are keys of the "impact"
 * namespace; the same schema checks the server input and names the fields that went wrong.
 */

export { networkOrganisationKinds, type NetworkOrganisationKind };

export const DIRECTORY_PAGE_SIZE = 20;

/** Text PostgreSQL keeps exactly as typed (no NUL or other control characters, no lone surrogates). */
const storable = (options: { multiline?: boolean } = {}) => (value: string) => isStorableText(value, options);

const emptyToUndefined = (value: unknown) => (typeof value === "string" && value.trim() === "" ? undefined : value);

export const directoryQuerySchema = z.object({
  q: z.preprocess(emptyToUndefined, z.string().trim().max(100, "network.errors.q").refine(storable(), "network.errors.textInvalid").optional()),
  category: z.preprocess(emptyToUndefined, z.string().regex(/^[a-z0-9-]{1,40}$/, "network.errors.category").optional()),
  quartiere: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(999).optional()),
  page: z.preprocess(emptyToUndefined, z.coerce.number().int().min(1).max(500).default(1)),
});
export type DirectoryQuery = z.output<typeof directoryQuerySchema>;

/** Reads the directory's query string; anything invalid is dropped (a directory never errors). */
export function parseDirectoryQuery(params: URLSearchParams): DirectoryQuery {
  const raw = { q: params.get("q") ?? undefined, category: params.get("category") ?? undefined, quartiere: params.get("quartiere") ?? undefined, page: params.get("page") ?? undefined };
  const parsed = directoryQuerySchema.safeParse(raw);
  if (parsed.success) return parsed.data;
  const bad = new Set(parsed.error.issues.map((i) => i.path[0]));
  return directoryQuerySchema.parse(Object.fromEntries(Object.entries(raw).filter(([k]) => !bad.has(k))));
}

export const organisationFormSchema = z.object({
  name: z.string("network.errors.name").trim().min(2, "network.errors.name").max(200, "network.errors.name").refine(storable(), "network.errors.textInvalid"),
  kind: z.enum(networkOrganisationKinds, "network.errors.kind"),
  description: z.string("network.errors.description").trim().max(4000, "network.errors.description").refine(storable({ multiline: true }), "network.errors.textInvalid"),
  categories: z
    .array(z.string("network.errors.categories").regex(/^[a-z0-9-]{1,40}$/, "network.errors.categories"), "network.errors.categories")
    .max(20, "network.errors.categories"),
  offers: z.string("network.errors.offers").trim().max(2000, "network.errors.offers").refine(storable({ multiline: true }), "network.errors.textInvalid"),
  contact: z.string("network.errors.contact").trim().max(500, "network.errors.contact").refine(storable({ multiline: true }), "network.errors.textInvalid"),
  quartieri: z
    .array(z.coerce.number("network.errors.quartieri").int("network.errors.quartieri").min(1, "network.errors.quartieri").max(999, "network.errors.quartieri"))
    .min(1, "network.errors.quartieriRequired")
    .max(88, "network.errors.quartieri"),
});
export type OrganisationInput = z.output<typeof organisationFormSchema>;
export type OrganisationField = keyof OrganisationInput;
export type OrganisationFieldErrors = Partial<Record<OrganisationField | "_form", string>>;

/** What the form shows again after an error: the raw values as typed. */
export interface OrganisationFormValues {
  name: string;
  kind: string;
  description: string;
  categories: string[];
  offers: string;
  contact: string;
  quartieri: string[];
}

const field = (formData: FormData, name: string) => {
  const value = formData.get(name);
  return typeof value === "string" ? value : "";
};
const fields = (formData: FormData, name: string) => formData.getAll(name).filter((v): v is string => typeof v === "string" && v !== "");

export function organisationValuesFromForm(formData: FormData): OrganisationFormValues {
  return {
    name: field(formData, "name"),
    kind: field(formData, "kind"),
    description: field(formData, "description"),
    categories: fields(formData, "categories"),
    offers: field(formData, "offers"),
    contact: field(formData, "contact"),
    quartieri: fields(formData, "quartieri"),
  };
}

export function parseOrganisationForm(values: OrganisationFormValues): { data: OrganisationInput; errors?: undefined } | { data?: undefined; errors: OrganisationFieldErrors } {
  const parsed = organisationFormSchema.safeParse(values);
  if (parsed.success) return { data: { ...parsed.data, categories: [...new Set(parsed.data.categories)], quartieri: [...new Set(parsed.data.quartieri)] } };
  const errors: OrganisationFieldErrors = {};
  for (const issue of parsed.error.issues) errors[(issue.path[0] as OrganisationField) ?? "_form"] ??= issue.message;
  return { errors };
}

export const referralFormSchema = z.object({
  needId: z.string().refine(isUuid, "network.errors.need"),
  organisationId: z.string().refine(isUuid, "network.errors.organisation"),
  note: z.string("network.errors.note").trim().max(1000, "network.errors.note").refine(storable({ multiline: true }), "network.errors.textInvalid"),
});
export type ReferralInput = z.output<typeof referralFormSchema>;
export type ReferralFieldErrors = Partial<Record<keyof ReferralInput | "_form", string>>;

export function parseReferralForm(formData: FormData): { data: ReferralInput; errors?: undefined } | { data?: undefined; errors: ReferralFieldErrors } {
  const parsed = referralFormSchema.safeParse({ needId: field(formData, "needId"), organisationId: field(formData, "organisationId"), note: field(formData, "note") });
  if (parsed.success) return { data: parsed.data };
  const errors: ReferralFieldErrors = {};
  for (const issue of parsed.error.issues) errors[issue.path[0] as keyof ReferralInput] ??= issue.message;
  return { errors };
}
