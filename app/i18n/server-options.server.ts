import type { InitOptions } from "i18next";
import { i18nOptions } from "./config";
import { resources } from "./resources";

/** The shared i18next options with every language's translations (the server has them all at hand). */
export const serverI18nOptions = { ...i18nOptions, resources } satisfies InitOptions;
