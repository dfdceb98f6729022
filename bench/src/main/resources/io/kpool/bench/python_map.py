# The map benchmark's Python baseline: multiprocessing.Pool(PROCESSES).map(square, range(n), chunksize=C).
# Arguments: PROCESSES ITEMS CHUNKSIZES (comma-separated). Prints "chunksize items tasks_per_second" per chunksize.
import sys
import time
from multiprocessing import Pool


def square(x):
    return x * x


if __name__ == '__main__':
    processes, items, chunksizes = int(sys.argv[1]), int(sys.argv[2]), [int(c) for c in sys.argv[3].split(',')]
    with Pool(processes) as pool:
        pool.map(square, range(100_000), chunksize=100)  # start the processes, warm up
        for chunksize in chunksizes:
            n = min(items, 100_000 * chunksize)  # chunksize 1 is slow in Python: fewer items, same rate
            start = time.perf_counter()
            results = pool.map(square, range(n), chunksize=chunksize)
            seconds = time.perf_counter() - start
            if len(results) != n or results[-1] != (n - 1) ** 2:
                sys.exit("Python's map returned wrong results")
            print(chunksize, n, n / seconds, flush=True)
