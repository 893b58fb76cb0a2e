export function Talent() {
  return (
    <section aria-labelledby="Talent-title">
      <h1 id="Talent-title">Talent</h1>
      <p>Coming next.</p>
    </section>
  );
}
