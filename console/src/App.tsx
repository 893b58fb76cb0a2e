import { useEffect, useMemo, useRef, useState } from "react";
import { Provider } from "urql";
import { capabilities, forgetViewer, loadViewer, saveViewer, type ServerSession, type Viewer } from "./lib/auth.js";
import { createGraphClient } from "./lib/client.js";
import { formatters } from "./lib/format.js";
import { BASE, navigate, useRoute } from "./lib/router.js";
import { SessionContext, useSession as useSessionFromContext, type Session } from "./lib/session.js";
import { Home } from "./screens/Home.js";
import { ImportScreen } from "./screens/Import.js";
import { Knowledge } from "./screens/Knowledge.js";
import { Leads } from "./screens/Leads.js";
import { Review } from "./screens/Review.js";
import { Sales } from "./screens/Sales.js";
import { SignIn } from "./screens/SignIn.js";
import { Talent } from "./screens/Talent.js";
import { ScreenBoundary } from "./ui/ScreenBoundary.js";

export const SCREENS = [
  { id: "review", title: "Review queue", Component: Review },
  { id: "import", title: "Opportunities", Component: ImportScreen },
  { id: "leads", title: "Leads", Component: Leads },
  { id: "talent", title: "Talent", Component: Talent },
  { id: "knowledge", title: "Knowledge", Component: Knowledge },
  { id: "sales", title: "Sales", Component: Sales },
] as const;

export function App() {
  const [server, setServer] = useState<ServerSession | null>(null);
  const [serverError, setServerError] = useState<string | null>(null);
  const [viewer, setViewer] = useState<Viewer | null>(null);

  useEffect(() => {
    fetch(`${BASE}session.json`)
      .then((res) => (res.ok ? (res.json() as Promise<ServerSession>) : Promise.reject(new Error(`HTTP ${res.status}`))))
      .then((s) => {
        setServer(s);
        setViewer(loadViewer(sessionStorage, s));
      })
      .catch((err: Error) => setServerError(err.message));
  }, []);

  const signOut = () => {
    forgetViewer(sessionStorage);
    setViewer(null);
  };
  const graph = useMemo(() => (viewer ? createGraphClient(viewer, signOut) : null), [viewer]);
  useEffect(() => () => graph?.dispose(), [graph]);
  const session = useMemo<Session | null>(
    () => (viewer && graph ? { viewer, can: capabilities(viewer.roles), format: formatters(navigator.language), signOut, onReconnected: graph.onReconnected } : null),
    [viewer, graph],
  );

  if (serverError) return <p role="alert" className="state error">The gateway cannot be reached ({serverError}).</p>;
  if (!server) return <p role="status" className="state loading">Loading…</p>;
  if (!viewer || !graph || !session) {
    return (
      <SignIn
        server={server}
        onSignIn={(v) => {
          saveViewer(sessionStorage, v);
          setViewer(v);
        }}
      />
    );
  }
  return (
    <SessionContext.Provider value={session}>
      <Provider value={graph.client}>
        <Shell />
      </Provider>
    </SessionContext.Provider>
  );
}

function Shell() {
  const route = useRoute();
  const screen = SCREENS.find((s) => s.id === route.screen);
  const main = useRef<HTMLElement>(null);
  const first = useRef(true);
  useEffect(() => {
    document.title = `${screen?.title ?? "Home"} · matchgraph Console`;
    // After a navigation (not the first load), reading and tabbing start at the new screen.
    if (!first.current) main.current?.focus();
    first.current = false;
  }, [screen]);
  return (
    <>
      <a className="skip" href="#main">
        Skip to content
      </a>
      <header className="top">
        <a
          className="brand"
          href={BASE}
          onClick={(e) => {
            e.preventDefault();
            navigate("");
          }}
        >
          matchgraph
        </a>
        <nav aria-label="Screens">
          <ul>
            {SCREENS.map((s) => (
              <li key={s.id}>
                <a
                  href={`${BASE}${s.id}`}
                  aria-current={s.id === route.screen ? "page" : undefined}
                  onClick={(e) => {
                    if (e.metaKey || e.ctrlKey || e.shiftKey) return;
                    e.preventDefault();
                    navigate(s.id);
                  }}
                >
                  {s.title}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <Who />
      </header>
      <main id="main" tabIndex={-1} ref={main}>
        <ScreenBoundary key={route.screen}>{screen ? <screen.Component /> : <Home />}</ScreenBoundary>
      </main>
    </>
  );
}

function Who() {
  const session = useSessionFromContext();
  return (
    <div className="who">
      <span>
        {session.viewer.userId}
        {session.viewer.roles.length > 0 && <span className="roles"> ({session.viewer.roles.join(", ")})</span>}
      </span>
      <button type="button" onClick={session.signOut}>
        Sign out
      </button>
    </div>
  );
}
