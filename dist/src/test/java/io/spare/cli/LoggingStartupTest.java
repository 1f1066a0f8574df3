package io.spare.cli;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LoggerContext;
import org.apache.logging.log4j.core.config.DefaultConfiguration;
import org.junit.jupiter.api.Test;

class LoggingStartupTest {
    @Test
    void afterAwaitLog4jRunsOnItsConfigurationNotOnTheErrorsOnlyDefault() {
        LoggingStartup.begin();
        LoggingStartup.await();
        LoggerContext context = (LoggerContext) LogManager.getContext(false);
        assertThat(context.isStarted()).isTrue();
        assertThat(context.getConfiguration()).isNotInstanceOf(DefaultConfiguration.class);
    }
}
