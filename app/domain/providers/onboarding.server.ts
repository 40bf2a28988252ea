/**
 * The provider onboarding wizard's business rules, one module per job under ./onboarding/.
 * Every function checks that the signed-in person is a member of the provider
 * (provider_members) before reading or writing anything, and saves one step at a time, so
 * nothing already saved is lost on an error or a reload.
 *
 * This module is the wizard's public API (the routes and tests import it).
 */
export { type DocumentSummary } from "./document-summary";
export { loadOnboarding, loadProviderHome, type OnboardingView, type ProviderHome } from "./onboarding/load-onboarding.server";
export { type SaveResult } from "./onboarding/write-step.server";
export { saveIdentity } from "./onboarding/save-identity.server";
export { saveServices } from "./onboarding/save-services.server";
export { saveZones } from "./onboarding/save-zones.server";
export { saveLanguages } from "./onboarding/save-languages.server";
export { saveAvailability } from "./onboarding/save-availability.server";
export { saveProfile } from "./onboarding/save-profile.server";
export { type FileInput } from "./onboarding/store-file.server";
export { finishDocumentsStep, uploadProviderDocument, withdrawQualification } from "./onboarding/documents.server";
export { submitForVerification, type SubmitResult } from "./onboarding/submit.server";
