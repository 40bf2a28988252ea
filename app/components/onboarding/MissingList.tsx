import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import type { MissingItem } from "~/domain/providers/onboarding-progress";

/** What is still missing, each with a link to the step where it is given. */
export function MissingList({ missing, id }: { missing: readonly MissingItem[]; id?: string }) {
  const { t } = useTranslation("onboarding");
  if (missing.length === 0) return null;
  return (
    <ul id={id} className="vc-missing-list">
      {missing.map((item) => (
        <li key={item.key}>
          <Link to={`/provider/onboarding/${item.step}`}>{t(item.key)}</Link>
        </li>
      ))}
    </ul>
  );
}
