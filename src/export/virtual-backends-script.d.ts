/** The export's backends.mjs, bundled by src/export/vite-plugin.ts. */
declare module 'virtual:backends-script' {
  /** The whole script, ready to be written as backends.mjs. */
  const script: string;
  export default script;
}
