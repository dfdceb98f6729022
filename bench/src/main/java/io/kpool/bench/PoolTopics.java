package io.kpool.bench;

import io.kpool.pool.PoolClientOptions;
import io.kpool.pool.PoolWorkerOptions;

/**
 * The topics and group of one benchmark's pool: the options of its workers (in this JVM or
 * started by {@link WorkerProcesses}) and of its clients, all with kpool's default batching.
 *
 * @param servers the broker
 * @param run names the topics and group
 * @param partitions partitions of the tasks topic
 * @param clients partitions of the callback topic: one per client
 */
record PoolTopics(String servers, String run, int partitions, int clients) {
    PoolTopics {
        Stats.requirePositive("--partitions", partitions);
        Stats.requirePositive("clients", clients);
    }

    String tasksTopic() {
        return "bench-tasks-" + run;
    }

    String callbackTopic() {
        return "bench-callbacks-" + run;
    }

    String group() {
        return "bench-workers-" + run;
    }

    PoolWorkerOptions worker(int processes, String name) {
        return PoolWorkerOptions.builder().bootstrapServers(servers).tasksTopic(tasksTopic()).callbackTopic(callbackTopic())
                .group(group()).tasksPartitions(partitions).callbackPartitions(clients).processes(processes).bufferSize(10_000)
                .kafkaProperty("linger.ms", PoolBench.LINGER_MS).clientId(name).build();
    }

    PoolClientOptions client(String name) {
        return PoolClientOptions.builder().bootstrapServers(servers).tasksTopic(tasksTopic()).callbackTopic(callbackTopic())
                .tasksPartitions(partitions).callbackPartitions(clients)
                .kafkaProperty("linger.ms", PoolBench.LINGER_MS).clientId(name).build();
    }

    /** @return this pool's options as {@code bench worker} arguments */
    java.util.List<String> workerArguments(int processes, String name) {
        return java.util.List.of("worker", "--bootstrap-servers", servers, "--run", run, "--partitions", Integer.toString(partitions),
                "--clients", Integer.toString(clients), "--processes", Integer.toString(processes), "--name", name);
    }
}
