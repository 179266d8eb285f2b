/* SPDX-License-Identifier: Apache-2.0 */
/* nonoc: the command-line driver. A thin layer over libnonoc: parse the
 * command line, feed files to the library, render its diagnostics, map the
 * outcome to the documented exit codes. */
#include <getopt.h>
#include <stdarg.h>
#include <stdio.h>
#include <stdlib.h>
#include <stdlib.h>
#include <string.h>
#include <sodium.h>
#include <unistd.h>

#include "bundle.h"
#include "cbpf.h"
#include "compile.h"
#include "emit_bpf.h"
#include "nonoc.h"

static const char usage_text[] =
	"usage: nonoc FILE -o OUT.bundle [--key KEY] [OPTIONS]\n"
	"                                         compile a policy into a signed bundle\n"
	"       nonoc check [OPTIONS] FILE...     check policies: parse, resolve, typecheck, conflicts\n"
	"       nonoc lint [OPTIONS] FILE...      the same, as a CI linter (see --werror)\n"
	"       nonoc --dump-ast [OPTIONS] FILE   print the syntax tree of a policy\n"
	"       nonoc --dump-ir [OPTIONS] FILE    check a policy and print its IR (JSON)\n"
	"       nonoc --emit-c=OUT [OPTIONS] FILE check a policy and write its eBPF C ('-': stdout)\n"
	"       nonoc --emit-obj=OUT [OPTIONS] FILE  … and compile it (clang >= 14, -target bpf)\n"
	"       nonoc --dump-seccomp [OPTIONS] FILE  the seccomp filters, disassembled\n"
	"       nonoc keygen -o NAME              make a signing key pair (NAME, NAME.pub)\n"
	"       nonoc sign BUNDLE --key KEY       sign a bundle (in place, or -o OUT)\n"
	"       nonoc verify BUNDLE --trust PUB   check a bundle's signature and digests\n"
	"       nonoc inspect BUNDLE [--json] (--trust PUB | --insecure-allow-unsigned)\n"
	"       nonoc diff A.bundle B.bundle [--json] (--trust PUB | --insecure-allow-unsigned)\n"
	"       nonoc --help | --version\n"
	"\n"
	"FILE is a policy in the nono language (*.nono) or YAML (*.yaml, *.yml);\n"
	"'-' reads standard input (the syntax is detected from the content).\n"
	"\n"
	"options:\n"
	"  --diagnostics-format=FMT  text (default, on stderr), json or sarif (on stdout)\n"
	"  --color=WHEN              auto (default: only on a terminal, not with NO_COLOR), always, never\n"
	"  --syntax=SYNTAX           nono or yaml: force the front end (default: detect)\n"
	"  --locations               with --dump-ast: print line:col spans\n"
	"  --stdlib-path=DIR         look for `use \"std/NAME\"` in DIR first (repeatable)\n"
	"  --stop-after=PASS         parse, resolve, typecheck or conflicts\n"
	"  --werror                  treat warnings as errors (exit 1)\n"
	"  --clang=PATH              the clang for --emit-obj (default: $NONOC_CLANG, else clang in $PATH)\n"
	"  --vmlinux-h=FILE          kernel types for CO-RE (default: $NONOC_VMLINUX_H, else the installed one)\n"
	"  -o, --output=FILE         the bundle to write (compile)\n"
	"  --key=FILE                sign the bundle with this secret key (nonoc keygen)\n"
	"  --no-bpf-object           leave the BPF object out (no clang; development only:\n"
	"                            nono-load then has no BPF-LSM layer)\n"
	"  -h, --help                this text\n"
	"  -V, --version             the compiler version\n"
	"\n"
	"SOURCE_DATE_EPOCH, when set, is recorded in the bundle; nothing else\n"
	"about the build is, so the same inputs give the same bytes.\n"
	"\n"
	"exit status: 0 no errors (warnings allowed), 1 a policy has errors,\n"
	"             2 usage error or a file could not be read.\n";

enum { OPT_FORMAT = 256, OPT_COLOR, OPT_SYNTAX, OPT_DUMP_AST, OPT_LOCATIONS, OPT_STDLIB, OPT_STOP, OPT_WERROR, OPT_DUMP_IR,
       OPT_EMIT_C, OPT_EMIT_OBJ, OPT_CLANG, OPT_VMLINUX, OPT_KEY, OPT_NO_BPF, OPT_DUMP_SECCOMP };

