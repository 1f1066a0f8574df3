/**
 * The configuration model: immutable records bound from {@code spare.yaml}, with keepalived's
 * defaults. Keys are keepalived's keywords in snake_case; the record components are their camelCase
 * twins ({@code virtual_router_id} binds {@code virtualRouterId}).
 *
 * <p>Entry points: {@link io.spare.engine.config.ConfigLoader#load} reads and validates a file and
 * returns a {@link io.spare.engine.config.LoadedConfig}, or throws a {@link
 * io.spare.engine.config.ConfigException} listing every problem as a located {@link
 * io.spare.engine.config.ConfigDiagnostic} ({@code spare.yaml:42:7: instances.VI_1.priority: must be
 * 1..255 (was 300)}). Plugin blocks ({@link io.spare.engine.config.ConfigBlock}) are bound by the
 * plugins themselves through {@link io.spare.engine.config.BlockPluginConfig}, whose problems are
 * located through the same {@link io.spare.engine.config.SourceMap}. The reference for users is
 * {@code docs/CONFIG.md}.
 */
package io.spare.engine.config;
