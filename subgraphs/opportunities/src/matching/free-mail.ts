/**
 * Free-mail and ISP mailbox providers. An address at one of these says nothing about the company a
 * contact works for, so `domainFromEmail` must not turn it into a company-domain signal.
 *
 * Two lists, both compared with the *registrable* domain (public suffix + one label), so that
 * subdomains (`mail.yahoo.com`) and country variants are caught:
 * - `FREE_MAIL_BRANDS`: providers that run the same service under many public suffixes; matched on
 *   the label before the suffix (`yahoo` catches yahoo.com, yahoo.co.uk, yahoo.com.br, …).
 * - `FREE_MAIL_DOMAINS`: exact registrable domains, for providers whose label alone would be too
 *   generic (`web.de`, `me.com`, `mail.ru`, `163.com`).
 */
import { parse } from "tldts";

export const FREE_MAIL_BRANDS: ReadonlySet<string> = new Set([
  "gmail",
  "googlemail",
  "yahoo",
  "ymail",
  "rocketmail",
  "hotmail",
  "outlook",
  "live",
  "windowslive",
  "msn",
  "aol",
  "icloud",
  "gmx",
  "yandex",
  "protonmail",
  "tutanota",
  "hushmail",
  "mailinator",
  "yopmail",
  "guerrillamail",
  "rediffmail",
]);

export const FREE_MAIL_DOMAINS: ReadonlySet<string> = new Set([
  // Apple, Proton, Zoho, Tuta, Fastmail, misc. international
  "me.com",
  "mac.com",
  "proton.me",
  "pm.me",
  "zohomail.com",
  "zoho.com",
  "tuta.io",
  "tutamail.com",
  "fastmail.com",
  "fastmail.fm",
  "hey.com",
  "mail.com",
  "email.com",
  "inbox.com",
  "lycos.com",
  "excite.com",
  "mailbox.org",
  "posteo.de",
  "posteo.net",
  // Germany, Austria, Switzerland
  "web.de",
  "t-online.de",
  "freenet.de",
  "arcor.de",
  "online.de",
  "bluewin.ch",
  // France, Belgium, Netherlands
  "orange.fr",
  "wanadoo.fr",
  "free.fr",
  "sfr.fr",
  "neuf.fr",
  "laposte.net",
  "bbox.fr",
  "telenet.be",
  "skynet.be",
  "ziggo.nl",
  "kpnmail.nl",
  "planet.nl",
  "home.nl",
  "xs4all.nl",
  // Italy
  "libero.it",
  "virgilio.it",
  "tiscali.it",
  "alice.it",
  "tin.it",
  // United Kingdom
  "btinternet.com",
  "sky.com",
  "virginmedia.com",
  "ntlworld.com",
  "talktalk.net",
  "blueyonder.co.uk",
  // North America
  "comcast.net",
  "verizon.net",
  "att.net",
  "sbcglobal.net",
  "bellsouth.net",
  "charter.net",
  "cox.net",
  "earthlink.net",
  "optonline.net",
  "shaw.ca",
  "rogers.com",
  "sympatico.ca",
  // Russia, Central/Eastern Europe
  "mail.ru",
  "bk.ru",
  "inbox.ru",
  "list.ru",
  "rambler.ru",
  "ya.ru",
  "seznam.cz",
  "centrum.cz",
  "wp.pl",
  "o2.pl",
  "onet.pl",
  "interia.pl",
  // Asia
  "qq.com",
  "foxmail.com",
  "163.com",
  "126.com",
  "yeah.net",
  "sina.com",
  "sina.cn",
  "sohu.com",
  "aliyun.com",
  "naver.com",
  "daum.net",
  "hanmail.net",
  "nate.com",
  // Latin America, Oceania
  "uol.com.br",
  "bol.com.br",
  "terra.com.br",
  "ig.com.br",
  "bigpond.com",
  "optusnet.com.au",
  "xtra.co.nz",
]);

/** True when `domain` (any host name; reduced to its registrable domain) is a free-mail provider. */
export function isFreeMailDomain(domain: string): boolean {
  const parsed = parse(domain.trim().toLowerCase(), { allowPrivateDomains: true });
  if (parsed.domain === null) return false;
  return (
    FREE_MAIL_DOMAINS.has(parsed.domain) ||
    (parsed.domainWithoutSuffix !== null && FREE_MAIL_BRANDS.has(parsed.domainWithoutSuffix))
  );
}
