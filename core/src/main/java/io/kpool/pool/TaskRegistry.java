package io.kpool.pool;

import io.kpool.core.KpoolConfigException;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;

/** The tasks a worker can run, by name: those on the classpath ({@link ServiceLoader}) plus any added. */
public final class TaskRegistry {
    private final Map<String, Task> tasks;

    private TaskRegistry(Map<String, Task> tasks) {
        this.tasks = Map.copyOf(tasks);
    }

    /**
     * @return every {@link Task} listed in a {@code META-INF/services/io.kpool.pool.Task} on the classpath,
     *     kpool's built-ins ({@code square}, {@code sleep}, {@code echo}, {@code fail}, {@code http.get}) included
     * @throws KpoolConfigException if two tasks share a name
     */
    public static TaskRegistry installed() {
        TaskRegistry registry = new TaskRegistry(Map.of());
        for (Task task : ServiceLoader.load(Task.class)) {
            registry = registry.with(task);
        }
        return registry;
    }

    /**
     * @param task a task to add
     * @return a registry with it added
     * @throws KpoolConfigException if another task already has its name
     */
    public TaskRegistry with(Task task) {
        Task existing = tasks.get(task.name());
        if (existing != null) {
            throw new KpoolConfigException("Two tasks are named '" + task.name() + "': " + existing.getClass().getName()
                    + " and " + task.getClass().getName());
        }
        Map<String, Task> more = new TreeMap<>(tasks);
        more.put(task.name(), task);
        return new TaskRegistry(more);
    }

    /** @param name a task name @return the task, if registered */
    public Optional<Task> find(String name) {
        return Optional.ofNullable(tasks.get(name));
    }

    /** @return the registered names, sorted */
    public Set<String> names() {
        return new TreeMap<>(tasks).keySet();
    }
}
