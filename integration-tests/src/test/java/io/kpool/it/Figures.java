package io.kpool.it;

import java.util.Locale;

/**
 * One fault scenario's figures, as the fault tests print them and the README's "Fault matrix" shows them.
 *
 * @param scenario what was done to the workers
 * @param submitted tasks the client submitted
 * @param resultsAtClient tasks whose result reached the client's callback
 * @param duplicateDeliveries callbacks run a second (or later) time for one task
 * @param resultsOnTopic results on the callback topic, duplicates included (the fence task not counted): completed executions
 * @param duplicateResults results on the topic beyond the first of each task: duplicate executions
 * @param faults workers killed or stopped
 * @param inFlightBound tasks in flight on the killed workers when they were killed: the tasks on their partitions not yet committed
 *     (running, waiting, or answered and not yet committed: {@link InFlightTasks}), over all kills; 0 without kills
 * @param seconds the scenario's wall time
 * @param executions starts of the tasks, each recorded by the task itself ({@link RecordedSleepTask}); -1 if not recorded
 * @param duplicateExecutions starts beyond the first of each task; -1 if not recorded
 */
record Figures(String scenario, int submitted, long resultsAtClient, long duplicateDeliveries, long resultsOnTopic,
               long duplicateResults, int faults, long inFlightBound, double seconds, long executions, long duplicateExecutions)
        implements FaultFigures {

    /** Figures of a scenario whose tasks do not record their executions. */
    Figures(String scenario, int submitted, long resultsAtClient, long duplicateDeliveries, long resultsOnTopic,
            long duplicateResults, int faults, long inFlightBound, double seconds) {
        this(scenario, submitted, resultsAtClient, duplicateDeliveries, resultsOnTopic, duplicateResults, faults, inFlightBound,
                seconds, -1, -1);
    }

    @Override
    public String line() {
        String executed = executions < 0 ? "" : String.format(Locale.ROOT, " | executions %d | duplicate executions %d",
                executions, duplicateExecutions);
        return String.format(Locale.ROOT, "FAULT MATRIX | %s | submitted %d | results at client %d | duplicate deliveries %d"
                        + " | results on topic %d | duplicate results on topic %d%s | killed/stopped %d | in flight at the fault %d | %.1f s",
                scenario, submitted, resultsAtClient, duplicateDeliveries, resultsOnTopic, duplicateResults, executed, faults,
                inFlightBound, seconds);
    }
}
