/**
 * Fakes for deterministic engine tests, shipped in the ha-engine test-jar for other modules.
 *
 * <p>{@link io.spare.engine.testing.TestingCluster} puts several engines on one {@link
 * io.spare.engine.testing.TestingEventLoop} (manual {@link io.spare.engine.testing.TestingTicker}) and
 * one {@link io.spare.engine.testing.TestingNetwork} (drop, delay, partition, heal), each with a
 * {@link io.spare.engine.testing.TestingAddressBinder} (a shared ledger of who holds which VIP, with
 * times), a {@link io.spare.engine.testing.TestingLinkMonitor} and a {@link
 * io.spare.engine.testing.RecordingNotifier}. {@link io.spare.engine.testing.TestingConfigs} builds
 * config records with keepalived's defaults. A typical test:
 *
 * <pre>{@code
 * TestingCluster cluster = new TestingCluster();
 * Node a = cluster.node("a", "10.99.0.1", config(instance("VI_1").priority(200).vip("10.99.1.1").build()));
 * Node b = cluster.node("b", "10.99.0.2", config(instance("VI_1").priority(100).vip("10.99.1.1").build()));
 * cluster.startAll();
 * long t = cluster.loop().advanceUntil(() -> a.state("VI_1") == VrrpState.MASTER, Duration.ofSeconds(10));
 * assertThat(t).isEqualTo(3_218_750_000L);   // 3 × 1 s + (256 − 200)/256 s
 * }</pre>
 */
package io.spare.engine.testing;
