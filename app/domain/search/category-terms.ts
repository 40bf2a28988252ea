/**
 * Words people use for each service, in the languages Vicinato serves. This is index data,
 * not page text: it lets "tata", "nanny" or "niñera" find babysitters. Labels shown on pages
 * live in the locale files.
 */
export const categoryTerms: Record<string, string[]> = {
  babysitter: ["babysitter", "baby sitter", "tata", "bambinaia", "nanny", "childcare", "niñera", "canguro", "مربية", "保姆", "няня"],
  badante: ["badante", "assistente familiare", "carer", "caregiver", "care worker", "elderly care", "anziani", "cuidadora", "رعاية المسنين", "护工", "доглядальниця", "доглядач"],
  colf: ["colf", "collaboratrice domestica", "pulizie", "home helper", "housekeeper", "cleaner", "limpieza", "empleada doméstica", "تنظيف", "家政", "прибирання", "хатня робітниця"],
  doposcuola: ["doposcuola", "compiti", "ripetizioni", "after-school", "homework help", "tutoring", "tutor", "apoyo escolar", "دروس", "课后辅导", "репетитор", "продовжений день"],
  "pet-sitter": ["pet sitter", "pet-sitter", "dog sitter", "dog walker", "animali", "cani", "gatti", "paseador de perros", "حيوانات", "宠物", "вигул собак"],
  "assistenza-disabili": ["assistenza disabili", "disabilità", "disability support", "personal assistant", "accompagnamento", "asistencia discapacidad", "إعاقة", "残障", "інвалідність"],
  "servizio-condominiale": ["servizio condominiale", "condominio", "servizio condiviso", "shared service", "condominium", "building", "servicio compartido", "خدمة مشتركة", "共享服务", "спільна послуга"],
};

export function termsForCategories(slugs: readonly string[]): string[] {
  return slugs.flatMap((slug) => categoryTerms[slug] ?? [slug]);
}
