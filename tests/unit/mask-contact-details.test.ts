import { describe, expect, it } from "vitest";
import { maskContactDetails, maskedText } from "../../app/domain/messaging/mask-contact-details";

const show = (text: string) => maskedText(text, (kind) => `[${kind}]`);

describe("masking contact details in messages before a booking is confirmed", () => {
  it.each([
    ["+39 347 123 4567", "[phone]"],
    ["+393471234567", "[phone]"],
    ["0039 347 1234567", "[phone]"],
    ["347-1234567", "[phone]"],
    ["347 1234567", "[phone]"],
    ["3471234567", "[phone]"],
    ["347.123.4567", "[phone]"],
    ["347 12 34 567", "[phone]"],
    ["347-12-14-567", "[phone]"],
    ["3 4 7 1 2 3 4 5 6 7", "[phone]"],
    ["02 1234 5678", "[phone]"],
    ["02/12345678", "[phone]"],
    ["(02) 12345678", "[phone]"],
    ["02-1234-5678", "[phone]"],
    ["0371 123456", "[phone]"],
    ["+44 20 7946 0958", "[phone]"],
    ["+380 67 123 4567", "[phone]"],
    ["+86 138 0013 8000", "[phone]"],
    ["800 123 456", "[phone]"],
    ["347/1234567", "[phone]"],
    ["+39 (347) 123-4567", "[phone]"],
    ["02.1234.5678", "[phone]"],
  ])("hides the phone number %s", (number, expected) => {
    expect(show(`Chiamami al ${number} quando vuoi.`)).toBe(`Chiamami al ${expected} quando vuoi.`);
  });

  it.each([
    "mario.rossi@gmail.com",
    "Mario.Rossi85@libero.it",
    "anna+vicinato@example.co.uk",
    "mario @ gmail.com",
    "mario at gmail dot com",
    "mario.rossi at gmail.com",
    "mario (at) gmail (dot) com",
    "mario[at]gmail[dot]it",
    "mario chiocciola libero punto it",
    "mario {at} libero {dot} it",
    "mario at gmail",
    "giulia arroba hotmail punto com",
    "mario . rossi @ gmail . com",
  ])("hides the e-mail address %s", (address) => {
    expect(show(`Scrivimi: ${address}, ciao`)).toBe("Scrivimi: [email], ciao");
  });

  it.each([
    "https://example.org/chi-sono",
    "http://www.babysitter-milano.it",
    "www.mariarossi.it",
    "mariarossi.it",
    "wa.me/393471234567",
    "t.me/mariarossi",
    "instagram.com/maria.rossi",
    "@maria.rossi_92",
  ])("hides the link or handle %s", (link) => {
    expect(show(`Trovi tutto qui ${link} grazie`)).toBe("Trovi tutto qui [link] grazie");
  });

  it("hides several details in one message and keeps the words around them", () => {
    const result = maskContactDetails("Sono Anna, 347 123 4567 oppure anna@example.it.\nA presto!");
    expect(result.masked).toBe(true);
    expect(result.parts).toEqual([
      { text: "Sono Anna, " },
      { hidden: "phone" },
      { text: " oppure " },
      { hidden: "email" },
      { text: ".\nA presto!" },
    ]);
  });

  it.each([
    "Va bene alle 16:30, fino alle 19.00.",
    "Il prezzo è €12,50 l'ora, quindi 37,50 € a pomeriggio.",
    "Costo totale 1.200,00 euro al mese.",
    "Dal 12/03/2025 al 15.03.2025, poi 2025-04-01.",
    "Lunedì 9-13 14-18, martedì 8 – 12.",
    "Ho due bambini di 3 e 7 anni, 10 ore a settimana.",
    "Abito in via Dante 12, 20121 Milano.",
    "Siamo al terzo piano, interno 14, scala B.",
    "Anni 2024 e 2025, circa 300 ore.",
    "Il bimbo pesa 18,5 kg ed è alto 110 cm.",
    "Ci vediamo at home? Ok, a presto.",
    "Grazie. Come sta la nonna?",
    "Ho letto il punto 3 del contratto, va bene.",
    "Tutt@ benvenut@! Domande? Scrivi qui.",
    "Prezzo 15 € + 2 € di rimborso, dalle 8.30 alle 12.30 e 14.30-18.30.",
    "Codice fiscale RSSMRA80A01F205X.",
    "",
  ])("leaves ordinary text alone: %j", (text) => {
    const result = maskContactDetails(text);
    expect(result.masked).toBe(false);
    expect(show(text)).toBe(text);
  });

  it("keeps the text exactly as written when nothing is hidden, line breaks included", () => {
    expect(maskContactDetails("Ciao!\n\nA domani alle 16:30.").parts).toEqual([{ text: "Ciao!\n\nA domani alle 16:30." }]);
  });

  it("hides a number written next to a time or a price without hiding them", () => {
    expect(show("Alle 16:30 chiamami al 347 123 4567, costo €12,50.")).toBe("Alle 16:30 chiamami al [phone], costo €12,50.");
  });

  it("works on non-Latin text around the details", () => {
    expect(show("Мій номер +380 67 123 4567, пишіть")).toBe("Мій номер [phone], пишіть");
    expect(show("我的邮箱 li.wei@example.com 谢谢")).toBe("我的邮箱 [email] 谢谢");
    expect(show("رقمي 347 123 4567 شكرا")).toBe("رقمي [phone] شكرا");
  });
});
