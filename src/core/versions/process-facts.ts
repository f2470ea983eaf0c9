/**
 * `process.version`, `process.versions` and `process.release` of each imitated line: copied
 * from the real builds the tests run against (`test/nodes`: v20.20.2, v22.23.5, v24.22.3,
 * v26.12.1; `node -p 'process.versions'`), so a program printing them sees one real Node of the
 * line, never the host's (the editor's Electron, or whatever node runs the CLI). A unit test
 * checks each table against its real binary when the binaries are installed.
 */
import type { NodeMajor } from './targets';

export interface ProcessFacts {
  versions: Readonly<Record<string, string>>;
  /** `process.release`: `lts` only on lines that have an LTS code name in that build. */
  release: { name: 'node'; lts?: string; sourceUrl: string; headersUrl: string };
}

const VERSIONS: Record<NodeMajor, Record<string, string>> = {
  20: {
    node: '20.20.2', acorn: '8.16.0', ada: '2.9.2', ares: '1.34.6', brotli: '1.1.0', cjs_module_lexer: '2.2.0',
    cldr: '48.0', icu: '78.2', llhttp: '9.3.1', modules: '115', napi: '9', nghttp2: '1.61.0', openssl: '3.0.19',
    simdutf: '6.4.2', tz: '2025c', undici: '6.24.1', unicode: '17.0', uv: '1.46.0', uvwasi: '0.0.23',
    v8: '11.3.244.8-node.38', zlib: '1.3.1-e00f703',
  },
  22: {
    node: '22.23.5', acorn: '8.16.0', ada: '2.9.2', amaro: '1.1.8', ares: '1.34.9', brotli: '1.1.0',
    cjs_module_lexer: '2.2.0', cldr: '48.0', icu: '78.3', llhttp: '9.4.4', modules: '127', napi: '10',
    nbytes: '0.1.3', ncrypto: '0.0.1', nghttp2: '1.69.0', openssl: '3.5.9', simdjson: '4.5.0', simdutf: '6.4.2',
    sqlite: '3.54.1', tz: '2026e', undici: '6.29.1', unicode: '17.0', uv: '1.51.0', uvwasi: '0.0.23',
    v8: '12.4.254.21-node.57', zlib: '1.3.1-e00f703', zstd: '1.5.7',
  },
  24: {
    node: '24.22.3', acorn: '8.18.0', ada: '4.0.0', amaro: '1.1.11', ares: '1.34.9', brotli: '1.2.1', cldr: '48.0',
    icu: '78.3', llhttp: '9.4.4', merve: '1.2.2', modules: '137', napi: '10', nbytes: '0.1.4', ncrypto: '0.0.1',
    nghttp2: '1.70.0', nghttp3: '', ngtcp2: '', openssl: '3.5.9', simdjson: '4.6.11', simdutf: '6.4.0',
    sqlite: '3.54.1', tz: '2026e', undici: '7.30.2', unicode: '17.0', uv: '1.52.1', uvwasi: '0.0.23',
    v8: '13.6.233.17-node.63', zlib: '1.3.2.1-motley-285e94b', zstd: '1.5.7',
  },
  26: {
    node: '26.12.1', acorn: '8.19.0', ada: '4.0.0', amaro: '1.1.11', ares: '1.34.9', brotli: '1.2.0', cldr: '48.0',
    icu: '78.3', libffi: '3.8.0', lief: '1.0.0', llhttp: '9.4.3', merve: '1.2.2', modules: '147', napi: '10',
    nbytes: '0.1.4', ncrypto: '0.0.1', nghttp2: '1.70.0', nghttp3: '', ngtcp2: '', openssl: '3.5.9',
    simdjson: '5.0.3', simdutf: '7.7.0', sqlite: '3.54.0', tz: '2026e', undici: '8.12.2', unicode: '17.0',
    uv: '1.52.1', uvwasi: '0.0.23', v8: '14.6.202.34-node.40', zlib: '1.3.2.1-motley-456ae73', zstd: '1.5.7',
  },
};

/** LTS code names as `process.release.lts` reports them (26.12.1 reports none). */
const LTS: Partial<Record<NodeMajor, string>> = { 20: 'Iron', 22: 'Jod', 24: 'Krypton' };

export function processFacts(major: NodeMajor): ProcessFacts {
  const versions = VERSIONS[major];
  const base = `https://nodejs.org/download/release/v${versions.node}/node-v${versions.node}`;
  const lts = LTS[major];
  return {
    versions,
    release: { name: 'node', ...(lts ? { lts } : {}), sourceUrl: `${base}.tar.gz`, headersUrl: `${base}-headers.tar.gz` },
  };
}
