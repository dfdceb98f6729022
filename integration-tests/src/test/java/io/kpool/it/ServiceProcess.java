package io.kpool.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * One kpool service jar running as its own JVM process, its output collected line by line (and
 * echoed with a prefix, so a failing test's log shows what each process said).
 */
final class ServiceProcess implements AutoCloseable {
    private final String label;
    private final Process process;
    private final List<String> lines = new CopyOnWriteArrayList<>();
    private final Thread reader;

    private ServiceProcess(String label, Process process) {
        this.label = label;
        this.process = process;
        this.reader = new Thread(this::readOutput, "output-" + label);
        reader.setDaemon(true);
        reader.start();
    }

    /**
     * @param label a name for the logs
     * @param jarProperty the system property holding the jar's path
     * @param env extra environment (e.g. KAFKA_BOOTSTRAP_SERVERS)
     * @param args the service's arguments
     */
    static ServiceProcess start(String label, String jarProperty, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("-jar", jar(jarProperty)));
        command.addAll(List.of(args));
        return launch(label, command, env);
    }

    /**
     * @param label a name for the logs
     * @param classpath the JVM's class path
     * @param mainClass the class whose {@code main} runs
     * @param env extra environment (e.g. KAFKA_BOOTSTRAP_SERVERS)
     * @param args the program's arguments
     */
    static ServiceProcess startMain(String label, String classpath, String mainClass, Map<String, String> env, String... args) {
        List<String> command = new ArrayList<>(List.of("-cp", classpath, mainClass));
        command.addAll(List.of(args));
        return launch(label, command, env);
    }

    /** @return the path of a built service jar, named by the system property {@code jarProperty} */
    static String jar(String jarProperty) {
        String jar = System.getProperty(jarProperty);
        if (jar == null || !Path.of(jar).toFile().isFile()) {
            throw new IllegalStateException("System property " + jarProperty + " must point at the built jar, got " + jar
                    + " (run through 'mvn verify', which builds the apps first)");
        }
        return jar;
    }

    private static ServiceProcess launch(String label, List<String> javaArgs, Map<String, String> env) {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "-Xmx192m", "-XX:TieredStopAtLevel=1"));
        command.addAll(javaArgs);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // no locale, as in a fresh container: the services must keep non-ASCII text whole on their own
        builder.environment().keySet().removeAll(List.of("LANG", "LC_ALL", "LC_CTYPE"));
        builder.environment().putAll(env);
        try {
            return new ServiceProcess(label, builder.start());
        } catch (IOException e) {
            throw new UncheckedIOException("Cannot start " + label, e);
        }
    }

    private void readOutput() {
        try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
            for (String line = in.readLine(); line != null; line = in.readLine()) {
                lines.add(line);
                System.out.println("[" + label + "] " + line);
            }
        } catch (IOException e) {
            lines.add("<output lost: " + e + ">");
        }
    }

    List<String> lines() {
        return List.copyOf(lines);
    }

    boolean hasLine(Predicate<String> predicate) {
        return lines.stream().anyMatch(predicate);
    }

    /** @return the exit code, after waiting at most {@code timeout} (then the test fails) */
    int waitForExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new AssertionError(label + " did not exit within " + timeout + "; its output:\n" + String.join("\n", lines));
        }
        reader.join(5_000);
        return process.exitValue();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** SIGKILL: no shutdown hook, no commit, no goodbye to the group. */
    void kill() throws InterruptedException {
        process.toHandle().destroyForcibly(); // through the handle: Process.destroy* would also close our end of its output
        process.waitFor(10, TimeUnit.SECONDS);
    }

    /** SIGSTOP: the process stalls (as in a long GC pause) until {@link #resume()}. */
    void pause() throws IOException, InterruptedException {
        signal("STOP");
    }

    /** SIGCONT: a paused process goes on where it stopped. */
    void resume() throws IOException, InterruptedException {
        signal("CONT");
    }

    private void signal(String name) throws IOException, InterruptedException {
        Process kill = new ProcessBuilder("kill", "-" + name, Long.toString(process.pid())).inheritIO().start();
        if (!kill.waitFor(10, TimeUnit.SECONDS) || kill.exitValue() != 0) {
            throw new AssertionError("kill -" + name + " " + process.pid() + " failed");
        }
    }

    /** SIGTERM, leaving its output readable to the end. */
    void terminate() {
        process.toHandle().destroy();
    }

    @Override
    public void close() {
        if (process.isAlive()) {
            try {
                process.destroyForcibly().waitFor(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
