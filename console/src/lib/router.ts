import { useEffect, useState } from "react";

/** The app's screens live under /app/ (the gateway answers every path there with the page). */
export const BASE = "/app/";

export function currentRoute(): { screen: string; params: URLSearchParams } {
  const path = location.pathname.startsWith(BASE) ? location.pathname.slice(BASE.length) : "";
  return { screen: path.split("/")[0] || "home", params: new URLSearchParams(location.search) };
}

export function navigate(to: string): void {
  history.pushState(null, "", `${BASE}${to}`);
  dispatchEvent(new PopStateEvent("popstate"));
}

export function useRoute() {
  const [route, setRoute] = useState(currentRoute);
  useEffect(() => {
    const update = () => setRoute(currentRoute());
    addEventListener("popstate", update);
    return () => removeEventListener("popstate", update);
  }, []);
  return route;
}
