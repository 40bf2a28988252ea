import type { Faker } from "@faker-js/faker";
import type { LanguageCode } from "../../app/domain/search/search-options.js";
import type { CategorySlug } from "./catalogue.js";

/**
 * Demo bios in Italian and English, 2–3 sentences assembled from templates. This is content a
 * provider would have written, not page text, so it does not belong in the locale files.
 */

export interface BioSubject {
  kind: "individual" | "organisation";
  /** First name for a person, full name for an organisation. */
  name: string;
  female: boolean;
  categories: readonly CategorySlug[];
  yearsExperience: number;
  languages: readonly LanguageCode[];
  minorsCheck: boolean;
  /** Short name of the home quartiere, e.g. "Niguarda". */
  area: string;
}

const roles: Record<CategorySlug, { it: string; en: string }> = {
  babysitter: { it: "babysitter", en: "babysitter" },
  badante: { it: "badante", en: "home carer for older people" },
  colf: { it: "colf", en: "housekeeper" },
  doposcuola: { it: "tutor per il doposcuola", en: "after-school tutor" },
  "pet-sitter": { it: "pet sitter", en: "pet sitter" },
  "assistenza-disabili": { it: "assistente per persone con disabilità", en: "disability support assistant" },
  "servizio-condominiale": { it: "assistente per i servizi condominiali", en: "shared-services helper for condominiums" },
};

const activities: Record<CategorySlug, { it: string; en: string }> = {
  babysitter: { it: "servizi di babysitting", en: "babysitting" },
  badante: { it: "assistenza domiciliare agli anziani", en: "home care for older people" },
  colf: { it: "pulizie e cura della casa", en: "cleaning and housekeeping" },
  doposcuola: { it: "doposcuola e aiuto compiti", en: "after-school homework help" },
  "pet-sitter": { it: "pet sitting e passeggiate con i cani", en: "pet sitting and dog walking" },
  "assistenza-disabili": { it: "assistenza a persone con disabilità", en: "support for people with disabilities" },
  "servizio-condominiale": { it: "servizi condivisi per i condomini", en: "shared services for condominiums" },
};

const experienceContext: Record<CategorySlug, { it: string; en: string }> = {
  babysitter: { it: "con bambini da 0 a 12 anni", en: "with children aged 0 to 12" },
  badante: { it: "con persone anziane, anche non autosufficienti", en: "with older people, including those who need full-time care" },
  colf: { it: "in famiglie e uffici", en: "in family homes and offices" },
  doposcuola: { it: "con ragazzi delle elementari e delle medie", en: "with primary and middle school pupils" },
  "pet-sitter": { it: "con cani e gatti di ogni taglia", en: "with dogs and cats of every size" },
  "assistenza-disabili": { it: "con persone con disabilità fisiche e cognitive", en: "with people with physical and cognitive disabilities" },
  "servizio-condominiale": { it: "nei servizi per i condomini", en: "in services for condominiums" },
};

const languageNames: Record<LanguageCode, { it: string; en: string }> = {
  it: { it: "italiano", en: "Italian" },
  en: { it: "inglese", en: "English" },
  es: { it: "spagnolo", en: "Spanish" },
  fr: { it: "francese", en: "French" },
  ar: { it: "arabo", en: "Arabic" },
  zh: { it: "cinese", en: "Chinese" },
  uk: { it: "ucraino", en: "Ukrainian" },
  ro: { it: "rumeno", en: "Romanian" },
  ru: { it: "russo", en: "Russian" },
  tl: { it: "tagalog", en: "Tagalog" },
  pt: { it: "portoghese", en: "Portuguese" },
  sq: { it: "albanese", en: "Albanian" },
  bn: { it: "bengalese", en: "Bengali" },
};

function joinList(items: readonly string[], and: string): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} ${and} ${items[items.length - 1]}`;
}

/** "Cooperativa Sociale X" → "La Cooperativa Sociale X", "Associazione X" → "L'Associazione X". */
function withItalianArticle(name: string): string {
  if (name.startsWith("Cooperativa")) return `La ${name}`;
  if (name.startsWith("Associazione")) return `L'${name}`;
  return name;
}

/** Italian "a" becomes "ad" before a word starting with a ("ad Affori"). */
const inPlace = (place: string) => (/^a/i.test(place) ? `ad ${place}` : `a ${place}`);

const capitalise = (text: string) => text.charAt(0).toUpperCase() + text.slice(1);
const article = (noun: string) => (/^[aeiou]/i.test(noun) ? `an ${noun}` : `a ${noun}`);

