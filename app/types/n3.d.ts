// n3 2.x ships no types and @types/n3 is not installed: the little of its API this project uses
// (app/domain/opendata/dcat.server.ts, tests/integration/dcat.test.ts), shaped as RDF/JS terms so
// its quads go straight into RDF/JS datasets. Delete this file if @types/n3 is ever added.
declare module 'n3' {
  interface TermBase {
    value: string;
    equals(other: { termType: string; value: string } | null | undefined): boolean;
  }
  export interface NamedNode extends TermBase {
    termType: 'NamedNode';
  }
  export interface BlankNode extends TermBase {
    termType: 'BlankNode';
  }
  export interface Literal extends TermBase {
    termType: 'Literal';
    language: string;
    datatype: NamedNode;
  }
  export interface DefaultGraph extends TermBase {
    termType: 'DefaultGraph';
    value: '';
  }
  export type Term = NamedNode | BlankNode | Literal | DefaultGraph;
  export interface Quad extends TermBase {
    termType: 'Quad';
    value: '';
    subject: NamedNode | BlankNode;
    predicate: NamedNode;
    object: NamedNode | BlankNode | Literal;
    graph: NamedNode | DefaultGraph;
  }

  export const DataFactory: {
    namedNode(value: string): NamedNode;
    blankNode(name?: string): BlankNode;
    /** A language tag (`'nb'`) or a datatype; a plain string literal without either. */
    literal(value: string, languageOrDatatype?: string | NamedNode): Literal;
    defaultGraph(): DefaultGraph;
    quad(subject: NamedNode | BlankNode, predicate: NamedNode, object: NamedNode | BlankNode | Literal, graph?: NamedNode | DefaultGraph): Quad;
  };

  export class Writer {
    constructor(options?: { prefixes?: Record<string, string>; format?: string });
    addQuad(quad: Quad): void;
    addQuads(quads: Quad[]): void;
    end(done: (error: Error | null, result: string) => void): void;
  }

  export class Parser {
    constructor(options?: { baseIRI?: string; format?: string });
    parse(input: string): Quad[];
  }
}
