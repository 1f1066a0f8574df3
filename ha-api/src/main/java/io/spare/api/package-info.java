/**
 * Spare's ports and plugin SPI.
 *
 * <p>Everything an adapter or a third-party plugin needs, and nothing else. A plugin is a jar with
 * one {@link io.spare.api.SparePlugin} listed in {@code META-INF/services/io.spare.api.SparePlugin};
 * its factories are keyed by the {@code type:} name used in {@code spare.yaml}. This package depends
 * on nothing but the JDK, so that a plugin's class loader can share exactly it with the engine.
 */
package io.spare.api;
