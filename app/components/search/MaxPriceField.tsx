import { useTranslation } from "react-i18next";
import { errorAttributes, FieldHelp, hintId } from "~/components/FieldError";

/** The highest hourly price, in whole euros. */
export function MaxPriceField({ defaultValue, error, form }: { defaultValue: string; error?: string; form: string }) {
  const { t } = useTranslation("search");
  return (
    <div className="form-group">
      <label htmlFor="maxPrice">{t("form.maxPrice")}</label>
      <input
        id="maxPrice"
        name="maxPrice"
        form={form}
        type="text"
        inputMode="numeric"
        pattern="[0-9]*"
        className="form-control"
        defaultValue={defaultValue}
        {...errorAttributes("maxPrice", error, [hintId("maxPrice")])}
      />
      <FieldHelp field="maxPrice" hint={t("form.maxPriceHint")} messageKey={error} />
    </div>
  );
}