function individualItalian(f: Faker, s: BioSubject): string {
  const roleList = joinList(s.categories.map((c) => roles[c].it), "e");
  const main = s.categories[0]!;
  const intro = f.helpers.arrayElement([
    `Ciao, sono ${s.name} e lavoro come ${roleList} ${inPlace(s.area)} e nei quartieri vicini.`,
    `Mi chiamo ${s.name}, sono ${roleList} nella zona di ${s.area}.`,
    ...(s.categories.length <= 2 ? [`Sono ${s.name} e offro ${joinList(s.categories.map((c) => activities[c].it), "e")} ${inPlace(s.area)} e dintorni.`] : []),
  ]);
  const experience =
    s.yearsExperience === 0
      ? f.helpers.arrayElement(["Sto iniziando in questo lavoro e ho tanta voglia di imparare.", "Ho appena iniziato, ma ho già esperienza in famiglia."])
      : s.yearsExperience === 1
        ? `Ho un anno di esperienza ${experienceContext[main].it}.`
        : `Ho ${s.yearsExperience} anni di esperienza ${experienceContext[main].it}.`;
  const extras = [
    s.languages.length > 1 ? `Parlo ${joinList(s.languages.map((l) => languageNames[l].it), "e")}.` : null,
    s.minorsCheck ? "Ho il certificato del casellario giudiziale aggiornato." : null,
    `Sono puntuale, paziente e ${s.female ? "precisa" : "preciso"}.`,
    `Ho la patente e sono ${s.female ? "automunita" : "automunito"}.`,
  ].filter((x): x is string => x !== null);
  const closing = f.datatype.boolean({ probability: 0.65 }) ? ` ${f.helpers.arrayElement(extras)}` : "";
  return `${intro} ${experience}${closing}`;
}

function individualEnglish(f: Faker, s: BioSubject): string {
  const roleList = s.categories.map((c) => roles[c].en);
  const main = s.categories[0]!;
  const intro = f.helpers.arrayElement([
    `Hi, I'm ${s.name} and I work as ${article(joinList(roleList, "and"))} in ${s.area} and nearby.`,
    `I'm ${s.name}, ${article(joinList(roleList, "and"))} based in ${s.area}.`,
    ...(s.categories.length <= 2 ? [`I'm ${s.name} and I offer ${joinList(s.categories.map((c) => activities[c].en), "and")} in and around ${s.area}.`] : []),
  ]);
  const experience =
    s.yearsExperience === 0
      ? "I'm new to this work and eager to learn."
      : `I have ${s.yearsExperience === 1 ? "one year" : `${s.yearsExperience} years`} of experience ${experienceContext[main].en}.`;
  const extras = [
    s.languages.length > 1 ? `I speak ${joinList(s.languages.map((l) => languageNames[l].en), "and")}.` : null,
    s.minorsCheck ? "I hold an up-to-date criminal record certificate." : null,
    "I'm punctual, patient and reliable.",
    "I have a driving licence and my own car.",
  ].filter((x): x is string => x !== null);
  const closing = f.datatype.boolean({ probability: 0.65 }) ? ` ${f.helpers.arrayElement(extras)}` : "";
  return `${intro} ${experience}${closing}`;
}

function organisationItalian(f: Faker, s: BioSubject): string {
  const offer = joinList(s.categories.map((c) => activities[c].it), "e");
  const closing = f.helpers.arrayElement([
    s.languages.length > 1 ? ` I nostri operatori parlano ${joinList(s.languages.map((l) => languageNames[l].it), "e")}.` : "",
    " Il primo colloquio è gratuito.",
    "",
  ]);
  return (
    `${withItalianArticle(s.name)} offre ${offer} ${inPlace(s.area)} e nei quartieri vicini. ` +
    `Lavoriamo a Milano da ${s.yearsExperience} anni con operatori formati e un referente dedicato a ogni famiglia.${closing}`
  );
}

function organisationEnglish(f: Faker, s: BioSubject): string {
  const offer = joinList(s.categories.map((c) => activities[c].en), "and");
  const closing = f.helpers.arrayElement([
    s.languages.length > 1 ? ` Our staff speak ${joinList(s.languages.map((l) => languageNames[l].en), "and")}.` : "",
    " The first meeting is free.",
    "",
  ]);
  return (
    `${s.name} offers ${offer} in ${s.area} and nearby neighbourhoods. ` +
    `We have worked in Milan for ${s.yearsExperience} years with trained staff and a coordinator for every family.${closing}`
  );
}

/** Italian always; English for about half (pass `withEnglish`). */
export function writeBio(f: Faker, subject: BioSubject, withEnglish: boolean): { it: string; en?: string } {
  const it = subject.kind === "organisation" ? organisationItalian(f, subject) : individualItalian(f, subject);
  if (!withEnglish) return { it: capitalise(it) };
  const en = subject.kind === "organisation" ? organisationEnglish(f, subject) : individualEnglish(f, subject);
  return { it: capitalise(it), en: capitalise(en) };
}
