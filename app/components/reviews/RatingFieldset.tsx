import { useTranslation } from "react-i18next";
import { errorId } from "~/components/FieldError";
import type { RatingAspect } from "~/domain/reviews/rating";

/**
 * One aspect as a radio group: a fieldset whose legend names the aspect (and its hint), five
 * radios labelled with their number and meaning, and the error, if any, tied to the group.
 */
export function RatingFieldset({ aspect, value, error }: { aspect: RatingAspect; value: string; error?: string }) {
  const { t } = useTranslation("review");
  const hint = `${aspect}-hint`;
  return (
    <fieldset className="vc-fieldset vc-rating-fieldset" aria-describedby={[hint, ...(error ? [errorId(aspect)] : [])].join(" ")}>
      <legend className="vc-legend">
        {t(`aspects.${aspect}`)}
        <span className="visually-hidden"> {t("write.required")}</span>
      </legend>
      <p id={hint} className="vc-hint mt-0">
        {t(`aspectHints.${aspect}`)}
      </p>
      {error ? (
        <p id={errorId(aspect)} className="vc-field-error">
          {t(error)}
        </p>
      ) : null}
      <div className="vc-rating-options">
        {(["1", "2", "3", "4", "5"] as const).map((score) => (
          <div key={score} className="form-check">
            <input className="form-check-input" type="radio" name={aspect} id={`${aspect}-${score}`} value={score} defaultChecked={value === score} />
            <label className="form-check-label vc-check-label" htmlFor={`${aspect}-${score}`}>
              {t(`scale.${score}`)}
            </label>
          </div>
        ))}
      </div>
    </fieldset>
  );
}
