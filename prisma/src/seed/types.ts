/** A row to insert plus, for tables with an embedding, the text its vector is made from. */
export interface SeedRow<Data> {
  data: Data & { id: string };
  text: string;
}
