// The parser of jsonc-parser's ESM build, imported by itself (user-catalogue.ts); its types are the package's.
declare module 'jsonc-parser/lib/esm/impl/parser.js' {
  export { visit } from 'jsonc-parser/lib/esm/main.js';
}
