import { useTranslation } from "react-i18next";

/**
 * Errors of a form the page cannot show next to a field: the form is not on the page any more
 * (the booking, group or provider moved on since it was loaded), or the request named an action
 * or a row the page does not have (a hand-made request). Said at the top, in words, instead of
 * a silent 400. `errors` are message keys of namespace `ns`; each distinct message once.
 */
export function UnshownErrors({ ns, errors }: { ns: string; errors: ReadonlyArray<string | undefined> }) {
  const { t } = useTranslation(ns);
  const keys = [...new Set(errors.filter((key): key is string => typeof key === "string" && key !== ""))];
  if (keys.length === 0) return null;
  return (
    <div className="alert alert-danger" role="alert">
      {keys.length === 1 ? (
        <p className="mb-0">{t(keys[0]!)}</p>
      ) : (
        <ul className="mb-0">
          {keys.map((key) => (
            <li key={key}>{t(key)}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
