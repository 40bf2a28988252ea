import type { LoaderFunctionArgs } from "@remix-run/node";
import { redirect } from "@remix-run/node";
import { loadProviderHome } from "~/domain/providers/onboarding.server";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";

/** /provider/onboarding → the step to resume at (the first one before a draft exists). */
export async function loader({ request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  return forbiddenOnAuthorisationError(async () => {
    const { view } = await loadProviderHome(context.db, user);
    throw redirect(`/provider/onboarding/${view?.provider.onboardingStep ?? "identity"}`);
  });
}
