/**
 * Python's {@code multiprocessing.Pool} over Kafka: a {@link io.kpool.pool.Pool} client submits
 * {@link io.kpool.pool.TaskCall}s ({@code apply}, {@code applyAsync} with callbacks, the {@code map}
 * family) and reads the results from its partition of the callback topic; a {@link io.kpool.pool.PoolWorker}
 * runs the named {@link io.kpool.pool.Task}s of its {@link io.kpool.pool.TaskRegistry} on its threads.
 *
 * <p>Values travel as JSON: Jackson's {@code JsonNode}, {@code JavaType} and {@code TypeReference}
 * appear in this API on purpose (task arguments as JSON, typed results); {@code jackson-databind}
 * is an API dependency of kpool.
 */
package io.kpool.pool;
