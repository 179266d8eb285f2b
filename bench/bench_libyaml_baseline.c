/* SPDX-License-Identifier: Apache-2.0 */
/*
 * bench_libyaml_baseline: the peer for the YAML front end. It does the
 * least any libyaml-based reader must do with a policy file: create a
 * parser on the text in memory and pull every event (stream, document,
 * mapping, sequence, scalar, alias) until the end of the stream, deleting
 * each one, and nothing else: no schema, no tree, no diagnostics.
 *
 *   bench_libyaml_baseline [-k K] FILE...
 *
 * Timing and output follow bench_parse (one warm-up, K timed runs, the
 * median; one key=value line per file), so bench-parse.sh can report
 * "nonoc YAML front end time / raw libyaml time" for the same file.
 */
#include <stdio.h>
#include <string.h>
#include <yaml.h>

#include "bench.h"

/* Pull every event; returns the number of events, -1 on a YAML error. */
static long pull_events(const char *text, size_t len)
{
	yaml_parser_t parser;
	yaml_event_t ev;
	long n = 0;
	int done = 0;

	if (!yaml_parser_initialize(&parser))
		return -1;
	yaml_parser_set_input_string(&parser, (const unsigned char *)text, len);
	while (!done) {
		if (!yaml_parser_parse(&parser, &ev)) {
			n = -1;
			break;
		}
		done = ev.type == YAML_STREAM_END_EVENT;
		n++;
		yaml_event_delete(&ev);
	}
	yaml_parser_delete(&parser);
	return n;
}

static int bench_file(const char *path, int k)
{
	size_t len;
	char *text = bench_read_file(path, &len);

	if (!text)
		return -1;
	long rules = bench_rules_of(text);
	long rss_before = bench_peak_rss_kib();
	long events = pull_events(text, len); /* warm-up */
	double *t = calloc((size_t)k, sizeof(*t)), *c = calloc((size_t)k, sizeof(*c));

	if (!t || !c) {
		free(t);
		free(c);
		free(text);
		return -1;
	}
	if (events < 0)
		fprintf(stderr, "%s: libyaml reports a syntax error\n", path);
	for (int i = 0; i < k; i++) {
		double t0 = bench_now(), c0 = bench_cpu_now();

		(void)pull_events(text, len);
		c[i] = bench_cpu_now() - c0;
		t[i] = bench_now() - t0;
	}
	double min = t[0];

	for (int i = 1; i < k; i++)
		min = t[i] < min ? t[i] : min;
	double med = bench_median(t, (size_t)k), cpu = bench_median(c, (size_t)k);

	printf("file=%s syntax=yaml mode=libyaml-events bytes=%zu rules=%ld events=%ld k=%d median_ms=%.4f "
	       "min_ms=%.4f cpu_ms=%.4f rules_per_s=%.0f mib_per_s=%.1f peak_rss_kib=%ld rss_before_kib=%ld\n",
	       path, len, rules, events, k, med * 1e3, min * 1e3, cpu * 1e3,
	       rules > 0 && med > 0 ? (double)rules / med : 0.0,
	       med > 0 ? (double)len / med / (1024.0 * 1024.0) : 0.0, bench_peak_rss_kib(), rss_before);
	free(t);
	free(c);
	free(text);
	return events < 0 ? -1 : 0;
}

int main(int argc, char **argv)
{
	int k = 10, rc = 0, i = 1;

	if (i + 1 < argc && strcmp(argv[i], "-k") == 0) {
		k = bench_count_arg(argv[0], argv[i + 1]);
		i += 2;
	}
	if (i == argc || argv[i][0] == '-') {
		fputs("usage: bench_libyaml_baseline [-k K] FILE...\n", stderr);
		return 2;
	}
	for (; i < argc; i++)
		if (bench_file(argv[i], k) < 0)
			rc = 1;
	return rc;
}
