/**
 * From a configuration file to a running engine: plugins are loaded first, every plugin block is
 * bound and validated (what {@code spare check} runs), then Guice wires the ports and the engine.
 */
package io.spare.engine.bootstrap;
