export function ImportScreen() {
  return (
    <section aria-labelledby="Import-title">
      <h1 id="Import-title">Opportunities</h1>
      <p>Coming next.</p>
    </section>
  );
}
