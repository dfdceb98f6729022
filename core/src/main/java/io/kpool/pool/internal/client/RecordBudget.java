package io.kpool.pool.internal.client;

import io.kpool.pool.internal.wire.TaskMessage;

/**
 * What the task record being packed may still take: at most {@code kpool.pool.max.tasks.per.record}
 * calls and about {@value #RECORD_WORK_MICROS} µs of their known run time ({@link TaskCosts}), since a
 * worker runs a record's tasks one after another on one thread. Quick tasks are always packed. In a burst
 * of at least {@value #BURST_PER_PARTITION} tasks per partition, tasks too slow to be quick are packed by
 * that budget too — a burst of 1 ms tasks goes four to a record: a quarter of the records, results,
 * hand-overs and commits, while every partition still gets plenty — but never a task that alone takes
 * more than half of it. Outside a burst a slow task travels alone, to run beside the others, not after them.
 */
final class RecordBudget {
    /** About the most known run time one record carries. */
    static final long RECORD_WORK_MICROS = 5_000;
    /** A take of at least this many tasks per partition is a burst: tasks that are not quick may be packed too. */
    static final int BURST_PER_PARTITION = 4;

    private final TaskCosts costs;
    private final int maxCalls;
    private int calls;
    private long micros;

    RecordBudget(TaskCosts costs, int maxCalls) {
        this.costs = costs;
        this.maxCalls = maxCalls;
    }

    /**
     * @param message a task
     * @param messageCalls the calls it carries ({@link TaskSender#calls})
     * @param burst whether the sender took a burst of tasks
     * @return its known run time if it may share a record, or -1 if it travels alone: a task whose run time is
     *     not known yet, a map chunk of {@code maxTasksPerRecord} items or more, a task too slow to be quick
     *     outside a burst, or one that alone takes more than half a record's budget
     */
    long packableMicros(TaskMessage message, int messageCalls, boolean burst) {
        long known = costs.micros(message.task());
        if (messageCalls >= maxCalls || known < 0) {
            return -1;
        }
        boolean quick = known < TaskCosts.QUICK_MICROS;
        if (!quick && (!burst || known * 2 > RECORD_WORK_MICROS)) {
            return -1;
        }
        return quick && message.batch() != null ? 0 : known * messageCalls; // a chunk's cost is learnt per chunk, not per item
    }

    /** @return true if a task of that many calls and that run time still fits the record being packed */
    boolean fits(int messageCalls, long messageMicros) {
        return calls + messageCalls <= maxCalls && micros + messageMicros <= RECORD_WORK_MICROS;
    }

    void add(int messageCalls, long messageMicros) {
        calls += messageCalls;
        micros += messageMicros;
    }

    /** The record was sent: the next one starts empty. */
    void reset() {
        calls = 0;
        micros = 0;
    }
}
