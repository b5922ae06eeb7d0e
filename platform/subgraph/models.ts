/** A reference to an entity another subgraph owns: the key is all this subgraph knows of it. */
export interface EntityRef {
  id: string;
}
