package io.kpool.core.internal.kafka;

import java.time.Duration;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.producer.Callback;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.errors.AuthenticationException;
import org.apache.kafka.common.errors.AuthorizationException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends records that must arrive (a worker's answers, a client's tasks): a record the producer gave up on for a
 * reason that can pass — the broker's disk failed under it ({@code UnknownServerException},
 * {@code KafkaStorageException}), a delivery timeout during an outage — is sent again after {@link #PAUSE}, until
 * it is stored or the resender is closed; its callback hears only the outcome. A refusal that cannot pass (too large,
 * no such topic, not authorized, the producer closed) goes to the callback at once, as does the last failure of
 * a record still waiting when the resender closes. One WARN per {@link #LOG_INTERVAL} at most.
 *
 * <p>A failure such as {@code UnknownServerException} does not say whether the broker stored the record (a failing
 * disk can fail after appending), so the first copy may be on the topic too. The copy sent again carries the
 * {@link #SENT_AGAIN_HEADER} header, and a consumer-group member that took a record of the same key and size on that
 * partition skips it ({@code RecentRecords}).
 */
public final class Resender implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(Resender.class);
    /** How long a failed record waits before it is sent again. */
    public static final Duration PAUSE = Duration.ofSeconds(1);
    /** Marks a record sent again after a failure that left open whether the first copy was stored. */
    public static final String SENT_AGAIN_HEADER = "kpool-sent-again";
    private static final Duration LOG_INTERVAL = Duration.ofSeconds(30);

    private final Producer<byte[], byte[]> producer;
    private final String owner;
    private final ScheduledExecutorService resends;
    private final Set<Waiting> waiting = ConcurrentHashMap.newKeySet();
    private final AtomicLong resent = new AtomicLong();
    private final AtomicLong lastLog = new AtomicLong(System.nanoTime() - LOG_INTERVAL.toNanos());

    /** A record waiting to be sent again. */
    private record Waiting(ProducerRecord<byte[], byte[]> record, Callback callback, Exception failure) {
    }

    /**
     * @param producer the producer that sends the records; not closed by this
     * @param owner the worker or client, for the log and the thread's name
     */
    public Resender(Producer<byte[], byte[]> producer, String owner) {
        this.producer = producer;
        this.owner = owner;
        this.resends = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "kpool-resend-" + owner);
            thread.setDaemon(true);
            return thread;
        });
    }

    /**
     * @param record a record to store
     * @param callback told once: stored, or failed for good
     */
    public void send(ProducerRecord<byte[], byte[]> record, Callback callback) {
        producer.send(record, (metadata, exception) -> {
            if (exception == null || permanent(exception) || resends.isShutdown()) {
                callback.onCompletion(metadata, exception);
            } else {
                again(new Waiting(record, callback, exception));
            }
        });
    }

    private void again(Waiting one) {
        long count = resent.incrementAndGet();
        long now = System.nanoTime();
        long last = lastLog.get();
        if (now - last >= LOG_INTERVAL.toNanos() && lastLog.compareAndSet(last, now)) {
            LOG.warn("{}: a record for '{}' was not stored ({}); it is sent again every {} ms until it is ({} resent so far)",
                    owner, one.record().topic(), one.failure().toString(), PAUSE.toMillis(), count);
        }
        waiting.add(one);
        try {
            resends.schedule(() -> {
                if (waiting.remove(one)) {
                    try {
                        send(sentAgain(one.record()), one.callback());
                    } catch (RuntimeException e) { // the producer closed meanwhile: the callback still hears the outcome
                        one.callback().onCompletion(null, e);
                    }
                }
            }, PAUSE.toMillis(), TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            if (waiting.remove(one)) {
                one.callback().onCompletion(null, one.failure());
            }
        }
    }

    /** @return a copy of the record marked with {@link #SENT_AGAIN_HEADER} (the headers of one sent are read-only) */
    static ProducerRecord<byte[], byte[]> sentAgain(ProducerRecord<byte[], byte[]> record) {
        RecordHeaders headers = new RecordHeaders(record.headers().toArray());
        headers.remove(SENT_AGAIN_HEADER);
        headers.add(SENT_AGAIN_HEADER, new byte[] {'1'});
        return new ProducerRecord<>(record.topic(), record.partition(), record.timestamp(), record.key(), record.value(), headers);
    }

    /** @return how many sends were repeated */
    public long resent() {
        return resent.get();
    }

    /**
     * @param exception why the producer gave up on a record
     * @return true for a refusal that sending again cannot change
     */
    public static boolean permanent(Exception exception) {
        return exception instanceof RecordTooLargeException || exception instanceof UnknownTopicOrPartitionException
                || exception instanceof InvalidTopicException || exception instanceof AuthorizationException
                || exception instanceof AuthenticationException || exception instanceof SerializationException
                || exception instanceof IllegalStateException; // the producer is closed
    }

    /** Sends nothing again from now on: each record still waiting has its last failure told to its callback. */
    @Override
    public void close() {
        resends.shutdownNow();
        for (Waiting one : waiting) {
            if (waiting.remove(one)) {
                one.callback().onCompletion(null, one.failure());
            }
        }
    }
}
