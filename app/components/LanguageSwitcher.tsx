import { useLocation } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { supportedLanguages } from "~/i18n/config";

/**
 * Plain links (no JavaScript needed) to the same page in each language. `?lng=` makes the
 * server switch and remember the choice in a cookie; everything else in the URL is kept.
 */
export function LanguageSwitcher({ current }: { current: string }) {
  const { t } = useTranslation("common");
  const location = useLocation();

  const hrefFor = (lng: string) => {
    const params = new URLSearchParams(location.search);
    params.set("lng", lng);
    return `${location.pathname}?${params.toString()}`;
  };

  return (
    <nav aria-label={t("languageSwitcher.label")} className="vc-lang-switcher">
      <ul className="list-inline mb-0">
        {supportedLanguages.map((lng) => (
          <li key={lng} className="list-inline-item">
            <a
              href={hrefFor(lng)}
              lang={lng}
              hrefLang={lng}
              aria-current={lng === current ? "true" : undefined}
              className={lng === current ? "fw-bold" : undefined}
            >
              {t(`uiLanguages.${lng}`)}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}