static const struct option long_opts[] = {
	{ "diagnostics-format", required_argument, NULL, OPT_FORMAT },
	{ "color", required_argument, NULL, OPT_COLOR },
	{ "colour", required_argument, NULL, OPT_COLOR },
	{ "syntax", required_argument, NULL, OPT_SYNTAX },
	{ "dump-ast", no_argument, NULL, OPT_DUMP_AST },
	{ "dump-ir", no_argument, NULL, OPT_DUMP_IR },
	{ "emit-c", required_argument, NULL, OPT_EMIT_C },
	{ "emit-obj", required_argument, NULL, OPT_EMIT_OBJ },
	{ "output", required_argument, NULL, 'o' },
	{ "key", required_argument, NULL, OPT_KEY },
	{ "no-bpf-object", no_argument, NULL, OPT_NO_BPF },
	{ "dump-seccomp", no_argument, NULL, OPT_DUMP_SECCOMP },
	{ "clang", required_argument, NULL, OPT_CLANG },
	{ "vmlinux-h", required_argument, NULL, OPT_VMLINUX },
	{ "locations", no_argument, NULL, OPT_LOCATIONS },
	{ "stdlib-path", required_argument, NULL, OPT_STDLIB },
	{ "stop-after", required_argument, NULL, OPT_STOP },
	{ "werror", no_argument, NULL, OPT_WERROR },
	{ "help", no_argument, NULL, 'h' },
	{ "version", no_argument, NULL, 'V' },
	{ NULL, 0, NULL, 0 },
};

__attribute__((format(printf, 1, 2))) static int usage_error(const char *fmt, ...)
{
	va_list ap;

	fprintf(stderr, "nonoc: error: ");
	va_start(ap, fmt);
	vfprintf(stderr, fmt, ap);
	va_end(ap);
	fprintf(stderr, "\nhint: run 'nonoc --help' for usage\n");
	return NONOC_EXIT_USAGE;
}

/* --emit-c / --emit-obj: the eBPF back end (compiler/emit_bpf.h). Return 0 or an exit code. */
static int emit_bpf(nonoc_ctx *ctx, int src, const char *c_out, const char *obj_out,
		    const struct nono_bpf_compile_opts *opts)
{
	struct nono_bpf_output out;
	char err[NONO_BPF_ERR_SIZE];
	const char *paths[2] = { c_out, obj_out };
	int rc = 0;

	if (nonoc_error_count(ctx))
		return NONOC_EXIT_POLICY;
	if (nonoc_emit_bpf(ctx, src, obj_out != NULL, opts, &out, err, sizeof(err)) < 0) {
		fprintf(stderr, "nonoc: error: %s\n", err);
		return NONOC_EXIT_USAGE;
	}
	for (int i = 0; i < 2 && !rc; i++) {
		const void *data = i ? (const void *)out.obj : out.c;
		size_t len = i ? out.obj_len : out.c_len;
		FILE *f;

		if (!paths[i])
			continue;
		f = strcmp(paths[i], "-") ? fopen(paths[i], "wb") : stdout;
		if (!f || fwrite(data, 1, len, f) != len || (f != stdout && fclose(f) != 0)) {
			fprintf(stderr, "nonoc: error: cannot write '%s'\n", paths[i]);
			rc = NONOC_EXIT_USAGE;
		}
	}
	nono_bpf_output_free(&out);
	return rc;
}

/* The seccomp filters of a checked policy, disassembled (golden tests). */
static int dump_seccomp(nonoc_ctx *ctx, int src)
{
	uint8_t *sc = NULL;
	size_t len = 0;
	char err[512];
	const struct nono_ir *ir = nono_ir_of(ctx, src);

	if (!ir)
		return NONOC_EXIT_POLICY;
	if (nono_emit_seccomp(ir, &sc, &len, err, sizeof(err)) < 0) {
		fprintf(stderr, "nonoc: error: %s\n", err);
		return NONOC_EXIT_POLICY;
	}
	/* Walk the section format (compile.c) we just wrote. */
	size_t off = 12;

	for (uint32_t i = 0; off + 8 <= len; i++) {
		uint32_t arch, n;

		memcpy(&arch, sc + off, 4);
		memcpy(&n, sc + off + 4, 4);
		off += 8;
		printf("# %s: %u instructions\n", ir->sys[i].arch, n);
		nono_cbpf_disasm((const struct sock_filter *)(sc + off), n, stdout);
		off += (size_t)n * 8;
	}
	free(sc);
	return 0;
}

