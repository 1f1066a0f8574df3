package io.spare.api;

/** Creates the {@link LinkMonitor} that reports interface facts and link and address events. */
public interface LinkMonitorFactory extends NamedFactory {
    LinkMonitor create(PluginContext context);
}
