/**
 * {@code spare import-keepalived}: reads a keepalived.conf (with its includes) the way keepalived
 * does and writes the equivalent {@code spare.yaml}, listing everything it could not carry over.
 *
 * <p>Entry point: {@link io.spare.engine.importer.KeepalivedImporter}.
 */
package io.spare.engine.importer;
