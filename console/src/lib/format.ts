/** Numbers and dates for the reader's locale (navigator.language unless a test passes one). */
export function formatters(locale?: string) {
  const number = new Intl.NumberFormat(locale, { maximumFractionDigits: 2 });
  const integer = new Intl.NumberFormat(locale, { maximumFractionDigits: 0 });
  const percent = new Intl.NumberFormat(locale, { style: "percent", maximumFractionDigits: 0 });
  const signed = new Intl.NumberFormat(locale, { maximumFractionDigits: 2, signDisplay: "exceptZero" });
  const date = new Intl.DateTimeFormat(locale, { dateStyle: "medium", timeStyle: "short" });
  return {
    number: (n: number | null | undefined) => (n == null ? "–" : number.format(n)),
    integer: (n: number | null | undefined) => (n == null ? "–" : integer.format(n)),
    /** A share in [0, 1] as a percentage. */
    percent: (n: number | null | undefined) => (n == null ? "–" : percent.format(n)),
    signed: (n: number | null | undefined) => (n == null ? "–" : signed.format(n)),
    /** US dollars, with enough digits for fractions of a cent (model costs). */
    usd: (n: number | null | undefined) =>
      n == null ? "–" : new Intl.NumberFormat(locale, { style: "currency", currency: "USD", maximumSignificantDigits: n !== 0 && Math.abs(n) < 0.01 ? 2 : undefined, minimumFractionDigits: n !== 0 && Math.abs(n) < 0.01 ? undefined : 2 }).format(n),
    money: (n: number | null | undefined, currency = "USD") => (n == null ? "–" : new Intl.NumberFormat(locale, { style: "currency", currency, maximumFractionDigits: 0 }).format(n)),
    date: (iso: string | null | undefined) => (iso ? date.format(new Date(iso)) : "–"),
    bytes: (n: number) => {
      const units = ["byte", "kilobyte", "megabyte", "gigabyte"];
      let i = 0;
      let v = n;
      while (v >= 1024 && i < units.length - 1) {
        v /= 1024;
        i++;
      }
      return new Intl.NumberFormat(locale, { style: "unit", unit: units[i], unitDisplay: "short", maximumFractionDigits: 1 }).format(v);
    },
  };
}
export type Formatters = ReturnType<typeof formatters>;

/** Talent match badge: "Highly recommended" above 80 (scores 0–100). */
export function scoreBadge(score: number): { label: string; tone: "high" | "good" | "low" } {
  if (score > 80) return { label: "Highly recommended", tone: "high" };
  if (score >= 60) return { label: "Recommended", tone: "good" };
  return { label: "Possible match", tone: "low" };
}
