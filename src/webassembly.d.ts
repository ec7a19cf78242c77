// The WebAssembly API as far as svc-stats uses it (io/byte-kernel.ts, table/scan-kernel.ts): TypeScript's lib
// declares it only with the DOM's, which a command-line tool does not include.
declare namespace WebAssembly {
  class Module {
    constructor(bytes: Uint8Array);
  }
  class Instance {
    constructor(module: Module, imports: object);
    readonly exports: object;
  }
  interface Memory {
    readonly buffer: ArrayBuffer;
  }
  interface Global {
    readonly value: unknown;
  }
}
