import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..', '..');
export const FIXTURES = path.join(ROOT, 'tests', 'fixtures');
/** The real sample (沂源县行政审批服务局, 2020), kept in the repository (fixtures/samples/). */
export const SAMPLE = path.join(FIXTURES, 'samples', '000_9ea34a5d9b67e804.txt');
/**
 * ../shared beside the checkout, where the project's reference material lives; a clone may have
 * nothing there: tests that compare with it skip that comparison when it is absent.
 */
export const SHARED = path.resolve(ROOT, '..', 'shared');
