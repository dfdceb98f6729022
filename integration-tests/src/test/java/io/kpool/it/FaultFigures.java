package io.kpool.it;

/** What every fault scenario's figures count, whatever the fault: the client's tasks and their results. */
interface FaultFigures {
    /** @return tasks the client submitted */
    int submitted();

    /** @return tasks whose result reached the client's callback */
    long resultsAtClient();

    /** @return callbacks run a second (or later) time for one task */
    long duplicateDeliveries();

    /** @return the scenario's {@code FAULT MATRIX} line, as the README's "Fault matrix" shows it */
    String line();
}
