/* SPDX-License-Identifier: Apache-2.0 */
/* Helpers shared by the benchmark programs (bench_parse.c,
 * bench_libyaml_baseline.c): monotonic and CPU time, median, peak RSS, whole-file
 * reads. Benchmarks print figures; they never judge them. */
#ifndef NONO_BENCH_H
#define NONO_BENCH_H

#include <errno.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/resource.h>
#include <time.h>

static inline double bench_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_MONOTONIC, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

/* CPU time of this process (user + system). On a shared machine it is
 * steadier than wall time: time spent waiting for a CPU is not counted. */
static inline double bench_cpu_now(void)
{
	struct timespec ts;

	clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &ts);
	return (double)ts.tv_sec + (double)ts.tv_nsec * 1e-9;
}

static inline int bench_cmp_double(const void *a, const void *b)
{
	double x = *(const double *)a, y = *(const double *)b;

	return (x > y) - (x < y);
}

/* Median of @n samples (sorts them in place). */
static inline double bench_median(double *v, size_t n)
{
	qsort(v, n, sizeof(*v), bench_cmp_double);
	return n % 2 ? v[n / 2] : (v[n / 2 - 1] + v[n / 2]) / 2;
}

/* Peak resident set size of this process so far, in KiB. */
static inline long bench_peak_rss_kib(void)
{
	struct rusage ru;

	return getrusage(RUSAGE_SELF, &ru) == 0 ? ru.ru_maxrss : -1;
}

/* The whole file, NUL-terminated (malloc'd); NULL with a message on error. */
static inline char *bench_read_file(const char *path, size_t *len)
{
	FILE *f = fopen(path, "rb");
	char *buf = NULL;
	size_t cap = 0, n = 0;

	if (!f) {
		fprintf(stderr, "%s: %s\n", path, strerror(errno));
		return NULL;
	}
	for (;;) {
		if (cap - n < 65536) {
			cap = cap ? cap * 2 : 1 << 20;
			char *nb = realloc(buf, cap + 1);

			if (!nb) {
				fprintf(stderr, "%s: out of memory\n", path);
				free(buf);
				fclose(f);
				return NULL;
			}
			buf = nb;
		}
		size_t got = fread(buf + n, 1, cap - n, f);

		n += got;
		if (got == 0)
			break;
	}
	if (ferror(f)) {
		fprintf(stderr, "%s: read error\n", path);
		free(buf);
		fclose(f);
		return NULL;
	}
	fclose(f);
	buf[n] = '\0';
	*len = n;
	return buf;
}

/* The rule count the generator wrote on the first line
 * (`# nono-bench: rules=N`), or 0. */
static inline long bench_rules_of(const char *text)
{
	const char *p = strstr(text, "nono-bench: rules=");
	const char *eol = strchr(text, '\n');

	if (!p || (eol && p > eol))
		return 0;
	return strtol(p + strlen("nono-bench: rules="), NULL, 10);
}

/* Parse "-k N" style counts: a positive integer or exit. */
static inline int bench_count_arg(const char *prog, const char *s)
{
	char *end;
	long v = strtol(s, &end, 10);

	if (*s == '\0' || *end != '\0' || v < 1 || v > 1000000) {
		fprintf(stderr, "%s: bad repeat count '%s'\n", prog, s);
		exit(2);
	}
	return (int)v;
}

#endif
