package io.kpool.examples;

import io.kpool.pool.Pool;
import java.io.PrintWriter;
import picocli.CommandLine.Command;

/** The seed's synchronous {@code Pool.apply} loop: each square is computed by a pool worker, one after the other. */
@Command(name = "pool-apply",
        description = {"The seed's Pool.apply (三.1): squares 0..9 on the pool, one blocking call at a time.",
                "    for i in range(10): print(pool.apply(\"square\", i))",
                "Each apply submits one 'square' task to the tasks topic and blocks until a pool worker has run it and "
                        + "its result came back on this client's partition of the callback topic: prints 0, 1, 4 ... 81, "
                        + "one per line, in order.",
                SquaresExample.NEEDS_A_WORKER,
                "Without one, the first task fails after --timeout (exit code 1)."})
public final class PoolApplyExample extends SquaresExample {
    @Override
    void square(Pool squares, int count, PrintWriter out) {
        for (int i = 0; i < count; i++) {
            out.println(squares.apply("square", i)); // blocks until this task's result is back
        }
        squares.close();
        squares.join();
    }
}
