import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
/** ../shared beside the checkout: domain facts and the real sample. */
export const SHARED = path.resolve(ROOT, '..', 'shared');
export const SAMPLE = path.join(SHARED, 'samples', '000_9ea34a5d9b67e804.txt');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
