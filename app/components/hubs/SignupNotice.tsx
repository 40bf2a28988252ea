import { useTranslation } from "react-i18next";
import type { SignupDone } from "~/domain/territory/hubs/hub-schemas";

/** What the last sign-up or cancellation did, after the redirect (announced to screen readers). */
export function SignupNotice({ done, title }: { done: SignupDone; title: string }) {
  const { t } = useTranslation("hub");
  return (
    <div className="alert alert-success mb-4" role="status">
      {t(`done.${done}`, { title })}
    </div>
  );
}
