/**
 * Writes the two binary samples of this folder (a PDF and a DOCX) from the text below, so that
 * the knowledge examples cover every parser: `npx tsx examples/knowledge/make-binary-samples.ts`.
 * The outputs are committed; run this only to change them.
 */
import { writeFile } from "node:fs/promises";
import { Document, HeadingLevel, Packer, Paragraph } from "docx";
import { PDFDocument, StandardFonts } from "pdf-lib";

const here = new URL(".", import.meta.url);

const dpa: Array<[string, string[]]> = [
  ["Data Processing Agreement — Summary", ["This summary describes how Northwind Systems processes personal data for its customers under the GDPR."]],
  ["Roles", ["The customer is the controller and Northwind is the processor. Northwind processes personal data only on the customer's documented instructions."]],
  ["Sub-processors", ["Northwind uses Amazon Web Services and Microsoft Azure as infrastructure sub-processors. Customers are told about a new sub-processor 30 days before it starts, and may object."]],
  ["Breach notification", ["Northwind notifies customers of a personal data breach without undue delay and at the latest within 48 hours of becoming aware of it."]],
  ["Deletion", ["When a contract ends, customer data is deleted within 30 days, and backups within 90 days. A deletion certificate is issued on request."]],
  ["International transfers", ["Transfers outside the European Economic Area rely on the EU Standard Contractual Clauses of 2021."]],
];

const pdf = await PDFDocument.create();
const font = await pdf.embedFont(StandardFonts.Helvetica);
const bold = await pdf.embedFont(StandardFonts.HelveticaBold);
for (const [page, sections] of [dpa.slice(0, 3), dpa.slice(3)].entries()) {
  const p = pdf.addPage([595, 842]);
  let y = 780;
  for (const [heading, paragraphs] of sections) {
    p.drawText(heading, { x: 50, y, size: page === 0 && heading === dpa[0]![0] ? 18 : 14, font: bold });
    y -= 28;
    for (const text of paragraphs) {
      for (const line of wrap(text, 85)) {
        p.drawText(line, { x: 50, y, size: 11, font });
        y -= 16;
      }
      y -= 12;
    }
  }
}
await writeFile(new URL("data-processing-agreement.pdf", here), await pdf.save({ useObjectStreams: false }));

const caseStudy = new Document({
  sections: [
    {
      children: [
        new Paragraph({ text: "Case Study: Contoso Retail Moves Its Reporting to Northwind", heading: HeadingLevel.HEADING_1 }),
        new Paragraph("Contoso Retail runs 220 stores in Germany, Austria and Switzerland."),
        new Paragraph({ text: "The challenge", heading: HeadingLevel.HEADING_2 }),
        new Paragraph("Nightly batch jobs on self-managed servers often failed, and store managers saw yesterday's sales only by noon."),
        new Paragraph({ text: "The result", heading: HeadingLevel.HEADING_2 }),
        new Paragraph("After a five-week implementation, sales data reaches the warehouse every fifteen minutes. Contoso retired eight servers and cut its data infrastructure cost by 41% in the first year."),
        new Paragraph("Contoso keeps all data in the Frankfurt region to meet its data residency requirements."),
      ],
    },
  ],
});
await writeFile(new URL("case-study-contoso-retail.docx", here), await Packer.toBuffer(caseStudy));

function wrap(text: string, width: number): string[] {
  const lines: string[] = [];
  let line = "";
  for (const word of text.split(" ")) {
    if (line && line.length + word.length + 1 > width) {
      lines.push(line);
      line = word;
    } else line = line ? `${line} ${word}` : word;
  }
  if (line) lines.push(line);
  return lines;
}
