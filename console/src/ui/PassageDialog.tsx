import { useEffect, useLayoutEffect, useRef } from "react";
import { useQuery } from "urql";
import { graphql } from "../gql/index.js";
import { documentText, passageParts } from "../lib/highlight.js";
import { QueryState } from "./states.js";

const SOURCE_TEXT = graphql(`
  query SourceText($id: ID!) {
    knowledgeSource(id: $id) {
      id
      title
      uri
      chunks(first: 100) {
        nodes {
          charStart
          charEnd
          text
        }
      }
    }
  }
`);

export interface Passage {
  sourceId: string;
  sourceTitle: string;
  charStart: number;
  charEnd: number;
  page?: number | null;
  headingPath?: string[];
}

/** The headings a passage sits under, less the document's own title (its first heading, often). */
export const headingsBelow = (p: Pick<Passage, "headingPath" | "sourceTitle">): string[] => (p.headingPath ?? []).filter((h, i) => !(i === 0 && h === p.sourceTitle));

/** A cited passage, shown marked inside its document (a modal dialog: Escape closes it, focus returns). */
export function PassageDialog({ passage, onClose }: { passage: Passage; onClose: () => void }) {
  const dialog = useRef<HTMLDialogElement>(null);
  const mark = useRef<HTMLElement>(null);
  const title = useRef<HTMLHeadingElement>(null);
  const [{ data, fetching, error }] = useQuery({ query: SOURCE_TEXT, variables: { id: passage.sourceId } });
  useEffect(() => {
    const d = dialog.current;
    if (d && !d.open) d.showModal();
    // Focus on the title, not the Close button: the Enter that opened the dialog must not close it.
    title.current?.focus();
  }, []);
  useLayoutEffect(() => {
    mark.current?.scrollIntoView({ block: "center" });
  }, [data]);
  return (
    <dialog ref={dialog} className="passage" aria-labelledby="passage-title" onClose={() => !dialog.current?.open && onClose()}>
      <div className="dialog-head">
        <h2 id="passage-title" ref={title} tabIndex={-1}>
          {passage.sourceTitle}
        </h2>
        <button type="button" onClick={() => dialog.current?.close()}>
          Close
        </button>
      </div>
      <p className="hint">
        {[headingsBelow(passage).join(" › "), passage.page != null ? `page ${passage.page}` : null].filter(Boolean).join(" · ")}
      </p>
      <QueryState what="the document" fetching={fetching} error={error} data={data?.knowledgeSource} empty="The document is gone.">
        {(source) => {
          const [before, cited, after] = passageParts(documentText(source.chunks.nodes), passage.charStart, passage.charEnd);
          return (
            <div className="document" tabIndex={0} role="document" aria-label={`Text of ${source.title}`}>
              {before}
              <mark ref={mark} className="cited" aria-label="Cited passage">
                {cited}
              </mark>
              {after}
            </div>
          );
        }}
      </QueryState>
    </dialog>
  );
}
