package io.spare.notify.mail;

import static java.util.Objects.requireNonNull;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.Condition;
import java.util.concurrent.locks.ReentrantLock;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A bounded queue of mails and the one daemon thread that sends them. {@link #offer} never blocks:
 * when the queue is full the oldest mail is dropped. Each mail gets {@code 1 + retries} attempts,
 * waiting {@code backoff}, {@code 2 × backoff}, ... between them; then it is dropped with the
 * reason. Memory is bounded by the queue size whatever the relay does.
 */
final class MailOutbox implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(MailOutbox.class);
    static final Duration MAX_BACKOFF = Duration.ofHours(1);
    private static final Duration JOIN_AFTER_INTERRUPT = Duration.ofSeconds(1);

    /** Waits between attempts; cut short when the outbox closes. Injected so that tests never wait. */
    @FunctionalInterface
    interface Pause {
        /** @return false when {@code closing} cut the pause short */
        boolean await(Duration delay, CountDownLatch closing) throws InterruptedException;

        Pause REAL = (delay, closing) -> !closing.await(delay.toNanos(), TimeUnit.NANOSECONDS);
    }

    private final int capacity;
    private final int retries;
    private final Duration backoff;
    private final Duration drainTimeout;
    private final MailSender sender;
    private final Pause pause;

    private final ReentrantLock lock = new ReentrantLock();
    private final Condition notEmpty = lock.newCondition();
    private final CountDownLatch closing = new CountDownLatch(1);
    // Guarded by lock.
    private final ArrayDeque<OutgoingMail> queue = new ArrayDeque<>();
    private OutgoingMail inFlight;
    private Thread thread;
    private boolean closed;
    private long sent;
    private long failedAttempts;
    private long dropped;
    private int abandoned; // given up because of close(), part of dropped

    /**
     * @param drainTimeout how long {@link #close()} lets pending mails go out (one attempt each)
     */
    MailOutbox(int capacity, int retries, Duration backoff, Duration drainTimeout, MailSender sender, Pause pause) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1 (was " + capacity + ")");
        }
        if (retries < 0) {
            throw new IllegalArgumentException("retries must be at least 0 (was " + retries + ")");
        }
        this.capacity = capacity;
        this.retries = retries;
        this.backoff = requireNonNull(backoff, "backoff");
        this.drainTimeout = requireNonNull(drainTimeout, "drainTimeout");
        this.sender = requireNonNull(sender, "sender");
        this.pause = requireNonNull(pause, "pause");
    }

    /**
     * Queues {@code mail} and returns at once, dropping the oldest waiting mail if the queue is full.
     *
     * @return false if the outbox is closed and the mail was not queued
     */
    boolean offer(OutgoingMail mail) {
        requireNonNull(mail, "mail");
        OutgoingMail oldest = null;
        long droppedSoFar;
        lock.lock();
        try {
            if (closing.getCount() == 0) {
                dropped++;
                droppedSoFar = -1;
            } else {
                if (queue.size() >= capacity) {
                    oldest = queue.pollFirst();
                    dropped++;
                }
                queue.addLast(mail);
                startIfNeeded();
                notEmpty.signal();
                droppedSoFar = dropped;
            }
        } finally {
            lock.unlock();
        }
        // Logged outside the lock: a slow appender must not hold up the sender or the next notify().
        if (droppedSoFar < 0) {
            LOG.warn("mail notifier is closed: dropped the mail about {}", mail.about());
            return false;
        }
        if (oldest != null) {
            LOG.warn("mail queue full ({} mails): dropped the oldest, about {} ({} dropped so far)",
                    capacity, oldest.about(), droppedSoFar);
        }
        return true;
    }

    MailStatistics statistics() {
        lock.lock();
        try {
            return new MailStatistics(sent, failedAttempts, dropped, queue.size() + (inFlight == null ? 0 : 1));
        } finally {
            lock.unlock();
        }
    }

    /** The delay before retry number {@code retry} (1-based): backoff doubled each time, at most an hour. */
    Duration delayBefore(int retry) {
        Duration delay = backoff;
        for (int i = 1; i < retry && delay.compareTo(MAX_BACKOFF) < 0; i++) {
            delay = delay.multipliedBy(2);
        }
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    // The thread is started by the first mail, so that creating a notifier opens nothing.
    private void startIfNeeded() {
        if (thread == null) {
            thread = new Thread(this::run, "spare-mail-sender");
            thread.setDaemon(true);
            thread.setContextClassLoader(MailOutbox.class.getClassLoader());
            thread.start();
        }
    }

    private void run() {
        while (true) {
            OutgoingMail mail;
            lock.lock();
            try {
                while (queue.isEmpty() && closing.getCount() > 0) {
                    notEmpty.await();
                }
                if (queue.isEmpty() || closed) {
                    return;
                }
                mail = queue.pollFirst();
                inFlight = mail;
            } catch (InterruptedException e) {
                return;
            } finally {
                lock.unlock();
            }
            boolean done = deliver(mail);
            lock.lock();
            try {
                inFlight = null;
                if (!done) {
                    dropped++;
                    abandoned++;
                }
            } finally {
                lock.unlock();
            }
            if (!done) {
                LOG.warn("mail notifier closing: the mail about {} was not sent", mail.about());
            }
        }
    }

    /** @return true when the mail was sent or dropped, false when closing ended its attempts */
    private boolean deliver(OutgoingMail mail) {
        int attempts = retries + 1;
        for (int attempt = 1; ; attempt++) {
            try {
                List<String> refused = sender.send(mail);
                // Log first, count second: whoever sees the counter change finds the line in the log.
                if (refused.isEmpty()) {
                    LOG.info("sent mail about {} (attempt {} of {})", mail.about(), attempt, attempts);
                } else {
                    LOG.warn("sent mail about {}, but the relay refused {}", mail.about(), refused);
                }
                count(true);
                return true;
            } catch (MailDeliveryException e) {
                if (e.permanent()) {
                    drop(mail, "the relay refused it: " + e.getMessage());
                    return true;
                }
                if (closing.getCount() == 0) {
                    LOG.warn("mail about {}: attempt {} failed while closing: {}", mail.about(), attempt, e.getMessage());
                    count(false);
                    return false;
                }
                if (attempt >= attempts) {
                    drop(mail, attempts + " attempt(s) failed, the last: " + e.getMessage());
                    return true;
                }
                Duration delay = delayBefore(attempt);
                LOG.warn("mail about {}: attempt {} of {} failed, retrying in {} ms: {}",
                        mail.about(), attempt, attempts, delay.toMillis(), e.getMessage());
                count(false);
                try {
                    if (!pause.await(delay, closing)) {
                        return false;
                    }
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return false;
                }
            } catch (RuntimeException | LinkageError e) {
                // A bug or a broken jar must cost one mail, never the sender thread.
                drop(mail, "unexpected error: " + e);
                return true;
            }
        }
    }

    private void count(boolean success) {
        lock.lock();
        try {
            if (success) {
                sent++;
            } else {
                failedAttempts++;
            }
        } finally {
            lock.unlock();
        }
    }

    /** Logs the mail as dropped, then counts the failed attempt and the drop. */
    private void drop(OutgoingMail mail, String reason) {
        LOG.error("dropped mail about {}: {}\nsubject: {}", mail.about(), reason, mail.subject());
        lock.lock();
        try {
            failedAttempts++;
            dropped++;
        } finally {
            lock.unlock();
        }
    }

    /**
     * Stops accepting mails, lets the waiting ones go out for up to the drain timeout (one attempt
     * each, no retries), then stops the thread and logs how many were left unsent. Bounded: returns
     * after at most the drain timeout plus one second.
     */
    @Override
    public void close() {
        Thread sending;
        lock.lock();
        try {
            if (closing.getCount() == 0) {
                return;
            }
            closing.countDown();
            notEmpty.signalAll();
            sending = thread;
        } finally {
            lock.unlock();
        }
        if (sending != null) {
            join(sending, drainTimeout);
            if (sending.isAlive()) {
                lock.lock();
                try {
                    closed = true; // the thread takes no further mail
                } finally {
                    lock.unlock();
                }
                sending.interrupt();
                join(sending, JOIN_AFTER_INTERRUPT);
            }
        }
        int unsent;
        MailStatistics statistics;
        lock.lock();
        try {
            closed = true;
            dropped += queue.size();
            unsent = abandoned + queue.size() + (inFlight == null ? 0 : 1);
            queue.clear();
            statistics = statistics();
        } finally {
            lock.unlock();
        }
        if (unsent > 0) {
            LOG.warn("mail notifier closed: {} mail(s) left unsent ({} sent, {} dropped, {} failed attempts)",
                    unsent, statistics.sent(), statistics.dropped(), statistics.failedAttempts());
        } else {
            LOG.info("mail notifier closed: {} sent, {} dropped, {} failed attempts",
                    statistics.sent(), statistics.dropped(), statistics.failedAttempts());
        }
    }

    private static void join(Thread thread, Duration timeout) {
        try {
            thread.join(Math.max(1, timeout.toMillis()));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
