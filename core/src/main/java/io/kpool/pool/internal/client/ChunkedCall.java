package io.kpool.pool.internal.client;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonNode;
import io.kpool.core.KpoolException;
import io.kpool.core.internal.kafka.Json;
import io.kpool.pool.AsyncResult;
import io.kpool.pool.internal.wire.TaskMessage;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The map family: splits calls into chunks of {@code chunksize} argument lists, one task message
 * per chunk ({@link TaskMessage#batch()}), and reassembles the results in order, all at once or as
 * an iterator (in order or as they complete). A chunk of more than {@value #MAX_CHUNK_MESSAGE_ITEMS}
 * items travels as several task messages of at most that many. Neither a chunk's task message nor its
 * answer (one record each) may outgrow a record (100,000 squares are over a megabyte of JSON, the
 * producer's default {@code max.request.size}), and larger messages made {@code map} slower, not faster:
 * with 10,000 items a message, 1,000,000 items were 100 records of 80–120 KB, each stage of the
 * pipeline (build, write, decode, run, answer, read) held a whole chunk before passing it on, and
 * {@code bench map} ran at 0.2–0.45× its speed at chunksize 1,000 on an idle machine. At 1,000
 * items a message (about 10 KB of arguments, 14 KB of squares) every chunksize from 1,000 up travels
 * exactly as chunksize 1,000 does.
 *
 * @param <R> the type of each result
 */
final class ChunkedCall<R> {
    /** The most items one task message of a map carries, whatever the chunksize. */
    static final int MAX_CHUNK_MESSAGE_ITEMS = 1_000;
    /** A chunk's answer is read as the JSON array it is; its elements are converted one by one. */
    private static final JavaType CHUNK_RESULT = Json.mapper().getTypeFactory().constructType(JsonNode.class);

    private final TaskSubmitter submitter;
    private final Executor callbacks;
    private final String task;
    private final Class<R> type;
    private final int chunksize;
    private final List<CompletableFuture<JsonNode>> chunks = new ArrayList<>();

    ChunkedCall(TaskSubmitter submitter, Executor callbacks, String task, Class<R> type, int chunksize) {
        if (chunksize < 1) {
            throw new IllegalArgumentException("chunksize must be at least 1, got " + chunksize);
        }
        this.submitter = submitter;
        this.callbacks = callbacks;
        this.task = task;
        this.type = type;
        this.chunksize = Math.min(chunksize, MAX_CHUNK_MESSAGE_ITEMS);
    }

    ChunkedCall<R> submitSingles(Iterable<?> items) {
        List<List<JsonNode>> batch = new ArrayList<>(chunksize);
        for (Object item : items) {
            batch.add(List.of(Json.toTree(item)));
            batch = flushIfFull(batch);
        }
        return flush(batch);
    }

    ChunkedCall<R> submitArgLists(Iterable<? extends List<?>> argLists) {
        List<List<JsonNode>> batch = new ArrayList<>(chunksize);
        for (List<?> args : argLists) {
            batch.add(Json.toTrees(args));
            batch = flushIfFull(batch);
        }
        return flush(batch);
    }

    private List<List<JsonNode>> flushIfFull(List<List<JsonNode>> batch) {
        if (batch.size() < chunksize) {
            return batch;
        }
        flush(batch);
        return new ArrayList<>(chunksize);
    }

    private ChunkedCall<R> flush(List<List<JsonNode>> batch) {
        if (!batch.isEmpty()) {
            chunks.add(submitter.submitChunk(task, batch, CHUNK_RESULT));
        }
        return this;
    }

    AsyncResult<List<R>> all(Consumer<? super List<R>> callback, Consumer<? super KpoolException> errorCallback) {
        // each chunk's results are converted as it arrives, not all at the end
        List<CompletableFuture<List<R>>> converted = chunks.stream().map(chunk -> chunk.thenApply(this::convert)).toList();
        CompletableFuture<List<R>> all = CompletableFuture.allOf(converted.toArray(CompletableFuture<?>[]::new)).thenApply(done -> {
            List<R> results = new ArrayList<>(converted.size() * chunksize);
            converted.forEach(chunk -> results.addAll(chunk.join()));
            return results;
        });
        if (callback != null || errorCallback != null) {
            all = all.whenCompleteAsync((results, failure) -> {
                if (failure == null && callback != null) {
                    callback.accept(results);
                } else if (failure != null && errorCallback != null) {
                    errorCallback.accept(asKpool(failure));
                }
            }, callbacks);
        }
        return new FutureResult<>("map of task '" + task + "' (" + chunks.size() + " chunk(s))", all);
    }

    Iterator<R> inOrder(Duration wait) {
        Iterator<CompletableFuture<JsonNode>> pendingChunks = chunks.iterator();
        return results(pendingChunks::next, wait);
    }

    Iterator<R> asCompleted(Duration wait) {
        BlockingQueue<CompletableFuture<JsonNode>> finished = new LinkedBlockingQueue<>();
        chunks.forEach(chunk -> chunk.whenComplete((result, failure) -> finished.add(chunk)));
        return results(() -> take(finished, wait), wait);
    }

    /** The results of every chunk, one chunk after another in the order {@code nextChunk} gives them. */
    private Iterator<R> results(Supplier<CompletableFuture<JsonNode>> nextChunk, Duration wait) {
        int total = chunks.size();
        return new Iterator<>() {
            private int taken;
            private Iterator<R> current = List.<R>of().iterator();

            @Override
            public boolean hasNext() {
                while (!current.hasNext() && taken < total) {
                    taken++;
                    current = convert(await(nextChunk.get(), wait)).iterator();
                }
                return current.hasNext();
            }

            @Override
            public R next() {
                if (!hasNext()) {
                    throw new NoSuchElementException();
                }
                return current.next();
            }
        };
    }

    private List<R> convert(JsonNode nodes) {
        if (nodes == null || !nodes.isArray()) {
            throw new KpoolException("A chunk of task '" + task + "' was answered with " + (nodes == null ? "nothing" : nodes.getNodeType())
                    + ", not the array of its results");
        }
        List<R> results = new ArrayList<>(nodes.size());
        for (JsonNode node : nodes) {
            try {
                results.add(Json.fromTree(node, type));
            } catch (JsonProcessingException | IllegalArgumentException e) {
                throw new KpoolException("A result of task '" + task + "' cannot be read as " + type.getName() + ": " + e.getMessage(), e);
            }
        }
        return results;
    }

    private static <T> T await(CompletableFuture<T> future, Duration wait) {
        return new FutureResult<>("a chunk", future).get(wait);
    }

    private static <T> T take(BlockingQueue<T> queue, Duration wait) {
        try {
            T next = queue.poll(wait.toMillis(), java.util.concurrent.TimeUnit.MILLISECONDS);
            if (next == null) {
                throw new io.kpool.pool.TaskTimeoutException("No further result within " + wait);
            }
            return next;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KpoolException("Interrupted while waiting for results", e);
        }
    }

    private static KpoolException asKpool(Throwable failure) {
        Throwable cause = failure instanceof java.util.concurrent.CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        return cause instanceof KpoolException kpool ? kpool : new KpoolException(cause.getMessage(), cause);
    }
}
