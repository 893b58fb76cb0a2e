export function Sales() {
  return (
    <section aria-labelledby="Sales-title">
      <h1 id="Sales-title">Sales</h1>
      <p>Coming next.</p>
    </section>
  );
}
