import { Link } from "@remix-run/react";
import { useTranslation } from "react-i18next";

export function SiteFooter() {
  const { t } = useTranslation("common");
  return (
    <footer className="it-footer" aria-label={t("footer.label")}>
      <div className="it-footer-main">
        <div className="container">
          <div className="row py-4">
            <div className="col-lg-8">
              <p className="h4 text-white mb-2">{t("app.name")}</p>
              <p className="mb-2">{t("footer.about")}</p>
              <p className="mb-0">{t("footer.verification")}</p>
              <p className="mt-2 mb-0">
                <Link to="/hubs" className="text-white">
                  {t("hub:footer.link")}
                </Link>
                {" · "}
                <Link to="/network" className="text-white">
                  {t("impact:footer.link")}
                </Link>
              </p>
            </div>
          </div>
        </div>
      </div>
      <div className="it-footer-small-prints clearfix">
        <div className="container">
          <p className="py-3 mb-0 small">
            {t("footer.dataAttribution")} {t("footer.copyright", { year: new Date().getFullYear() })}
          </p>
        </div>
      </div>
    </footer>
  );
}
