import type { ReactNode } from "react";
import type { CombinedError } from "urql";

/** A request's error for people: the graph's own message, with what the code means. */
export function errorText(error: CombinedError): string {
  if (error.networkError) return `The gateway cannot be reached (${error.networkError.message}).`;
  return error.graphQLErrors
    .map((e) => {
      const code = e.extensions?.code;
      if (code === "FORBIDDEN") return `Your role may not do this: ${e.message}`;
      if (code === "UNAUTHENTICATED") return "Please sign in again.";
      return e.message;
    })
    .join(" ");
}

export function Loading({ what }: { what: string }) {
  return (
    <p className="state loading" role="status">
      Loading {what}…
    </p>
  );
}

export function ErrorState({ error, retry }: { error: CombinedError; retry?: () => void }) {
  return (
    <div className="state error" role="alert">
      <p>{errorText(error)}</p>
      {retry && (
        <button type="button" onClick={retry}>
          Try again
        </button>
      )}
    </div>
  );
}

export function Empty({ children }: { children: ReactNode }) {
  return <p className="state empty">{children}</p>;
}

/** Loading, error or empty state for one request, else its content. */
export function QueryState<T>(props: {
  what: string;
  fetching: boolean;
  error?: CombinedError;
  data: T | undefined | null;
  isEmpty?: (data: T) => boolean;
  empty?: ReactNode;
  retry?: () => void;
  children: (data: T) => ReactNode;
}) {
  if (props.error && !props.data) return <ErrorState error={props.error} retry={props.retry} />;
  if (!props.data) return props.fetching ? <Loading what={props.what} /> : null;
  if (props.isEmpty?.(props.data)) return <Empty>{props.empty ?? `No ${props.what} yet.`}</Empty>;
  return <>{props.children(props.data)}</>;
}
