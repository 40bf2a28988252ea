import { Form } from "@remix-run/react";
import { useTranslation } from "react-i18next";
import { CsrfInput } from "~/components/CsrfInput";
import { EVENT_CAPACITY_MAX, EVENT_DESCRIPTION_MAX, EVENT_TITLE_MAX, type EventValues, type FieldErrors } from "~/domain/territory/hubs/hub-schemas";
import { HubFormErrors, HubInput, HubTextarea } from "./HubFields";

/** An event's title, description, day, start and end (Milan time) and places: to create or change one. */
export function HubEventForm({
  intent,
  values,
  errors,
  submitLabel,
  minDate,
}: {
  intent: "createEvent" | "update";
  values: EventValues;
  errors?: FieldErrors;
  submitLabel: string;
  /** Today in Milan, "YYYY-MM-DD" (a hint to the date picker; the server decides). */
  minDate: string;
}) {
  const { t } = useTranslation("hub");
  const e = errors ?? {};
  return (
    <Form method="post" noValidate className="vc-form" preventScrollReset>
      <CsrfInput />
      <input type="hidden" name="intent" value={intent} />
      <HubFormErrors errors={errors} />
      <HubInput id="event-title" name="title" label={t("operator.eventForm.title")} defaultValue={values.title} maxLength={EVENT_TITLE_MAX} required error={e.title} />
      <HubTextarea
        id="event-description"
        name="description"
        label={t("operator.eventForm.description")}
        hint={t("operator.eventForm.descriptionHint")}
        defaultValue={values.description}
        maxLength={EVENT_DESCRIPTION_MAX}
        error={e.description}
      />
      <div className="row g-3">
        <div className="col-12 col-md-4">
          <HubInput id="event-date" name="date" type="date" label={t("operator.eventForm.date")} defaultValue={values.date} min={minDate} required error={e.date} />
        </div>
        <div className="col-6 col-md-2">
          <HubInput id="event-start" name="startTime" type="time" step={300} label={t("operator.eventForm.startTime")} defaultValue={values.startTime} required error={e.startTime} />
        </div>
        <div className="col-6 col-md-2">
          <HubInput id="event-end" name="endTime" type="time" step={300} label={t("operator.eventForm.endTime")} defaultValue={values.endTime} required error={e.endTime} />
        </div>
        <div className="col-12 col-md-4">
          <HubInput
            id="event-capacity"
            name="capacity"
            type="number"
            inputMode="numeric"
            min={1}
            max={EVENT_CAPACITY_MAX}
            label={t("operator.eventForm.capacity")}
            defaultValue={values.capacity}
            required
            error={e.capacity}
          />
        </div>
      </div>
      <p className="vc-hint">{t("operator.eventForm.timeHint")}</p>
      <button type="submit" className="btn btn-primary">
        {submitLabel}
      </button>
    </Form>
  );
}
