package io.kpool.bench;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.util.HashMap;
import java.util.Map;

/** CPU time of this process and of its threads: a cost per task that other load on a noisy machine barely changes. */
final class CpuTime {
    private CpuTime() {
    }

    /** @return CPU nanoseconds this JVM has used so far, all threads */
    static long process() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime();
    }

    /** @return CPU nanoseconds so far per live thread, keyed by thread name with digits folded */
    static Map<String, Long> byThread() {
        ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        Map<String, Long> result = new HashMap<>();
        for (long id : threads.getAllThreadIds()) {
            ThreadInfo info = threads.getThreadInfo(id);
            long cpu = threads.getThreadCpuTime(id);
            if (info != null && cpu >= 0) {
                result.merge(info.getThreadName().replaceAll("\\d+", "N") + "#" + id, cpu, Long::sum);
            }
        }
        return result;
    }

    /** Prints the threads that used the most CPU between two {@link #byThread()} snapshots, per task. */
    static void printTop(Map<String, Long> before, Map<String, Long> after, long tasks) {
        Map<String, Long> used = new HashMap<>();
        after.forEach((thread, cpu) -> used.merge(thread.substring(0, thread.lastIndexOf('#')),
                cpu - before.getOrDefault(thread, 0L), Long::sum));
        used.entrySet().stream().sorted(Map.Entry.<String, Long>comparingByValue().reversed()).limit(12)
                .forEach(e -> System.out.printf("     %6.2f µs/task  %s%n", e.getValue() / 1e3 / tasks, e.getKey()));
    }
}
