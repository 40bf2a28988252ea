/**
 * The columns of a new draft profile that nobody has filled in yet: no languages, base point,
 * radius, introduction or photo. The person creating the draft (or the organisation adding a
 * worker) adds who it is, and the wizard the rest.
 */
export const blankDraftColumns = {
  status: "draft",
  languages: [] as string[],
  quartiere_id: null,
  lat: null,
  lng: null,
  service_radius_m: 0,
  bio: "{}",
  years_experience: 0,
  photo_url: null,
} as const;
