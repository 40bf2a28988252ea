import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { useActionData, useLoaderData, useSearchParams } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { OnboardingStepper } from "~/components/onboarding/OnboardingStepper";
import { StepAvailability } from "~/components/onboarding/StepAvailability";
import { StepDocuments } from "~/components/onboarding/StepDocuments";
import { StepIdentity } from "~/components/onboarding/StepIdentity";
import { StepLanguages } from "~/components/onboarding/StepLanguages";
import { StepProfile } from "~/components/onboarding/StepProfile";
import { StepReview } from "~/components/onboarding/StepReview";
import { StepServices } from "~/components/onboarding/StepServices";
import { StepZones } from "~/components/onboarding/StepZones";
import { listCategories } from "~/domain/catalogue/catalogue.server";
import { documentStore } from "~/domain/providers/document-store.server";
import {
  finishDocumentsStep,
  loadProviderHome,
  saveAvailability,
  saveIdentity,
  saveLanguages,
  saveProfile,
  saveServices,
  saveZones,
  submitForVerification,
  uploadProviderDocument,
  withdrawQualification,
  type FileInput,
  type SaveResult,
} from "~/domain/providers/onboarding.server";
import { fileRules, isOnboardingStep, onboardingSteps, stepIndex, stepInputFromForm, type FieldErrors, type OnboardingStep } from "~/domain/providers/onboarding-schemas";
import { ownMembership } from "~/domain/providers/provider-access.server";
import { listMunicipi, listQuartieri } from "~/domain/territory/territory.server";
import { i18nServer } from "~/i18n/i18next.server";
import { pageTitle } from "~/i18n/meta";
import onboardingStyles from "~/styles/onboarding.css";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { fileFromForm, isMultipart, MalformedFormError, parseUploadForm, PayloadTooLargeError } from "~/utils/multipart.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "onboarding"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: onboardingStyles }];

function stepFrom(params: LoaderFunctionArgs["params"]): OnboardingStep {
  if (!isOnboardingStep(params.step)) throw new Response(null, { status: 404 });
  return params.step;
}

export async function loader({ request, params, context }: LoaderFunctionArgs) {
  const step = stepFrom(params);
  const user = await requireUser(request, context);
  return forbiddenOnAuthorisationError(async () => {
    const { view } = await loadProviderHome(context.db, user);
    // Before the draft exists, only "who you are" can be filled in.
    if (!view && step !== "identity") throw redirect("/provider/onboarding/identity");
    const needsTerritory = step === "zones" || step === "review";
    const [categories, quartieri, municipi, t] = await Promise.all([
      step === "services" ? listCategories(context.db) : Promise.resolve([]),
      needsTerritory ? listQuartieri(context.db) : Promise.resolve([]),
      needsTerritory ? listMunicipi(context.db) : Promise.resolve([]),
      i18nServer.getFixedT(request, "onboarding"),
    ]);
    return {
      step,
      view,
      categories,
      quartieri,
      municipi,
      title: t("meta.stepTitle", { step: t(`steps.${step}.title`), current: stepIndex(step) + 1, total: onboardingSteps.length }),
    };
  });
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.title) },
  { name: "robots", content: "noindex" },
];

type ActionData = { errors: FieldErrors; values?: Record<string, unknown>; photoSaved?: boolean };

const invalid = (body: ActionData, status = 400) => data(body, { status });