/* nonoc FILE -o OUT [--key KEY]: the whole pipeline into a bundle. */
static int compile_bundle(nonoc_ctx *ctx, int src, const char *out, const char *keyfile,
			  const struct nono_bpf_compile_opts *bpf, int no_bpf)
{
	struct nonoc_build_opts o = { .bpf = bpf, .no_bpf_object = no_bpf };
	uint8_t sk[64], *bytes = NULL;
	size_t len = 0;
	char err[1024];
	const char *epoch = getenv("SOURCE_DATE_EPOCH");
	int rc;

	if (nonoc_error_count(ctx))
		return NONOC_EXIT_POLICY;
	if (keyfile) {
		if (nono_key_load_secret(keyfile, sk, err, sizeof(err)) < 0) {
			fprintf(stderr, "nonoc: error: %s\n", err);
			return NONOC_EXIT_USAGE;
		}
		o.sk = sk;
	}
	if (epoch && *epoch) {
		if (nono_bundle_parse_epoch(epoch, &o.epoch) < 0) {
			fprintf(stderr, "nonoc: error: SOURCE_DATE_EPOCH='%s' is not a number of seconds\n", epoch);
			return NONOC_EXIT_USAGE;
		}
		o.has_epoch = 1;
	}
	rc = nonoc_build_bundle(ctx, src, &o, &bytes, &len, err, sizeof(err));
	sodium_memzero(sk, sizeof(sk));
	if (rc < 0) {
		fprintf(stderr, "nonoc: error: %s\n", err);
		return NONOC_EXIT_POLICY;
	}
	rc = nonoc_write_atomic(out, bytes, len) < 0 ? NONOC_EXIT_USAGE : NONOC_EXIT_OK;
	free(bytes);
	if (rc == NONOC_EXIT_OK && !keyfile)
		fprintf(stderr, "nonoc: warning: %s is unsigned; nono-load refuses it unless told "
				"--insecure-allow-unsigned\nhint: sign it with 'nonoc sign %s --key KEY', or compile with --key\n",
			out, out);
	return rc;
}

