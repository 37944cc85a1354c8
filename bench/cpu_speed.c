/* cpu_speed.c - how fast each CPU of this machine runs the same loop
 * (`make bench`), so that a reader of its figures knows whether the
 * machine's CPUs ran at one speed while it measured.
 *
 *   cpu_speed
 *
 * On a shared virtual machine one CPU can run at half the speed of the
 * other for minutes on end, while another tenant keeps its core busy
 * (BENCH.md, session 21). The floor runs on one thread and ecap on every
 * CPU, so such a machine makes ecap's rates and its ratio to the floor look
 * worse than they are. For each CPU the process may run on, in turn: the
 * process is pinned there and times a loop that loads, multiplies, adds
 * and stores a number in memory at each step, about half a second, three
 * times, keeping the median. Both matter, as measured here: a loop of
 * multiplications alone in registers ran at one speed on both CPUs while
 * this one ran at half speed on one of them, and this loop run for a tenth
 * of a second ran at full speed on a CPU where it ran at two thirds of it
 * for half a second (the host lets a CPU run in bursts). Prints one line,
 * "cpu N SECONDS" for each CPU, and exits 0; 1 when it can measure none or
 * could not write its line. */
#define _GNU_SOURCE
#include <sched.h>
#include <stdint.h>
#include <stdio.h>
#include <time.h>

#define STEPS 1500000000UL
#define TRIES 3

static double seconds_now(void)
{
	struct timespec now;

	clock_gettime(CLOCK_MONOTONIC, &now);
	return (double)now.tv_sec + (double)now.tv_nsec / 1e9;
}

/* The loop: its total is in memory (volatile), so that each step is a
 * load and a store as well as arithmetic, and needs the step before. */
static double time_loop(void)
{
	volatile uint64_t total = 0;
	double start = seconds_now();

	for (uint64_t i = 0; i < STEPS; i++)
		total += i * i;
	return seconds_now() - start;
}

static double median_of_three(double a, double b, double c)
{
	if ((a <= b && b <= c) || (c <= b && b <= a))
		return b;
	if ((b <= a && a <= c) || (c <= a && a <= b))
		return a;
	return c;
}

int main(void)
{
	cpu_set_t allowed, one;
	int measured = 0;

	if (sched_getaffinity(0, sizeof(allowed), &allowed) < 0)
		return 1;
	for (int cpu = 0; cpu < CPU_SETSIZE; cpu++) {
		double took[TRIES];

		if (!CPU_ISSET(cpu, &allowed))
			continue;
		CPU_ZERO(&one);
		CPU_SET(cpu, &one);
		if (sched_setaffinity(0, sizeof(one), &one) < 0)
			continue;
		for (int try = 0; try < TRIES; try++)
			took[try] = time_loop();
		printf("%scpu %d %.3f", measured ? " " : "", cpu,
		       median_of_three(took[0], took[1], took[2]));
		measured++;
	}
	printf("\n");
	/* a figure that did not reach the report is a failure, not a blank */
	if (fflush(stdout) != 0 || ferror(stdout))
		return 1;
	return measured ? 0 : 1;
}
