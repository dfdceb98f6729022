package io.kpool.pool;

import io.kpool.core.KpoolConfigException;
import java.util.Collection;
import java.util.Map;
import java.util.Optional;
import java.util.ServiceLoader;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.function.Predicate;
import java.util.stream.Collectors;

/**
 * The tasks a worker can run, by name: tasks installed on the classpath ({@link ServiceLoader}), either
 * those {@linkplain Task#enabledByDefault() enabled by default} or those selected by name, plus any added.
 */
public final class TaskRegistry {
    private final Map<String, Task> tasks;

    private TaskRegistry(Map<String, Task> tasks) {
        this.tasks = Map.copyOf(tasks);
    }

    /**
     * @return every installed {@link Task} (listed in a {@code META-INF/services/io.kpool.pool.Task} on the
     *     classpath) that is {@linkplain Task#enabledByDefault() enabled by default}
     * @throws KpoolConfigException if two installed tasks share a name
     */
    public static TaskRegistry installed() {
        return everyInstalledTask().filter(Task::enabledByDefault);
    }

    /**
     * Selects installed tasks by name, whether they are enabled by default or not: how a worker enables a
     * task that must be asked for.
     *
     * @param names the tasks to run, at least one
     * @return a registry with exactly these tasks
     * @throws KpoolConfigException naming every name no installed task has and listing the installed tasks;
     *     if {@code names} is empty; if two installed tasks share a name
     */
    public static TaskRegistry installed(Collection<String> names) {
        TaskRegistry all = everyInstalledTask();
        Set<String> selected = new TreeSet<>(names);
        if (selected.isEmpty()) {
            throw new KpoolConfigException("No task selected; installed: " + all.describe());
        }
        Set<String> unknown = new TreeSet<>(selected);
        unknown.removeAll(all.tasks.keySet());
        if (!unknown.isEmpty()) {
            throw new KpoolConfigException("Unknown task(s) " + unknown.stream().map(name -> "'" + name + "'")
                    .collect(Collectors.joining(", ")) + ": no installed task has that name; installed: " + all.describe()
                    + ". A task is installed by a jar on the classpath that lists it in META-INF/services/" + Task.class.getName());
        }
        return all.filter(task -> selected.contains(task.name()));
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

    private static TaskRegistry everyInstalledTask() {
        TaskRegistry all = new TaskRegistry(Map.of());
        for (Task task : ServiceLoader.load(Task.class)) {
            all = all.with(task);
        }
        return all;
    }

    private TaskRegistry filter(Predicate<Task> keep) {
        return new TaskRegistry(tasks.values().stream().filter(keep).collect(Collectors.toMap(Task::name, task -> task)));
    }

    /** @return the names, sorted, each task that is not enabled by default marked so */
    private String describe() {
        return new TreeMap<>(tasks).values().stream()
                .map(task -> task.enabledByDefault() ? task.name() : task.name() + " (only when selected by name)")
                .collect(Collectors.joining(", ", "[", "]"));
    }
}
