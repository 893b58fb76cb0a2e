import { useId, useState, type FormEvent } from "react";
import { TokenError, viewerFromToken, type ServerSession, type Viewer } from "../lib/auth.js";

/**
 * Embedded mode (AUTH_MODE=none): every caller is the local user with the gateway's configured
 * roles; the sign-in picks which of them to act with (to see the Console as a reader sees it).
 * AUTH_MODE=jwt: a token from the identity provider, pasted; it stays in this tab (sessionStorage).
 */
export function SignIn({ server, onSignIn }: { server: ServerSession; onSignIn: (viewer: Viewer) => void }) {
  const [roles, setRoles] = useState<string[]>(server.authMode === "none" ? server.roles : []);
  const [token, setToken] = useState("");
  const [error, setError] = useState<string | null>(null);
  const tokenId = useId();
  const errorId = useId();

  const submit = (event: FormEvent) => {
    event.preventDefault();
    if (server.authMode === "none") return onSignIn({ userId: server.userId, roles });
    try {
      onSignIn(viewerFromToken(token));
    } catch (err) {
      setError(err instanceof TokenError ? err.message : "The token cannot be read.");
    }
  };

  return (
    <main id="main" className="sign-in">
      <h1>Sign in to the matchgraph Console</h1>
      <form onSubmit={submit} aria-describedby={error ? errorId : undefined}>
        {server.authMode === "none" ? (
          <fieldset>
            <legend>Local sign-in: act as the local user with these roles</legend>
            {server.roles.length === 0 && <p>The gateway gives the local user no roles (AUTH_LOCAL_ROLES): you can only read.</p>}
            {server.roles.map((role) => (
              <label key={role} className="check">
                <input
                  type="checkbox"
                  checked={roles.includes(role)}
                  onChange={(e) => setRoles(e.target.checked ? [...roles, role] : roles.filter((r) => r !== role))}
                />
                {role}
              </label>
            ))}
          </fieldset>
        ) : (
          <>
            <label htmlFor={tokenId}>Your access token (JWT)</label>
            <textarea id={tokenId} value={token} onChange={(e) => setToken(e.target.value)} rows={4} spellCheck={false} autoComplete="off" required />
            <p className="hint">The token stays in this browser tab only and is sent to this gateway alone.</p>
          </>
        )}
        {error && (
          <p id={errorId} className="state error" role="alert">
            {error}
          </p>
        )}
        <div className="actions">
          <button type="submit" className="primary">
            Sign in
          </button>
          {server.authMode === "jwt" && server.anonymousRead && (
            <button type="button" onClick={() => onSignIn({ userId: "anonymous", roles: [] })}>
              Continue without signing in (read only)
            </button>
          )}
        </div>
      </form>
    </main>
  );
}
