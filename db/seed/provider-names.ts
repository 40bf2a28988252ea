import type { LanguageCode } from "../../app/domain/search/search-options.js";

/**
 * Where a demo provider comes from, with the names and languages that go with it. Milan's home
 * care workforce is largely made of migrant women (Romania, the Philippines, Peru and Ecuador,
 * Ukraine, Sri Lanka, Egypt and Morocco, China, Albania, Bangladesh); the weights give about
 * 30% non-Italian names, as the brief for the demo data asks.
 *
 * Languages: the first is the native one; each extra comes with the given probability.
 * Sinhala has no code in the search filters, so Sri Lankan providers list English and Italian.
 */
export interface Origin {
  key: string;
  weight: number;
  female: readonly string[];
  male: readonly string[];
  surnames: readonly string[];
  languages: ReadonlyArray<{ code: LanguageCode; probability: number }>;
}

export const migrantOrigins: readonly Origin[] = [
  {
    key: "romanian",
    weight: 6,
    female: ["Elena", "Maria", "Ioana", "Andreea", "Mihaela", "Gabriela", "Florentina", "Daniela", "Cristina", "Alina", "Simona", "Loredana"],
    male: ["Ion", "Mihai", "Andrei", "Florin", "Gheorghe", "Adrian"],
    surnames: ["Popescu", "Ionescu", "Popa", "Constantin", "Stan", "Dumitru", "Munteanu", "Rusu", "Lungu", "Ciobanu", "Marin", "Stoica"],
    languages: [
      { code: "ro", probability: 1 },
      { code: "it", probability: 0.97 },
      { code: "en", probability: 0.2 },
      { code: "fr", probability: 0.08 },
    ],
  },
  {
    key: "filipino",
    weight: 5,
    female: ["Maricel", "Rowena", "Jocelyn", "Marites", "Analyn", "Rosalie", "Lorna", "Jennifer", "Mary Grace", "Divina", "Imelda", "Cherry"],
    male: ["Jose", "Rodel", "Ramon", "Arnel", "Jun", "Mark Anthony"],
    surnames: ["Santos", "Reyes", "Cruz", "Bautista", "Garcia", "Mendoza", "Dela Cruz", "Villanueva", "Ramos", "Aquino", "Castillo", "Manalo"],
    languages: [
      { code: "tl", probability: 1 },
      { code: "it", probability: 0.9 },
      { code: "en", probability: 0.9 },
    ],
  },
  {
    key: "peruvian-ecuadorian",
    weight: 5,
    female: ["Rosa", "Carmen", "María Elena", "Gladys", "Milagros", "Lucía", "Patricia", "Sonia", "Janeth", "Flor", "Yolanda", "Maribel"],
    male: ["Luis", "Jorge", "Carlos", "Juan Carlos", "Wilson", "Edison"],
    surnames: ["Quispe", "Mamani", "Flores", "Huamán", "Rojas", "Torres", "Vargas", "Chávez", "Guamán", "Zambrano", "Cedeño", "Paredes"],
    languages: [
      { code: "es", probability: 1 },
      { code: "it", probability: 0.95 },
      { code: "en", probability: 0.1 },
    ],
  },
  {
    key: "ukrainian",
    weight: 4,
    female: ["Olena", "Oksana", "Nataliia", "Iryna", "Halyna", "Svitlana", "Tetiana", "Liudmyla", "Mariia", "Yuliia", "Larysa", "Nadiia"],
    male: ["Oleksandr", "Mykola", "Vasyl", "Andrii", "Ivan", "Serhii"],
    surnames: ["Kovalenko", "Shevchenko", "Bondarenko", "Tkachenko", "Kravchenko", "Melnyk", "Boiko", "Oliinyk", "Lysenko", "Moroz", "Savchenko", "Rudenko"],
    languages: [
      { code: "uk", probability: 1 },
      { code: "it", probability: 0.85 },
      { code: "ru", probability: 0.65 },
      { code: "en", probability: 0.2 },
    ],
  },
  {
    key: "north-african",
    weight: 3,
    female: ["Fatima", "Khadija", "Amina", "Samira", "Nadia", "Rachida", "Zineb", "Mariam", "Hanan", "Souad", "Naima", "Yasmine"],
    male: ["Mohamed", "Ahmed", "Youssef", "Karim", "Mustafa", "Hassan"],
    surnames: ["El Amrani", "Benali", "Bennani", "Mansour", "Abdelrahman", "El Sayed", "Ibrahim", "Mahmoud", "Naciri", "Tazi", "Farouk", "Haddad"],
    languages: [
      { code: "ar", probability: 1 },
      { code: "it", probability: 0.95 },
      { code: "fr", probability: 0.4 },
      { code: "en", probability: 0.15 },
    ],
  },
  {
    key: "sri-lankan",
    weight: 3,
    female: ["Nirosha", "Dilini", "Chamari", "Sanduni", "Kumari", "Malini", "Anusha", "Nadeeka", "Priyanka", "Tharanga"],
    male: ["Nuwan", "Chaminda", "Ruwan", "Sampath", "Kasun"],
    surnames: ["Perera", "Fernando", "De Silva", "Jayasinghe", "Wickramasinghe", "Gunawardena", "Bandara", "Dissanayake", "Herath", "Ratnayake"],
    languages: [
      { code: "it", probability: 1 },
      { code: "en", probability: 0.95 },
    ],
  },
  {
    key: "chinese",
    weight: 2,
    female: ["Xiaoling", "Mei", "Jing", "Yan", "Hui", "Lili", "Fang", "Min", "Xiaoyan", "Ying"],
    male: ["Wei", "Jun", "Hao", "Lei", "Ming"],
    surnames: ["Hu", "Zhou", "Chen", "Wang", "Zhang", "Lin", "Ye", "Xu", "Jin", "Zheng", "Wu"],
    languages: [
      { code: "zh", probability: 1 },
      { code: "it", probability: 0.9 },
      { code: "en", probability: 0.3 },
    ],
  },
  {
    key: "albanian",
    weight: 1.5,
    female: ["Elona", "Ermira", "Blerina", "Anila", "Valbona", "Mirela", "Arjola", "Klodiana", "Etleva"],
    male: ["Arben", "Ilir", "Gentian", "Besnik"],
    surnames: ["Hoxha", "Shehu", "Gashi", "Dervishi", "Kola", "Leka", "Basha", "Duka"],
    languages: [
      { code: "sq", probability: 1 },
      { code: "it", probability: 1 },
      { code: "en", probability: 0.2 },
    ],
  },
  {
    key: "bangladeshi",
    weight: 0.5,
    female: ["Nasrin", "Shirin", "Rupa", "Sumaiya", "Taslima", "Farzana"],
    male: ["Rahim", "Hasan", "Karim", "Sohel", "Rubel"],
    surnames: ["Rahman", "Hossain", "Islam", "Ahmed", "Akter", "Begum", "Uddin", "Khan"],
    languages: [
      { code: "bn", probability: 1 },
      { code: "it", probability: 0.85 },
      { code: "en", probability: 0.7 },
    ],
  },
];

