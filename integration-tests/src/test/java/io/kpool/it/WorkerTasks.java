package io.kpool.it;

import io.kpool.pool.Task;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * A class-path directory that installs {@link RecordedSleepTask} in a pool-worker process (its class file and
 * a {@code META-INF/services} entry), without the rest of the test classes (their {@code logback-test.xml}
 * would replace the service's logging).
 */
final class WorkerTasks {
    private WorkerTasks() {
    }

    /** @return the class path of a pool-worker that also has {@link RecordedSleepTask}: the pool-worker jar and {@code directory} */
    static String classpath(Path directory) {
        String classFile = RecordedSleepTask.class.getName().replace('.', '/') + ".class";
        try (InputStream in = RecordedSleepTask.class.getClassLoader().getResourceAsStream(classFile)) {
            if (in == null) {
                throw new IllegalStateException("Cannot find " + classFile);
            }
            Path target = directory.resolve(classFile);
            Files.createDirectories(target.getParent());
            Files.write(target, in.readAllBytes());
            Path services = directory.resolve("META-INF/services/" + Task.class.getName());
            Files.createDirectories(services.getParent());
            Files.writeString(services, RecordedSleepTask.class.getName() + "\n", StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot install " + RecordedSleepTask.NAME + " in " + directory, e);
        }
        return ServiceProcess.jar("kpool.pool-worker.jar") + java.io.File.pathSeparator + directory;
    }
}
