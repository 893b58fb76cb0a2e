import { describe, expect, it } from "vitest";
import { FREE_MAIL_BRANDS, FREE_MAIL_DOMAINS } from "../src/matching/free-mail.js";
import {
  COUNTRY_CODES,
  acronymOf,
  domainFromEmail,
  domainFromWebsite,
  geoRegionOf,
  isFreeMailDomain,
  normalizeCompanyName,
  normalizeCountry,
  normalizeText,
} from "../src/matching/normalize.js";

describe("normalizeCompanyName", () => {
  it.each([
    "Acme, Inc.",
    "Acme Inc",
    "Acme Incorporated",
    "Acme Corp",
    "Acme Corp.",
    "Acme Corporation",
    "Acme LLC",
    "Acme L.L.C.",
    "Acme Ltd",
    "Acme Ltd.",
    "Acme Limited",
    "Acme GmbH",
    "Acme GmbH & Co. KG",
    "Acme GmbH & Co. KGaA",
    "Acme AG",
    "Acme AG & Co. KG",
    "Acme SE",
    "Acme S.A.",
    "Acme SA",
    "Acme S. A.",
    "Acme S.A.S.",
    "Acme SAS",
    "Acme SARL",
    "Acme S.à r.l.",
    "Acme S.p.A.",
    "Acme S.r.l.",
    "Acme B.V.",
    "Acme N.V.",
    "Acme Pty Ltd",
    "Acme Pty. Ltd.",
    "Acme PLC",
    "Acme LLP",
    "Acme Co.",
    "Acme Company",
    "Acme & Co.",
    "Acme Co., Ltd.",
    "Acme KK",
    "Acme AB",
    "Acme AB (publ)",
    "Acme Oy",
    "Acme Oyj",
    "Acme AS",
    "Acme A/S",
    "Acme ASA",
    "Acme ApS",
    "Acme Sp. z o.o.",
    "Acme Sp.z.o.o.",
    "Acme s.r.o.",
    "Acme Pte. Ltd.",
    "Acme Pvt. Ltd.",
    "Acme Ltda",
    "Acme Ltda.",
    "Acme S.L.",
    "Acme S.A. de C.V.",
    "Acme S. de R.L. de C.V.",
    "Acme Sdn. Bhd.",
    "Acme e.K.",
    "Acme UG (haftungsbeschränkt)",
    "ACME CORPORATION",
    "  Acme   Inc.  ",
    "The Acme Company",
  ])("%s → acme", (name) => {
    expect(normalizeCompanyName(name)).toBe("acme");
  });

  it("keeps words that are not legal forms", () => {
    expect(normalizeCompanyName("Acme Holdings Inc.")).toBe("acme holdings");
    expect(normalizeCompanyName("Acme Holdings GmbH & Co. KG")).toBe("acme holdings");
    expect(normalizeCompanyName("Acme Group AG")).toBe("acme group");
    expect(normalizeCompanyName("Acme International Co., Ltd.")).toBe("acme international");
  });

  it("turns & into and, keeping the words around it", () => {
    expect(normalizeCompanyName("Smith & Sons Ltd")).toBe("smith and sons");
    expect(normalizeCompanyName("Johnson & Johnson")).toBe("johnson and johnson");
    expect(normalizeCompanyName("AT&T Inc.")).toBe("at and t");
    expect(normalizeCompanyName("Procter&Gamble Co")).toBe("procter and gamble");
  });

  it("strips legal forms only at the end", () => {
    expect(normalizeCompanyName("Limited Brands Inc")).toBe("limited brands");
    expect(normalizeCompanyName("Corp Solutions")).toBe("corp solutions");
    expect(normalizeCompanyName("AG Insurance")).toBe("ag insurance");
  });

  it("folds diacritics and letters NFKD leaves alone", () => {
    expect(normalizeCompanyName("Müller GmbH")).toBe("muller");
    expect(normalizeCompanyName("Société Générale S.A.")).toBe("societe generale");
    expect(normalizeCompanyName("Straße AG")).toBe("strasse");
    expect(normalizeCompanyName("Ørsted A/S")).toBe("orsted");
    expect(normalizeCompanyName("Łódź Software Sp. z o.o.")).toBe("lodz software");
    expect(normalizeCompanyName("İstanbul Holding A.Ş.")).toBe("istanbul holding");
    expect(normalizeCompanyName("ＡＣＭＥ Ｉｎｃ")).toBe("acme"); // full-width (NFKD)
    expect(normalizeCompanyName("Ｅ\u0301cole")).toBe("ecole"); // decomposed accent
  });

  it("keeps letters and digits of every script", () => {
    expect(normalizeCompanyName("Москва-Сити ООО")).toBe("москва сити");
    expect(normalizeCompanyName("東京エレクトロン 株式会社")).toBe("東京エレクトロン");
    expect(normalizeCompanyName("삼성전자 주식회사")).toBe("삼성전자"); // Hangul recomposed after NFKD
    expect(normalizeCompanyName("ガンダム")).toBe("ガンダム"); // voiced kana recomposed
    expect(normalizeCompanyName("3M Company")).toBe("3m");
    expect(normalizeCompanyName("7-Eleven, Inc.")).toBe("7 eleven");
  });

  it("drops apostrophes and punctuation", () => {
    expect(normalizeCompanyName("McDonald's Corporation")).toBe("mcdonalds");
    expect(normalizeCompanyName("O’Reilly Media, Inc.")).toBe("oreilly media");
    expect(normalizeCompanyName("Amazon.com, Inc.")).toBe("amazon com");
    expect(normalizeCompanyName("J.P. Morgan Chase & Co.")).toBe("jp morgan chase");
    expect(normalizeCompanyName("\"Acme\" (Europe) — Ltd.")).toBe("acme europe");
  });

  it("drops a leading 'the' only when more words follow", () => {
    expect(normalizeCompanyName("The Coca-Cola Company")).toBe("coca cola");
    expect(normalizeCompanyName("The")).toBe("the");
    expect(normalizeCompanyName("Theatre Ltd")).toBe("theatre");
  });

  it("never strips the whole name", () => {
    expect(normalizeCompanyName("Company Ltd")).toBe("company");
    expect(normalizeCompanyName("The Company Ltd")).toBe("company");
    expect(normalizeCompanyName("Co. KG")).toBe("co");
    expect(normalizeCompanyName("Ltd.")).toBe("ltd");
    expect(normalizeCompanyName("LLC")).toBe("llc");
    expect(normalizeCompanyName("GmbH & Co. KG")).toBe("gmbh and co kg");
    expect(normalizeCompanyName("S.A.")).toBe("sa");
  });

  it("returns an empty key for names without letters or digits", () => {
    expect(normalizeCompanyName("")).toBe("");
    expect(normalizeCompanyName("   ")).toBe("");
    expect(normalizeCompanyName("--- & ---")).toBe("and");
  });
});

