import { createContext, useContext } from "react";
import type { Capabilities, Viewer } from "./auth.js";
import type { Formatters } from "./format.js";

export interface Session {
  viewer: Viewer;
  can: Capabilities;
  format: Formatters;
  signOut(): void;
  /** See GraphClient.onReconnected: screens fed by subscriptions reload what they show. */
  onReconnected(listener: () => void): () => void;
}

export const SessionContext = createContext<Session | null>(null);

export function useSession(): Session {
  const session = useContext(SessionContext);
  if (!session) throw new Error("useSession outside a signed-in app");
  return session;
}