int main(int argc, char **argv)
{
	enum nonoc_format fmt = NONOC_FMT_TEXT;
	enum nonoc_syntax syntax = NONOC_SYNTAX_AUTO;
	int color_mode = -1; /* auto */
	int dump_ast = 0, dump_ir = 0, locations = 0, werror = 0, opt;
	const char *cmd = NULL, *stop_after = NULL, *emit_c = NULL, *emit_obj = NULL;
	struct nono_bpf_compile_opts bpf_opts = { 0 };
	int emit_rc = 0, no_bpf = 0, dump_sc = 0;
	const char *out_path = NULL, *key_path = NULL;
	const char *stdlib_paths[32];
	size_t nstdlib = 0;

	/* Bundle commands have their own options (compiler/cmd_bundle.c). */
	nonoc_cmd_fn *bundle_cmd = argc > 1 ? nonoc_bundle_cmd_find(argv[1]) : NULL;

	if (bundle_cmd)
		return bundle_cmd(argc - 1, argv + 1);
	if (argc > 1 && argv[1][0] != '-') {
		/* `nonoc check …`, `nonoc lint …`; anything else is a policy
		 * file to compile (`nonoc agent.nono -o agent.bundle`). */
		if (!strcmp(argv[1], "check") || !strcmp(argv[1], "lint") || !strcmp(argv[1], "compile")) {
			cmd = argv[1];
			argv++;
			argc--;
		} else {
			cmd = "compile";
		}
	}
	while ((opt = getopt_long(argc, argv, "hVo:", long_opts, NULL)) != -1) {
		switch (opt) {
		case OPT_FORMAT:
			if (!strcmp(optarg, "text"))
				fmt = NONOC_FMT_TEXT;
			else if (!strcmp(optarg, "json"))
				fmt = NONOC_FMT_JSON;
			else if (!strcmp(optarg, "sarif"))
				fmt = NONOC_FMT_SARIF;
			else
				return usage_error("unknown diagnostics format '%s' (text, json or sarif)", optarg);
			break;
		case OPT_COLOR:
			if (!strcmp(optarg, "auto"))
				color_mode = -1;
			else if (!strcmp(optarg, "always"))
				color_mode = 1;
			else if (!strcmp(optarg, "never"))
				color_mode = 0;
			else
				return usage_error("unknown --color value '%s' (auto, always or never)", optarg);
			break;
		case OPT_SYNTAX:
			if (!strcmp(optarg, "nono"))
				syntax = NONOC_SYNTAX_NONO;
			else if (!strcmp(optarg, "yaml"))
				syntax = NONOC_SYNTAX_YAML;
			else
				return usage_error("unknown syntax '%s' (nono or yaml)", optarg);
			break;
		case OPT_DUMP_AST:
			dump_ast = 1;
			break;
		case OPT_DUMP_IR:
			dump_ir = 1;
			break;
		case OPT_EMIT_C:
			emit_c = optarg;
			break;
		case OPT_EMIT_OBJ:
			emit_obj = optarg;
			break;
		case OPT_CLANG:
			bpf_opts.clang = optarg;
			break;
		case 'o':
			out_path = optarg;
			break;
		case OPT_KEY:
			key_path = optarg;
			break;
		case OPT_NO_BPF:
			no_bpf = 1;
			break;
		case OPT_DUMP_SECCOMP:
			dump_sc = 1;
			break;
		case OPT_VMLINUX:
			bpf_opts.vmlinux_h = optarg;
			break;
		case OPT_LOCATIONS:
			locations = 1;
			break;
		case OPT_STDLIB:
			if (nstdlib == sizeof(stdlib_paths) / sizeof(stdlib_paths[0]))
				return usage_error("too many --stdlib-path options");
			stdlib_paths[nstdlib++] = optarg;
			break;
		case OPT_STOP:
			stop_after = optarg;
			break;
		case OPT_WERROR:
			werror = 1;
			break;
		case 'h':
			fputs(usage_text, stdout);
			return NONOC_EXIT_OK;
		case 'V':
			printf("nonoc %s\n", nonoc_version());
			return NONOC_EXIT_OK;
		default:
			fprintf(stderr, "hint: run 'nonoc --help' for usage\n");
			return NONOC_EXIT_USAGE;
		}
	}
	if (cmd && !strcmp(cmd, "compile")) {
		if (optind + 1 != argc || !out_path) {
			if (optind < argc && access(argv[optind], F_OK) != 0 && !strchr(argv[optind], '.') &&
			    !strchr(argv[optind], '/'))
				return usage_error("unknown command '%s' (check, lint, keygen, sign, verify, inspect; "
						   "or a policy file to compile)", argv[optind]);
			return usage_error("%s", "compiling takes one policy file and -o OUT.bundle");
		}
	} else if (out_path || key_path) {
		return usage_error("%s", "-o and --key are for compiling: nonoc FILE -o OUT.bundle --key KEY");
	}
	if ((emit_c || emit_obj) && optind + 1 != argc)
		return usage_error("%s", "--emit-c and --emit-obj take exactly one policy file");
	if (!cmd && !dump_ast && !dump_ir && !emit_c && !emit_obj && !dump_sc) {
		if (optind < argc)
			return usage_error("no command given for '%s' (try 'nonoc check FILE')", argv[optind]);
		fputs(usage_text, stderr);
		return NONOC_EXIT_USAGE;
	}
	if (optind >= argc)
		return usage_error("%s", "no policy file given");

	nonoc_ctx *ctx = nonoc_new();
	int io_failed = 0;
	/* stderr is unbuffered: diagnostics would cost a write() per fragment. */
	static char errbuf[1 << 16];

	setvbuf(stderr, errbuf, _IOFBF, sizeof(errbuf));

	if (!ctx) {
		fprintf(stderr, "nonoc: error: out of memory\n");
		return NONOC_EXIT_USAGE;
	}
	for (size_t i = 0; i < nstdlib; i++)
		nonoc_add_search_path(ctx, stdlib_paths[i]);
	/* `check` shows errors and warnings; `lint` also what each kernel level guarantees. */
	nonoc_set_min_severity(ctx, cmd && !strcmp(cmd, "lint") ? NONOC_SEV_NOTE : NONOC_SEV_WARNING);
	if (stop_after && nonoc_stop_after(ctx, stop_after) < 0) {
		nonoc_free(ctx);
		return usage_error("unknown pass '%s' (parse, resolve, typecheck, conflicts)", stop_after);
	}
	for (int i = optind; i < argc; i++) {
		int src = nonoc_add_file(ctx, argv[i]);

		if (src < 0) {
			io_failed = 1;
			continue;
		}
		nonoc_set_syntax(ctx, src, syntax);
		if (dump_ast)
			nonoc_parse(ctx, src);
		else
			nonoc_check(ctx, src);
		if (dump_ast)
			nonoc_dump_ast(ctx, src, stdout, locations);
		if (dump_ir)
			nonoc_dump_ir(ctx, src, stdout);
		if ((emit_c || emit_obj) && !dump_ast)
			emit_rc = emit_bpf(ctx, src, emit_c, emit_obj, &bpf_opts);
		if (dump_sc && !dump_ast)
			emit_rc = dump_seccomp(ctx, src);
		if (cmd && !strcmp(cmd, "compile"))
			emit_rc = compile_bundle(ctx, src, out_path, key_path, &bpf_opts, no_bpf);
	}
	/* Machine formats go to stdout, unless stdout carries the AST dump. */
	FILE *dout = fmt == NONOC_FMT_TEXT || dump_ast || dump_ir || emit_c || emit_obj || dump_sc ? stderr : stdout;
	int color = color_mode == -1 ? (isatty(fileno(dout)) && !getenv("NO_COLOR")) : color_mode;

	nonoc_render_diagnostics(ctx, dout, fmt, color);
	int failed = nonoc_error_count(ctx) || (werror && nonoc_warning_count(ctx));
	int rc = io_failed ? NONOC_EXIT_USAGE : failed ? NONOC_EXIT_POLICY : emit_rc ? emit_rc : NONOC_EXIT_OK;

	nonoc_free(ctx);
	if (fflush(stdout) != 0 && rc == NONOC_EXIT_OK)
		rc = NONOC_EXIT_USAGE;
	return rc;
}