describe("acronymOf", () => {
  it("takes the initials of multi-word names, skipping 'and' and 'of'", () => {
    expect(acronymOf("international business machines")).toBe("ibm");
    expect(acronymOf("bank of america")).toBe("ba");
    expect(acronymOf("procter and gamble")).toBe("pg");
    expect(acronymOf("3 m")).toBe("3m");
    expect(acronymOf("東京 電力")).toBe("東電");
  });

  it("is null for one word", () => {
    expect(acronymOf("acme")).toBeNull();
    expect(acronymOf("acme and")).toBeNull();
    expect(acronymOf("")).toBeNull();
  });
});

describe("domainFromWebsite", () => {
  it.each([
    ["https://www.shop.acme.co.uk/x?y", "acme.co.uk"],
    ["acme.com", "acme.com"],
    ["ACME.COM/", "acme.com"],
    ["www.acme.de", "acme.de"],
    ["  http://Acme.com:8080/path  ", "acme.com"],
    ["https://user:pw@portal.acme.com.br/", "acme.com.br"],
    ["acme.com, acme.de", "acme.com"],
    ["acme.github.io", "acme.github.io"],
    ["https://www.münchen-ag.de/kontakt", "xn--mnchen-ag-q9a.de"],
    ["xn--mnchen-ag-q9a.de", "xn--mnchen-ag-q9a.de"],
  ])("%s → %s", (website, domain) => {
    expect(domainFromWebsite(website)).toBe(domain);
  });

  it.each([["http://localhost"], ["n/a"], ["-"], [""], ["   "], ["192.168.0.1"], ["http://10.0.0.1/x"], ["http://[::1]/"], ["acme"], ["acme.local"]])(
    "%s → null",
    (website) => {
      expect(domainFromWebsite(website)).toBeNull();
    },
  );

  it("is null for missing values", () => {
    expect(domainFromWebsite(null)).toBeNull();
    expect(domainFromWebsite(undefined)).toBeNull();
  });
});

