import type { UiLanguage } from "./languages";

/** namespace → its translations. */
type Bundle = Record<string, object>;

/**
 * The browser's translations, one language at a time: each bundle is its own chunk (a sixth of
 * shipping them all), fetched before the page hydrates. The language switcher reloads the page,
 * so a page never needs a second one.
 */
const loaders: Record<UiLanguage, () => Promise<{ default: Bundle }>> = {
  it: () => import("./bundles/it"),
  en: () => import("./bundles/en"),
  es: () => import("./bundles/es"),
  ar: () => import("./bundles/ar"),
  zh: () => import("./bundles/zh"),
  uk: () => import("./bundles/uk"),
};

export async function loadLanguageBundle(lng: UiLanguage): Promise<Bundle> {
  return (await loaders[lng]()).default;
}
