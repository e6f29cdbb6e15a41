// The bundler (esbuild.mjs) loads *.yaml files as plain text, and *.yaml?parsed as the
// ParsedGlossary of the file, parsed at build time (scripts/lib/bundled-glossary-plugin.mjs), so
// the default glossary is embedded in every bundle (Node, browser, CLI).
declare module '*.yaml' {
  const text: string;
  export default text;
}

declare module '*.yaml?parsed' {
  const glossary: import('./glossary/load').ParsedGlossary;
  export default glossary;
}

// jieba's lexicon in the compact form of scripts/lib/lexicon-plugin.mjs, embedded at build time.
declare module '*.lexicon' {
  const compact: string;
  export default compact;
}
