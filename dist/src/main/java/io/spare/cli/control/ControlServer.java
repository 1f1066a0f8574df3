package io.spare.cli.control;

import static java.util.Objects.requireNonNull;

import java.io.IOException;
import java.net.StandardProtocolFamily;
import java.net.UnixDomainSocketAddress;
import java.nio.ByteBuffer;
import java.nio.channels.ClosedChannelException;
import java.nio.channels.ServerSocketChannel;
import java.nio.channels.SocketChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.locks.LockSupport;
import java.util.function.Supplier;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The daemon's end of the control socket: a Unix socket that hands every client that connects
 * one status document and closes. Nothing is read from the client, so a client that connects and
 * says nothing costs nothing; one that does not read is dropped after {@link #WRITE_TIMEOUT}.
 * Clients are served one after the other on a thread of their own, never on the event loop.
 *
 * <p>The socket is made readable and writable by its owner and group only (0660); the systemd
 * unit runs Spare as user and group {@code spare}, so root and members of that group may ask.
 */
public final class ControlServer implements AutoCloseable {
    /** How long to wait after a failed accept. */
    private static final Duration ACCEPT_RETRY = Duration.ofMillis(500);

    /** How long one client may take to read its answer. */
    static final Duration WRITE_TIMEOUT = Duration.ofSeconds(5);

    /** {@code sockaddr_un.sun_path} holds 108 bytes, the last one NUL. */
    private static final int MAX_PATH_BYTES = 107;
    private static final int S_IFMT = 0170000;
    private static final int S_IFSOCK = 0140000;

    private static final Logger log = LogManager.getLogger(ControlServer.class);

    private final Path path;
    private final ServerSocketChannel server;
    private final Supplier<byte[]> answer;
    private final Duration writeTimeout;
    private final Object fileKey;
    private final Thread thread;

    private ControlServer(Path path, ServerSocketChannel server, Supplier<byte[]> answer, Duration writeTimeout, Object fileKey) {
        this.path = path;
        this.server = server;
        this.answer = answer;
        this.writeTimeout = writeTimeout;
        this.fileKey = fileKey;
        this.thread = new Thread(this::serve, "spare-control");
        thread.setDaemon(true);
    }

    /**
     * Listens at {@code path}: creates its directory if needed, replaces a stale socket a dead
     * daemon left behind, but never takes the path from a daemon that still answers there, nor
     * replaces anything that is not a socket.
     *
     * @param answer makes the document for one client; called on the control thread
     * @throws IOException saying what is in the way
     */
    public static ControlServer start(Path path, Supplier<byte[]> answer) throws IOException {
        return start(path, answer, WRITE_TIMEOUT);
    }

    static ControlServer start(Path path, Supplier<byte[]> answer, Duration writeTimeout) throws IOException {
        requireNonNull(path, "path");
        requireNonNull(answer, "answer");
        Path absolute = path.toAbsolutePath();
        Path temporary = absolute.resolveSibling(absolute.getFileName() + "." + ProcessHandle.current().pid() + ".new");
        int length = temporary.toString().getBytes(StandardCharsets.UTF_8).length;
        if (length > MAX_PATH_BYTES) {
            throw new IOException(absolute + ": too long for a Unix socket (" + length + " bytes while binding it as "
                    + temporary.getFileName() + "; the kernel takes " + MAX_PATH_BYTES + ")");
        }
        Files.createDirectories(absolute.getParent());
        refuseIfTaken(absolute);
        Files.deleteIfExists(temporary);
        ServerSocketChannel server = ServerSocketChannel.open(StandardProtocolFamily.UNIX);
        try {
            server.bind(UnixDomainSocketAddress.of(temporary));
            // bound under a temporary name and renamed once private, so that no client ever finds
            // the socket with the process's default permissions
            Files.setPosixFilePermissions(temporary, PosixFilePermissions.fromString("rw-rw----"));
            Files.move(temporary, absolute, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            Object fileKey = Files.readAttributes(absolute, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            ControlServer control = new ControlServer(absolute, server, answer, writeTimeout, fileKey);
            control.thread.start();
            return control;
        } catch (IOException | RuntimeException e) {
            server.close();
            Files.deleteIfExists(temporary);
            throw e;
        }
    }

    public Path path() {
        return path;
    }

    private static void refuseIfTaken(Path path) throws IOException {
        int mode;
        try {
            mode = (Integer) Files.getAttribute(path, "unix:mode", LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return;
        }
        if ((mode & S_IFMT) != S_IFSOCK) {
            throw new IOException(path + " exists and is not a socket; not replacing it");
        }
        if (answers(path)) {
            throw new IOException(path + " is in use by another running Spare (give each daemon its own --control-socket)");
        }
        // else nobody listens: a socket a killed daemon left behind, replaced by the caller
    }

    private static boolean answers(Path path) {
        try (SocketChannel probe = SocketChannel.open(UnixDomainSocketAddress.of(path))) {
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    private void serve() {
        while (true) {
            SocketChannel client;
            try {
                client = server.accept();
            } catch (ClosedChannelException e) {
                // close(), also while accept() waited (AsynchronousCloseException)
                return;
            } catch (IOException e) {
                if (!server.isOpen()) {
                    return;
                }
                // out of file descriptors, say: keep serving once it passes, without spinning meanwhile
                log.warn("control socket {}: accept failed: {}", path, e.toString());
                LockSupport.parkNanos(ACCEPT_RETRY.toNanos());
                continue;
            }
            try (client) {
                DeadlineIo.writeFully(client, ByteBuffer.wrap(document()), writeTimeout);
            } catch (IOException e) {
                log.debug("control socket {}: a client went away: {}", path, e.toString());
            }
        }
    }

    private byte[] document() {
        try {
            return answer.get();
        } catch (RuntimeException e) {
            log.warn("control socket {}: no status: {}", path, e.getMessage());
            return StatusJson.error(Objects.requireNonNullElse(e.getMessage(), e.toString()));
        }
    }

    /** Stops listening and removes the socket, unless another daemon has replaced it since. */
    @Override
    public void close() {
        try {
            server.close();
        } catch (IOException e) {
            log.debug("closing the control socket: {}", e.toString());
        }
        try {
            Object now = Files.readAttributes(path, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS).fileKey();
            if (Objects.equals(now, fileKey)) {
                Files.delete(path);
            }
        } catch (IOException e) {
            // already gone
        }
    }
}
