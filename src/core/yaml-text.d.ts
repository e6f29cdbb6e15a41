// The bundler (esbuild.mjs) loads *.yaml files as plain text so the default glossary is
// embedded in every bundle (Node, browser, CLI) without file-system access at run time.
declare module '*.yaml' {
  const text: string;
  export default text;
}
