/** Bytes a report's web stream holds ahead of the client before its producer waits. */
const aheadOfClientBytes = 256 * 1024;

/**
 * The queuing strategy of a report's web stream: counted in bytes. Readable.toWeb counts chunks by
 * default (16,384 of them), and pdfkit and csv-stringify write small chunks, so a whole report could
 * sit in the queue before the client read any of it.
 */
export function reportStreamStrategy(): ByteLengthQueuingStrategy {
  return new ByteLengthQueuingStrategy({ highWaterMark: aheadOfClientBytes });
}
