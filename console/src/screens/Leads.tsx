export function Leads() {
  return (
    <section aria-labelledby="Leads-title">
      <h1 id="Leads-title">Leads</h1>
      <p>Coming next.</p>
    </section>
  );
}
