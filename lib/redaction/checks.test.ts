import { describe, expect, it } from "vitest";
import { ibanValid, luhnValid } from "@/lib/redaction/checks";

describe("luhnValid", () => {
  it("accepts real test card numbers and refuses one digit off", () => {
    for (const card of ["4111111111111111", "5555555555554444", "378282246310005", "6011111111111117"]) expect(luhnValid(card), card).toBe(true);
    for (const card of ["4111111111111112", "5555555555554443", "1234567812345678", ""]) expect(luhnValid(card), card).toBe(false);
  });
});

describe("ibanValid", () => {
  it("accepts IBANs whose mod-97 is 1 and refuses a changed digit or a bad shape", () => {
    for (const iban of ["DE89370400440532013000", "GB82WEST12345698765432", "FR1420041010050500013M02606", "NL91ABNA0417164300"]) expect(ibanValid(iban), iban).toBe(true);
    for (const iban of ["DE89370400440532013001", "GB82WEST12345698765433", "de89370400440532013000", "DE8937"]) expect(ibanValid(iban), iban).toBe(false);
  });
});
