import { useTranslation } from "react-i18next";

export function SkipLink({ target = "main" }: { target?: string }) {
  const { t } = useTranslation("common");
  return (
    <div className="skiplinks">
      <a className="visually-hidden-focusable" href={`#${target}`}>
        {t("skipLink")}
      </a>
    </div>
  );
}