export async function action({ request, params, context }: ActionFunctionArgs) {
  const step = stepFrom(params);
  const user = await requireUser(request, context);

  let formData: FormData;
  let tooLarge = new Set<string>();
  try {
    if (isMultipart(request) && (step === "profile" || step === "documents")) {
      const rule = step === "profile" ? fileRules.photo : fileRules.document;
      ({ formData, tooLarge } = await parseUploadForm(request, { maxFileBytes: rule.maxBytes }));
    } else {
      formData = await readFormData(request);
    }
  } catch (error) {
    if (error instanceof PayloadTooLargeError) return invalid({ errors: { _form: "errors.requestTooLarge" } }, 413);
    if (error instanceof MalformedFormError) return invalid({ errors: { _form: "errors.requestMalformed" } }, 400);
    throw error;
  }
  assertValidCsrf(formData, context);

  return forbiddenOnAuthorisationError(async () => {
    const db = context.db;
    const providerId = (await ownMembership(db, user))?.providerId ?? null;
    if (!providerId && step !== "identity") throw redirect("/provider/onboarding/identity");
    const intent = String(formData.get("intent") ?? "save");
    const raw = stepInputFromForm(step, formData);
    const fileInput = async (name: string): Promise<FileInput> => (tooLarge.has(name) ? { tooLarge: true } : await fileFromForm(formData, name));

    const after = (result: SaveResult) =>
      result.ok ? redirect(`/provider/onboarding/${result.next}`) : invalid({ errors: result.errors, values: raw });

    switch (step) {
      case "identity":
        return after(await saveIdentity(db, user, { providerId, raw }));
      case "services":
        return after(await saveServices(db, user, { providerId: providerId!, raw }));
      case "zones":
        return after(await saveZones(db, user, { providerId: providerId!, raw }));
      case "languages":
        return after(await saveLanguages(db, user, { providerId: providerId!, raw }));
      case "availability":
        return after(await saveAvailability(db, user, { providerId: providerId!, raw }));
      case "profile": {
        const result = await saveProfile(db, documentStore(), user, { providerId: providerId!, raw, photo: await fileInput("photo") });
        if (!result.ok) return invalid({ errors: result.errors, values: raw, photoSaved: result.photoSaved });
        throw redirect(`/provider/onboarding/${result.next}`);
      }
      case "documents": {
        if (intent === "upload") {
          const result = await uploadProviderDocument(db, documentStore(), user, { providerId: providerId!, raw, file: await fileInput("file") });
          if (!result.ok) return invalid({ errors: result.errors, values: raw });
          const docType = String(raw.docType);
          throw redirect(`/provider/onboarding/documents?uploaded=${encodeURIComponent(docType)}#doc-${docType}-title`);
        }
        if (intent === "withdraw") {
          const result = await withdrawQualification(db, user, { providerId: providerId!, documentId: String(formData.get("documentId") ?? "") });
          if (!result.ok) return invalid({ errors: result.errors });
          throw redirect("/provider/onboarding/documents");
        }
        const result = await finishDocumentsStep(db, user, providerId!);
        if (!result.ok) return invalid({ errors: result.errors });
        throw redirect(`/provider/onboarding/${result.next}`);
      }
      case "review": {
        const result = await submitForVerification(db, user, providerId!);
        if (!result.ok) return invalid({ errors: result.errors });
        throw redirect("/provider?submitted=1");
      }
    }
  });
}

export default function OnboardingStepPage() {
  const { step, view, categories, quartieri, municipi } = useLoaderData<typeof loader>();
  const actionData = useActionData<typeof action>() as ActionData | undefined;
  const [searchParams] = useSearchParams();
  const { t } = useTranslation("onboarding");
  const errors = actionData?.errors;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any
  const values = actionData?.values as any;
  const canEditThisStep = view ? (step === "identity" ? view.canEditIdentity : view.canEdit) : true;
  const disabled = !canEditThisStep;

  return (
    <div className="container py-4">
      <p className="text-muted-strong mb-1">{t("wizard.eyebrow")}</p>
      <OnboardingStepper current={step} completed={view?.completed ?? []} reachable={view !== null} />
      <h1 className="mb-2">{t(`steps.${step}.title`)}</h1>
      <p className="lead mb-4">{t(`steps.${step}.intro`)}</p>

      {view && !canEditThisStep ? (
        <div className="alert alert-info" role="status">
          {t(view.provider.status === "pending" ? "wizard.lockedPending" : step === "identity" && view.canEdit ? "wizard.lockedIdentity" : "wizard.locked")}
        </div>
      ) : null}

      {step === "identity" ? <StepIdentity view={view} errors={errors} values={values} disabled={disabled} /> : null}
      {view && step === "services" ? <StepServices view={view} categories={categories} errors={errors} values={values} disabled={disabled} /> : null}
      {view && step === "zones" ? (
        <StepZones view={view} quartieri={quartieri} municipi={municipi} errors={errors} values={values} disabled={disabled} />
      ) : null}
      {view && step === "languages" ? <StepLanguages view={view} errors={errors} values={values} disabled={disabled} /> : null}
      {view && step === "availability" ? <StepAvailability view={view} errors={errors} values={values} disabled={disabled} /> : null}
      {view && step === "profile" ? (
        <StepProfile view={view} errors={errors} values={values} photoSaved={actionData?.photoSaved} disabled={disabled} />
      ) : null}
      {view && step === "documents" ? (
        <StepDocuments view={view} errors={errors} values={values} uploaded={actionData ? null : searchParams.get("uploaded")} disabled={disabled} />
      ) : null}
      {view && step === "review" ? <StepReview view={view} quartieri={quartieri} errors={errors} /> : null}
    </div>
  );
}
