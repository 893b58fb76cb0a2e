export function Knowledge() {
  return (
    <section aria-labelledby="Knowledge-title">
      <h1 id="Knowledge-title">Knowledge</h1>
      <p>Coming next.</p>
    </section>
  );
}
