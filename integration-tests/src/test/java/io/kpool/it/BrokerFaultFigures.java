package io.kpool.it;

import java.util.Locale;

/**
 * One broker fault scenario's figures, as the README's "Fault matrix" shows them.
 *
 * @param scenario what was done to the broker
 * @param submitted tasks (or operations) the client submitted
 * @param resultsAtClient tasks whose result reached the client's callback
 * @param duplicateDeliveries callbacks run a second (or later) time for one task
 * @param resultsOnTopic results on the callback topic, duplicates included (the fence task not counted): completed executions
 * @param duplicateResults executions beyond the first of each task: distinct answer records on the topic beyond the
 *     first per task (an answer record stored twice is one execution)
 * @param faults times a broker went down (killed, or stopped by a full disk)
 * @param inFlightAtFaults tasks submitted and not yet answered when the broker went down, summed over the outages
 * @param longestGapSeconds the longest time between two consecutive results at the client
 * @param seconds the scenario's wall time
 */
record BrokerFaultFigures(String scenario, int submitted, long resultsAtClient, long duplicateDeliveries, long resultsOnTopic,
                          long duplicateResults, int faults, long inFlightAtFaults, double longestGapSeconds, double seconds)
        implements FaultFigures {

    @Override
    public String line() {
        return String.format(Locale.ROOT, "FAULT MATRIX | %s | submitted %d | results at client %d | duplicate deliveries %d"
                        + " | results on topic %d | duplicate runs on topic %d | broker outages %d | in flight at the outages %d"
                        + " | longest gap between results %.1f s | %.1f s",
                scenario, submitted, resultsAtClient, duplicateDeliveries, resultsOnTopic, duplicateResults, faults,
                inFlightAtFaults, longestGapSeconds, seconds);
    }
}
