package io.kpool.pool;

/**
 * A named function a pool worker can run: kpool's stand-in for the Python function passed to
 * {@code Pool.apply}. Implementations are found with {@link java.util.ServiceLoader}: list the class
 * in {@code META-INF/services/io.kpool.pool.Task} of a jar on the worker's classpath.
 *
 * <pre>{@code
 * public final class SquareTask implements Task {
 *     public String name() { return "square"; }
 *     public Object execute(TaskArguments args) { long n = args.getLong(0); return n * n; }
 * }
 * }</pre>
 *
 * Implementations must be thread-safe: a worker runs one instance on all its threads.
 *
 * <p>Anyone who can write to the tasks topic can call any task a worker has. A task that reaches beyond
 * the worker (fetches URLs, touches files, runs commands) should return false from
 * {@link #enabledByDefault()}: a worker then runs it only where it is named explicitly
 * ({@link TaskRegistry#installed(java.util.Collection)}, {@code pool-worker --tasks}).
 */
public interface Task {

    /** @return the name clients call the task by, e.g. {@code "square"} */
    String name();

    /**
     * Whether a worker runs this task without being told to: {@link TaskRegistry#installed()} takes only
     * the tasks that return true; {@link TaskRegistry#installed(java.util.Collection)} takes any installed
     * task by name.
     *
     * @return true (the default) for a task every worker may run; false for one that must be enabled by name
     */
    default boolean enabledByDefault() {
        return true;
    }

    /**
     * Runs the task once.
     *
     * @param arguments the call's positional and keyword arguments
     * @return the result, any JSON-serialisable value (null allowed)
     * @throws Exception anything: the client's {@code get} throws a {@link RemoteTaskException}
     *     carrying its type, message and stack; throw {@link TaskArgumentException} for bad arguments
     */
    Object execute(TaskArguments arguments) throws Exception;
}
