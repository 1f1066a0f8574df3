package io.spare.notify.mail;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Configuration;
import org.apache.logging.log4j.core.config.LoggerConfig;
import org.apache.logging.log4j.core.config.Property;

/** Collects what this module logs, so that tests can assert on the log a user would read. */
final class LogCapture implements AutoCloseable {
    private static final String LOGGER = "io.spare.notify.mail";

    private final List<String> lines = Collections.synchronizedList(new ArrayList<>());
    private final String name = "capture-" + System.nanoTime();
    private final LoggerContext context = LoggerContext.getContext(false);

    private LogCapture() {
        AbstractAppender appender = new AbstractAppender(name, null, null, true, Property.EMPTY_ARRAY) {
            @Override
            public void append(LogEvent event) {
                lines.add(event.getLevel() + " " + event.getMessage().getFormattedMessage());
            }
        };
        appender.start();
        synchronized (LogCapture.class) {
            Configuration configuration = context.getConfiguration();
            LoggerConfig logger = configuration.getLoggerConfig(LOGGER);
            if (!logger.getName().equals(LOGGER)) {
                logger = new LoggerConfig(LOGGER, Level.INFO, true);
                configuration.addLogger(LOGGER, logger);
            }
            logger.setLevel(Level.INFO);
            logger.addAppender(appender, Level.ALL, null);
            context.updateLoggers();
        }
    }

    static LogCapture start() {
        return new LogCapture();
    }

    List<String> lines() {
        synchronized (lines) {
            return List.copyOf(lines);
        }
    }

    String text() {
        return String.join("\n", lines());
    }

    @Override
    public void close() {
        synchronized (LogCapture.class) {
            context.getConfiguration().getLoggerConfig(LOGGER).removeAppender(name);
            context.updateLoggers();
        }
    }
}
