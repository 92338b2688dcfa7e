/**
 * The one SHA-256 of the program (hex): the archive checks every revision's body by it and
 * identifies a finalised PDF by it; the PDF service reports the same for a fresh render.
 */
import { createHash } from 'node:crypto';

export function sha256(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}
