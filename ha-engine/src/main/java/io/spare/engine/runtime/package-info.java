/**
 * The engine: ties the state machines, the event loop, the check scheduler and the notify
 * dispatcher to the ports.
 *
 * <p>Wiring (the CLI does this once the config is validated and the plugins have made the ports):
 *
 * <pre>{@code
 * ThreadEventLoop loop = new ThreadEventLoop("spare-vrrp", Ticker.system()).start();
 * ExecutorService checkWorkers = Executors.newFixedThreadPool(4);
 * EnginePorts ports = new EnginePorts(transport, binder, linkMonitor,
 *         Map.of("chk_haproxy", haproxyCheck),                        // every config check, by name
 *         List.of(new NotifierRoute("script:VI_1", scriptNotifier, Set.of("VI_1")),
 *                 new NotifierRoute("mail", mailNotifier, Set.of("VI_1", "G1"))));
 * Engine engine = new Engine(config, ports, loop, checkWorkers, Clock.systemUTC());
 * engine.start();                 // instances BACKUP (or FAULT), MASTER after Master_Down_Interval
 * ...
 * engine.status();                // from any thread
 * engine.close();                 // SIGTERM: graceful stop (priority 0, handover, notify STOP)
 * loop.close();                   // then close the ports, notifiers and checks
 * }</pre>
 *
 * <p>Threads: one loop thread owns every instance; check runs go to {@code checkWorkers}; address
 * changes to one ordered address worker; notifier calls to a shared pool, serially per notifier.
 * No thread is created per instance.
 *
 * <p>Handover ("planned moves lose nothing"): a MASTER that yields to a live peer or stops keeps its
 * VIPs until it has heard the new MASTER's advert plus {@link
 * io.spare.engine.vrrp.InstanceSpec#HANDOVER_GRACE} (at most Master_Down_Interval plus the grace),
 * so a client never sees a moment when nobody holds the VIP. See {@link
 * io.spare.engine.vrrp.VrrpStateMachine}.
 */
package io.spare.engine.runtime;
