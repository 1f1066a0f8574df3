package io.spare.check.script;

import io.spare.api.CheckResult;
import io.spare.api.HealthCheck;
import io.spare.api.Ticker;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.ClosedWatchServiceException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardWatchEventKinds;
import java.nio.file.WatchEvent;
import java.nio.file.WatchKey;
import java.nio.file.WatchService;
import java.time.Duration;
import java.util.Map;
import java.util.OptionalLong;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Looks at a file without forking anything: whether it exists (a maintenance switch such as {@code
 * /etc/keepalived/down}) or the integer in it (keepalived's {@code track_file}). The engine runs it
 * every interval; in between, a watch on the parent directory (inotify) asks for a run as soon as
 * the file is created, changed, moved or removed. Without the directory it falls back to the
 * interval and watches again once the directory exists.
 */
final class FileCheck implements HealthCheck {
    private static final Logger LOG = LogManager.getLogger(FileCheck.class);
    private static final int MAX_READ = 128;

    private final Path path;
    private final FileCheckConfig.Exists exists;
    private final FileCheckConfig.Mode mode;
    private final Ticker ticker;
    private final CheckCounters counters = new CheckCounters();
    private Runnable runNow;
    private WatchService watcher;
    private boolean closed;

    FileCheck(Path path, FileCheckConfig.Exists exists, FileCheckConfig.Mode mode, Ticker ticker) {
        this.path = path;
        this.exists = exists;
        this.mode = mode;
        this.ticker = ticker;
    }

    @Override
    public synchronized void start(Runnable runNow) {
        this.runNow = runNow;
        watch();
    }

    @Override
    public CheckResult run(Duration timeout) {
        long start = ticker.nanoTime();
        watch();
        CheckResult result = mode == FileCheckConfig.Mode.VALUE ? readValue() : checkExists();
        counters.record(result.ok(), false, Duration.ofNanos(ticker.nanoTime() - start));
        return result;
    }

    private CheckResult checkExists() {
        boolean present = Files.exists(path);
        boolean ok = present == (exists == FileCheckConfig.Exists.OK);
        String message = path + (present ? " exists" : " does not exist");
        return ok ? CheckResult.passed(message) : CheckResult.failed(message);
    }

    private CheckResult readValue() {
        String content;
        try (InputStream in = Files.newInputStream(path)) {
            content = new String(in.readNBytes(MAX_READ), StandardCharsets.UTF_8);
        } catch (NoSuchFileException e) {
            return CheckResult.value(0, path + " does not exist: value 0");
        } catch (IOException e) {
            return CheckResult.failed("cannot read " + path + ": " + e.getMessage());
        }
        OptionalLong value = FileValue.parse(content);
        if (value.isEmpty()) {
            return CheckResult.failed("invalid number in " + path + ": " + content.strip());
        }
        return CheckResult.value((int) value.getAsLong(), "value " + value.getAsLong() + " in " + path);
    }

    /** Starts watching the parent directory, if not yet and if it exists now. */
    private synchronized void watch() {
        if (closed || runNow == null || watcher != null) {
            return;
        }
        Path directory = path.getParent();
        if (directory == null || !Files.isDirectory(directory)) {
            return;
        }
        try {
            WatchService service = directory.getFileSystem().newWatchService();
            directory.register(service,
                    StandardWatchEventKinds.ENTRY_CREATE, StandardWatchEventKinds.ENTRY_DELETE, StandardWatchEventKinds.ENTRY_MODIFY);
            watcher = service;
            Thread thread = new Thread(() -> deliver(service), "spare-file-check " + path);
            thread.setDaemon(true);
            thread.start();
        } catch (IOException e) {
            LOG.warn("cannot watch {} ({}): checking every interval only", directory, e.getMessage());
        }
    }

    private void deliver(WatchService service) {
        Path name = path.getFileName();
        try {
            while (true) {
                WatchKey key = service.take();
                boolean relevant = false;
                for (WatchEvent<?> event : key.pollEvents()) {
                    relevant |= event.kind() == StandardWatchEventKinds.OVERFLOW || name.equals(event.context());
                }
                if (relevant) {
                    runNow.run();
                }
                if (!key.reset()) {
                    // The directory went away: back to the interval until run() can watch again.
                    synchronized (this) {
                        watcher = null;
                    }
                    service.close();
                    runNow.run();
                    return;
                }
            }
        } catch (ClosedWatchServiceException | InterruptedException | IOException e) {
            // Closed: the check is stopping.
        }
    }

    @Override
    public Map<String, Long> counters() {
        return counters.snapshot();
    }

    @Override
    public synchronized void close() throws IOException {
        closed = true;
        if (watcher != null) {
            watcher.close();
            watcher = null;
        }
    }

    @Override
    public String toString() {
        return "file " + path;
    }
}
