import type { ProviderKind, ProviderStatus } from "../../../db/schema";

/** Who a provider is, as the onboarding wizard and the operators' review both show it. */
export interface ProviderIdentity {
  id: string;
  kind: ProviderKind;
  status: ProviderStatus;
  displayName: string;
  organisationName: string | null;
  fiscalCode: string | null;
  vatNumber: string | null;
  baseAddress: string | null;
}

/** The identity fields of a `providers` row. */
export function providerIdentityOf(row: {
  id: string;
  kind: ProviderKind;
  status: ProviderStatus;
  display_name: string;
  organisation_name: string | null;
  fiscal_code: string | null;
  vat_number: string | null;
  base_address: string | null;
}): ProviderIdentity {
  return {
    id: row.id,
    kind: row.kind,
    status: row.status,
    displayName: row.display_name,
    organisationName: row.organisation_name,
    fiscalCode: row.fiscal_code,
    vatNumber: row.vat_number,
    baseAddress: row.base_address,
  };
}
