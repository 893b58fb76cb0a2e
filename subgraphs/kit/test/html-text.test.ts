import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { htmlToText } from "../src/text.js";

describe("htmlToText", () => {
  it("drops tags and the content of scripts and styles, and decodes entities", () => {
    expect(htmlToText("<p>Data <b>engineer</b></p><script>alert(1)</script><style>p{}</style>")).toBe("Data engineer");
    expect(htmlToText("R&amp;D &lt;team&gt; &quot;Berlin&quot; &#39;24 &euro;5k&nbsp;bonus")).toBe(`R&D <team> "Berlin" '24 €5k bonus`);
    expect(htmlToText('<a href="https://x.example" onclick="evil()">Apply</a>')).toBe("Apply");
    expect(htmlToText("<SCRIPT>x()</SCRIPT>Senior<!-- note --> dev")).toBe("Senior dev");
  });

  it("keeps block elements on lines of their own", () => {
    expect(htmlToText("<h2>Role</h2><ul><li>Kotlin</li><li>SQL</li></ul>Remote<br>EU only")).toBe("Role\nKotlin\nSQL\nRemote\nEU only");
  });

  it("leaves text that only looks like markup alone, where the regex it replaces ate it", () => {
    expect(htmlToText("salary < 50k and > 30k")).toBe("salary < 50k and > 30k");
    expect(htmlToText("3 < 5 but 7 > 2")).toBe("3 < 5 but 7 > 2");
  });

  it("returns any plain text without markup characters as it is, spacing aside", () => {
    const plain = fc.stringMatching(/^[A-Za-z0-9 .,;:!?()'-]{0,80}$/);
    fc.assert(
      fc.property(plain, (s) => {
        expect(htmlToText(s)).toBe(s.replace(/ +/g, " ").trim());
      }),
    );
  });
});
