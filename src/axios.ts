/**
 * axios, from its CommonJS build: one file, where `import 'axios'` loads its ESM build as some 170
 * modules, each with a module record of its own (about 3 MB more RSS in every process, the same code).
 */
import { createRequire } from 'node:module';
import type { AxiosStatic } from 'axios';

export const axios = createRequire(import.meta.url)('axios') as AxiosStatic;
