import { sql, type SqlBool } from "kysely";

/**
 * The one rule for who the public may see: a verified, active provider, and for an
 * organisation's worker only while the organisation itself is verified and active (accredited).
 * Search documents, the database search fallback and public profiles all use it.
 */
export function isPublicProvider(alias: string) {
  const column = (name: string) => sql.ref(`${alias}.${name}`);
  return sql<SqlBool>`(${column("status")} = 'verified' and ${column("active")} and (
    ${column("organisation_id")} is null or exists (
      select 1 from providers as org
      where org.id = ${column("organisation_id")} and org.status = 'verified' and org.active)))`;
}