describe("domainFromEmail", () => {
  it("returns the registrable domain of company addresses", () => {
    expect(domainFromEmail("jane@acme.com")).toBe("acme.com");
    expect(domainFromEmail("Jane.Doe@Mail.ACME.co.uk")).toBe("acme.co.uk");
    expect(domainFromEmail("Jane Doe <jane@acme.de>")).toBe("acme.de");
    expect(domainFromEmail(" jane@acme.com. ")).toBe("acme.com");
  });

  it("is null for invalid addresses", () => {
    for (const email of [null, undefined, "", "jane", "jane@", "@acme.com", "jane@acme", "jane doe@acme.com", "a@b@acme.com", "jane@[10.0.0.1]", "jane@10.0.0.1"]) {
      expect(domainFromEmail(email)).toBeNull();
    }
  });

  it("is null for free-mail providers, their country variants and subdomains", () => {
    for (const email of [
      "x@gmail.com",
      "x@googlemail.com",
      "x@yahoo.com",
      "x@yahoo.co.uk",
      "x@mail.yahoo.com",
      "x@yahoo.com.br",
      "x@hotmail.fr",
      "x@outlook.de",
      "x@live.co.uk",
      "x@msn.com",
      "x@aol.com",
      "x@icloud.com",
      "x@me.com",
      "x@mac.com",
      "x@gmx.net",
      "x@gmx.at",
      "x@web.de",
      "x@t-online.de",
      "x@freenet.de",
      "x@mail.ru",
      "x@yandex.ru",
      "x@yandex.com",
      "x@protonmail.com",
      "x@proton.me",
      "x@zohomail.com",
      "x@qq.com",
      "x@163.com",
      "x@126.com",
      "x@naver.com",
      "x@orange.fr",
      "x@free.fr",
      "x@laposte.net",
      "x@libero.it",
      "x@virgilio.it",
      "x@btinternet.com",
      "x@sky.com",
      "x@comcast.net",
      "x@verizon.net",
      "x@att.net",
      "x@rediffmail.com",
    ]) {
      expect(domainFromEmail(email), email).toBeNull();
    }
  });
});

describe("isFreeMailDomain", () => {
  it("matches on the registrable domain", () => {
    expect(isFreeMailDomain("gmail.com")).toBe(true);
    expect(isFreeMailDomain("GMAIL.COM")).toBe(true);
    expect(isFreeMailDomain("mail.yahoo.com")).toBe(true);
    expect(isFreeMailDomain("yahoo.co.jp")).toBe(true);
    expect(isFreeMailDomain("hotmail.co.uk")).toBe(true);
    expect(isFreeMailDomain("acme.com")).toBe(false);
    expect(isFreeMailDomain("mail.acme.com")).toBe(false);
    // Exact-domain entries do not spread to other suffixes.
    expect(isFreeMailDomain("web.com")).toBe(false);
    expect(isFreeMailDomain("sky.de")).toBe(false);
    expect(isFreeMailDomain("")).toBe(false);
  });

  it("holds a curated list of about 100 providers, all in lower case", () => {
    const all = [...FREE_MAIL_BRANDS, ...FREE_MAIL_DOMAINS];
    expect(all.length).toBeGreaterThanOrEqual(80);
    for (const entry of all) expect(entry).toBe(entry.toLowerCase());
    for (const domain of FREE_MAIL_DOMAINS) expect(isFreeMailDomain(domain), domain).toBe(true);
  });
});

describe("normalizeCountry", () => {
  it.each([
    ["Germany", "DE"],
    ["germany", "DE"],
    ["Deutschland", "DE"],
    ["Allemagne", "DE"],
    ["Alemania", "DE"],
    ["DE", "DE"],
    ["de", "DE"],
    ["DEU", "DE"],
    ["deu", "DE"],
    ["276", "DE"],
    ["USA", "US"],
    ["U.S.", "US"],
    ["U.S.A.", "US"],
    ["U. S. A.", "US"],
    ["United States", "US"],
    ["United States of America", "US"],
    ["America", "US"],
    ["Vereinigte Staaten", "US"],
    ["Estados Unidos", "US"],
    ["UK", "GB"],
    ["U.K.", "GB"],
    ["United Kingdom", "GB"],
    ["Great Britain", "GB"],
    ["England", "GB"],
    ["Scotland", "GB"],
    ["Wales", "GB"],
    ["Royaume-Uni", "GB"],
    ["Holland", "NL"],
    ["The Netherlands", "NL"],
    ["Niederlande", "NL"],
    ["Pays-Bas", "NL"],
    ["Países Bajos", "NL"],
    ["Korea", "KR"],
    ["South Korea", "KR"],
    ["Republic of Korea", "KR"],
    ["North Korea", "KP"],
    ["Russia", "RU"],
    ["Russian Federation", "RU"],
    ["UAE", "AE"],
    ["U.A.E.", "AE"],
    ["United Arab Emirates", "AE"],
    ["Czech Republic", "CZ"],
    ["Czechia", "CZ"],
    ["Tschechien", "CZ"],
    ["Türkiye", "TR"],
    ["Turkey", "TR"],
    ["Türkei", "TR"],
    ["Viet Nam", "VN"],
    ["Vietnam", "VN"],
    ["Schweiz", "CH"],
    ["Suisse", "CH"],
    ["Österreich", "AT"],
    ["España", "ES"],
    ["Espagne", "ES"],
    ["Spanien", "ES"],
    ["México", "MX"],
    ["Brasil", "BR"],
    ["Côte d'Ivoire", "CI"],
    ["Ivory Coast", "CI"],
    ["Hong Kong", "HK"],
    ["Taiwan", "TW"],
    ["Kosovo", "XK"],
    ["  france  ", "FR"],
    ["California (US)", "US"],
    ["Bavaria (DE)", "DE"],
    ["Ontario (CA)", "CA"],
    ["New South Wales (AUS)", "AU"],
    ["Georgia (US)", "US"],
    ["Georgia", "GE"],
  ])("%s → %s", (input, code) => {
    expect(normalizeCountry(input)).toBe(code);
  });

  it.each([[null], [undefined], [""], ["  "], ["California"], ["Bavaria"], ["XX"], ["XYZ"], ["999"], ["Atlantis"], ["Europe"], ["n/a"], ["State (XX)"]])(
    "%s → null",
    (input) => {
      expect(normalizeCountry(input)).toBeNull();
    },
  );

  it("round-trips every alpha-2 code", () => {
    expect(COUNTRY_CODES).toHaveLength(250);
    for (const code of COUNTRY_CODES) expect(normalizeCountry(code.toLowerCase())).toBe(code);
  });
});