/**
 * Italian providers, weight 70 against 30 for the rest. Common first names (faker's Italian list
 * is full of rare ones such as "Solocone"); surnames come from faker's Italian locale.
 */
export const italianOrigin = {
  key: "italian",
  weight: 70,
  female: [
    "Giulia", "Francesca", "Chiara", "Sara", "Martina", "Valentina", "Alessandra", "Silvia", "Elisa", "Federica",
    "Laura", "Paola", "Elena", "Anna", "Maria", "Giorgia", "Roberta", "Cristina", "Monica", "Daniela",
    "Alice", "Beatrice", "Camilla", "Sofia", "Marta", "Ilaria", "Serena", "Barbara", "Simona", "Lucia",
  ],
  male: [
    "Marco", "Luca", "Andrea", "Matteo", "Alessandro", "Davide", "Simone", "Francesco", "Lorenzo", "Stefano",
    "Giuseppe", "Paolo", "Riccardo", "Federico", "Giovanni", "Roberto", "Tommaso", "Fabio", "Nicola", "Michele",
  ],
  languages: [
    { code: "it", probability: 1 },
    { code: "en", probability: 0.45 },
    { code: "fr", probability: 0.1 },
    { code: "es", probability: 0.08 },
  ],
} as const satisfies Omit<Origin, "surnames">;

/** Invented organisation names (any match with a real body is a coincidence). */
export const organisationCores = [
  "Il Melograno",
  "Arcobaleno",
  "Filo d'Arianna",
  "Casa Comune",
  "Mani Amiche",
  "Il Quadrifoglio",
  "Nuovi Orizzonti",
  "La Bussola",
  "Il Seme",
  "Passo dopo Passo",
  "La Lanterna",
  "Tempo Insieme",
  "Il Glicine",
  "Cortile Aperto",
  "La Ringhiera",
  "Vicini di Casa",
] as const;

export const organisationPrefixes = [
  { value: "Cooperativa Sociale", weight: 6 },
  { value: "Associazione", weight: 3 },
  { value: "Associazione di Volontariato", weight: 1 },
] as const;
