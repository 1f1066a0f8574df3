package io.spare.engine.config;

/**
 * keepalived's {@code state}: only a hint. Every instance starts as BACKUP; {@code MASTER} with
 * priority 255 (the address owner) takes over at once.
 */
public enum InitialState {
    MASTER,
    BACKUP
}