describe("geoRegionOf", () => {
  it.each([
    ["US", "NA"],
    ["CA", "NA"],
    ["MX", "LATAM"],
    ["BR", "LATAM"],
    ["PA", "LATAM"],
    ["JM", "LATAM"],
    ["PR", "LATAM"],
    ["DE", "EMEA"],
    ["GB", "EMEA"],
    ["AE", "EMEA"],
    ["IL", "EMEA"],
    ["ZA", "EMEA"],
    ["NG", "EMEA"],
    ["RU", "EMEA"],
    ["TR", "EMEA"],
    ["IN", "APAC"],
    ["JP", "APAC"],
    ["CN", "APAC"],
    ["SG", "APAC"],
    ["AU", "APAC"],
    ["NZ", "APAC"],
    ["fj", "APAC"],
  ])("%s → %s", (code, region) => {
    expect(geoRegionOf(code)).toBe(region);
  });

  it("is null for null and unknown codes", () => {
    expect(geoRegionOf(null)).toBeNull();
    expect(geoRegionOf(undefined)).toBeNull();
    expect(geoRegionOf("")).toBeNull();
    expect(geoRegionOf("XX")).toBeNull();
    expect(geoRegionOf("USA")).toBeNull();
  });

  it("maps every alpha-2 code i18n-iso-countries knows", () => {
    const unmapped = COUNTRY_CODES.filter((code) => geoRegionOf(code) === null);
    expect(unmapped).toEqual([]);
  });
});

describe("normalizeText", () => {
  it("strips tags, comments, scripts and styles", () => {
    expect(normalizeText("<p>Migration of <b>SAP</b> to AWS</p><p>Phase&nbsp;2</p>")).toBe("Migration of SAP to AWS Phase 2");
    expect(normalizeText("line one<br>line two<br/>line three")).toBe("line one line two line three");
    expect(normalizeText('<div class="x"><ul><li>a</li><li>b</li></ul></div>')).toBe("a b");
    expect(normalizeText("<p>x<!-- note --></p><script>alert(1)</script><style>p{}</style>y")).toBe("x y");
    expect(normalizeText("<span>Hel</span>lo")).toBe("Hello");
  });

  it("decodes entities", () => {
    expect(normalizeText("R&amp;D &lt;team&gt; &quot;A&quot; &#39;B&#39; &#x263A; &#8364;")).toBe("R&D <team> \"A\" 'B' ☺ €");
    expect(normalizeText("M&uuml;ller &Eacute;cole &ccedil;a &szlig; &ndash; &hellip;")).toBe("Müller École ça ß – …");
    expect(normalizeText("&unknown; &#0; &")).toBe("&unknown; &#0; &");
    // Decoded text is not parsed again.
    expect(normalizeText("&lt;b&gt;bold&lt;/b&gt;")).toBe("<b>bold</b>");
  });

  it("leaves plain text and comparisons alone, collapsing whitespace", () => {
    expect(normalizeText("  a < b and c > d \n\t e  ")).toBe("a < b and c > d e");
  });

  it("returns null for empty results", () => {
    expect(normalizeText(null)).toBeNull();
    expect(normalizeText(undefined)).toBeNull();
    expect(normalizeText("")).toBeNull();
    expect(normalizeText("  \n ")).toBeNull();
    expect(normalizeText("<p><br></p>")).toBeNull();
    expect(normalizeText("&nbsp;")).toBeNull();
  });
});
