import { Kind, parse, type ConstDirectiveNode } from 'graphql';

/**
 * Where the gateway reaches each subgraph the supergraph joins: SUBGRAPH_<NAME>_URL
 * (SUBGRAPH_SERVICE_LINES_URL ...), else the URL composition wrote into the supergraph, the
 * subgraph's standalone port on this machine. The supergraph is all the gateway knows of the subgraphs.
 */
export function subgraphUrls(supergraphSdl: string, env: NodeJS.ProcessEnv = process.env): Record<string, string> {
  const urls: Record<string, string> = {};
  for (const definition of parse(supergraphSdl).definitions) {
    if (definition.kind !== Kind.ENUM_TYPE_DEFINITION || definition.name.value !== 'join__Graph') continue;
    for (const value of definition.values ?? []) {
      const join = value.directives?.find((d) => d.name.value === 'join__graph');
      const name = join && stringArgument(join, 'name');
      const url = join && stringArgument(join, 'url');
      if (!name || !url) throw new Error(`the supergraph's join__Graph value ${value.name.value} names no subgraph and URL`);
      urls[name] = env[`SUBGRAPH_${name.toUpperCase().replace(/-/g, '_')}_URL`] ?? url;
    }
  }
  return urls;
}

function stringArgument(directive: ConstDirectiveNode, name: string): string | undefined {
  const value = directive.arguments?.find((a) => a.name.value === name)?.value;
  return value?.kind === Kind.STRING ? value.value : undefined;
}
