import { useTranslation } from "react-i18next";
import { FieldError, hintId } from "./FieldError";
import { useHydrated } from "./onboarding/useHydrated";
import type { useDeviceLocation } from "./useDeviceLocation";

/**
 * The inside of a form's "where exactly" group: the position sent (hidden lat/lng), the hint,
 * and, once JavaScript runs, "use my location" / "forget it" with what happened announced. The
 * texts are the `location.*` keys of `ns`; the group around it (with the `location-heading` the
 * error summary points at) belongs to the form.
 */
export function DeviceLocationFields({ ns, device, error }: { ns: string; device: ReturnType<typeof useDeviceLocation>; error?: string }) {
  const { t } = useTranslation(ns);
  const hydrated = useHydrated();
  const { location, locationState, locate, forget } = device;
  return (
    <>
      <input type="hidden" name="lat" value={location.lat} />
      <input type="hidden" name="lng" value={location.lng} />
      <p id={hintId("location")} className="vc-hint">
        {t("location.hint")}
      </p>
      {hydrated ? (
        <div className="mb-2">
          <button type="button" className="btn btn-outline-primary btn-sm me-2" onClick={locate} disabled={locationState === "locating"}>
            {t("location.use")}
          </button>
          {location.lat ? (
            <button type="button" className="btn btn-link btn-sm" onClick={forget}>
              {t("location.forget")}
            </button>
          ) : null}
          <p className="vc-hint mt-2 mb-0" role="status" aria-live="polite">
            {locationState === "idle" ? "" : t(`location.${locationState}`)}
          </p>
        </div>
      ) : null}
      <FieldError field="location" messageKey={error} ns={ns} />
    </>
  );
}
