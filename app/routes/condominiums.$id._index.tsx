import type { ActionFunctionArgs, LinksFunction, LoaderFunctionArgs, MetaFunction } from "@remix-run/node";
import { data, redirect } from "@remix-run/node";
import { Link, useActionData, useLoaderData, useLocation, useNavigation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import condominiumStyles from "~/components/condominiums/condominiums.css";
import { CondominiumErrorBoundary } from "~/components/condominiums/CondominiumErrorBoundary";
import { CondominiumFacts, InvitePanel, LeaveSection } from "~/components/condominiums/CondominiumOverview";
import { ErrorSummary, NoticeBanner } from "~/components/condominiums/ErrorSummary";
import { MemberList } from "~/components/condominiums/MemberList";
import { NoticeBoard } from "~/components/condominiums/NoticeBoard";
import { NeedsConsent, SharedNeedsList, SharedServices } from "~/components/condominiums/SharedNeeds";
import { requireMember } from "~/domain/sharing/condominiums/access.server";
import { isCondominiumError } from "~/domain/sharing/condominiums/condominium-errors";
import {
  getCondominiumPage,
  leaveCondominium,
  regenerateInviteCode,
  removeMember,
  setNeedsConsent,
} from "~/domain/sharing/condominiums/condominiums.server";
import { hideNotice, postNotice } from "~/domain/sharing/condominiums/notice-board.server";
import {
  consentSchema,
  formValues,
  intentSchema,
  isCondominiumId,
  noticeSchema,
  parseForm,
  postIdSchema,
  userIdSchema,
  type FieldErrors,
  type PageIntent,
} from "~/domain/sharing/condominiums/schemas";
import { pageTitle } from "~/i18n/meta";
import { forbiddenOnAuthorisationError, requireUser } from "~/utils/auth.server";
import { assertValidCsrf } from "~/utils/csrf.server";
import { readFormData } from "~/utils/form-data.server";

export const handle = { i18n: ["common", "condominium", "auth"] };
export const links: LinksFunction = () => [{ rel: "stylesheet", href: condominiumStyles }];

const notices = [
  "created",
  "createdApproximate",
  "joined",
  "alreadyMember",
  "consentOn",
  "consentOff",
  "posted",
  "hidden",
  "removed",
  "codeRegenerated",
] as const;

function condominiumIdFrom(params: LoaderFunctionArgs["params"]): string {
  if (!isCondominiumId(params.id)) throw new Response(null, { status: 404 });
  return params.id;
}

export async function loader({ params, request, context }: LoaderFunctionArgs) {
  const user = await requireUser(request, context);
  const id = condominiumIdFrom(params);
  const page = await forbiddenOnAuthorisationError(() => getCondominiumPage(context.db, user, id));
  const notice = new URL(request.url).searchParams.get("notice");
  return { page, notice: notices.find((n) => n === notice) ?? null };
}

export const meta: MetaFunction<typeof loader> = ({ data, matches }) => [
  { title: pageTitle(matches, data?.page.condominium.name) },
  { name: "robots", content: "noindex" },
];

type ActionData = { intent?: PageIntent; errors: FieldErrors; values?: Record<string, string> };

export async function action({ params, request, context }: ActionFunctionArgs) {
  const user = await requireUser(request, context);
  const id = condominiumIdFrom(params);
  // Who may act is settled before the form is even read: a non-member gets 403 whatever they send.
  await forbiddenOnAuthorisationError(() => requireMember(context.db, user, id));
  const formData = await readFormData(request);
  assertValidCsrf(formData, context);
  const values = formValues(formData);
  const parsedIntent = parseForm(intentSchema, values);
  if (!parsedIntent.success) return data<ActionData>({ errors: { form: "errors.invalid" } }, { status: 400 });
  const intent = parsedIntent.data.intent;
  const here = `/condominiums/${id}`;
  const fail = (errors: FieldErrors, status: number, kept?: Record<string, string>) => data<ActionData>({ intent, errors, values: kept }, { status });

  return forbiddenOnAuthorisationError(async () => {
    try {
      switch (intent) {
        case "consent": {
          const { sharesNeeds } = consentSchema.parse(values);
          await setNeedsConsent(context.db, user, id, sharesNeeds);
          return redirect(`${here}?notice=${sharesNeeds ? "consentOn" : "consentOff"}#consent-heading`, 303);
        }
        case "post": {
          const parsed = parseForm(noticeSchema, values);
          if (!parsed.success) return fail(parsed.errors, 400, { body: values.body ?? "" });
          await postNotice(context.db, user, id, parsed.data.body);
          return redirect(`${here}?notice=posted#board-heading`, 303);
        }
        case "hide-post": {
          const parsed = parseForm(postIdSchema, values);
          if (!parsed.success) return fail({ form: "errors.invalid" }, 400);
          await hideNotice(context.db, user, id, parsed.data.postId);
          return redirect(`${here}?notice=hidden#board-heading`, 303);
        }
        case "remove-member": {
          const parsed = parseForm(userIdSchema, values);
          if (!parsed.success) return fail({ form: "errors.invalid" }, 400);
          await removeMember(context.db, user, id, parsed.data.userId);
          return redirect(`${here}?notice=removed#members-heading`, 303);
        }
        case "regenerate-code": {
          await regenerateInviteCode(context.db, user, id);
          return redirect(`${here}?notice=codeRegenerated#invite-heading`, 303);
        }
        case "leave": {
          const { condominiumDeleted } = await leaveCondominium(context.db, user, id);
          return redirect(`/condominiums?notice=${condominiumDeleted ? "leftDeleted" : "left"}`, 303);
        }
      }
    } catch (error) {
      if (isCondominiumError(error, "too_many_notices")) return fail({ body: "errors.tooManyNotices" }, 429, { body: values.body ?? "" });
      if (isCondominiumError(error, "not_found")) return fail({ form: "errors.notFound" }, 409);
      throw error;
    }
  });
}

export default function CondominiumPageRoute() {
  const { page, notice } = useLoaderData<typeof loader>();
  const result = useActionData<typeof action>() as ActionData | undefined;
  const { t } = useTranslation("condominium");
  const navigation = useNavigation();
  const { key: locationKey } = useLocation();
  const { condominium, me } = page;
  const isAdministrator = me.role === "administrator";
  const formError = result?.errors.form ? { form: result.errors.form } : undefined;
  const postErrors = result?.intent === "post" ? result.errors : undefined;

  return (
    <div className="container py-5">
      <p>
        <Link to="/condominiums">{t("page.back")}</Link>
      </p>
      <h1>{condominium.name}</h1>
      {result ? null : <NoticeBanner text={notice ? t(`notices.${notice}`) : null} />}
      <ErrorSummary errors={formError} />

      <div className="row g-3 g-lg-5">
        <div className="col-12 col-lg-7">
          <NoticeBoard
            notices={page.notices}
            error={postErrors?.body}
            draft={result?.intent === "post" ? result.values?.body : undefined}
            formKey={locationKey}
            submitting={navigation.state === "submitting" && navigation.formData?.get("intent") === "post"}
          />
          <SharedNeedsList needs={page.needs} />
          <SharedServices condominiumId={condominium.id} groups={page.groups} />
          <MemberList members={page.members} isAdministrator={isAdministrator} />
        </div>
        <div className="col-12 col-lg-5">
          <CondominiumFacts page={page} />
          <InvitePanel condominiumId={condominium.id} inviteCode={condominium.inviteCode} isAdministrator={isAdministrator} />
          <NeedsConsent sharesNeeds={me.sharesNeeds} />
          <LeaveSection />
        </div>
      </div>
    </div>
  );
}

export { CondominiumErrorBoundary as ErrorBoundary };
