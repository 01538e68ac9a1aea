import type { Readable, Writable } from 'node:stream';

/** What a command reads and writes: the process's streams in `osm`, test doubles in tests. */
export interface CliIo {
  stdin: Readable & { isTTY?: boolean; setRawMode?: (raw: boolean) => unknown };
  stdout: Writable;
  stderr: Writable & { isTTY?: boolean };
  env: NodeJS.ProcessEnv;
  /** Aborted (Ctrl-C) between two requests: the import stops after the one in flight. */
  signal?: AbortSignal;
  /** Told after each request of an import. */
  onChunk?: (event: { index: number; chunks: number; replayed: boolean; refused: boolean }) => void;
}
