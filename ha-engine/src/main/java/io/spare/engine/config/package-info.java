/**
 * The configuration model: immutable records bound from {@code spare.yaml}, with keepalived's
 * defaults. Keys are keepalived's keywords in snake_case; the record components are their camelCase
 * twins ({@code virtual_router_id} binds {@code virtualRouterId}).
 */
package io.spare.engine.config;
