/* SPDX-License-Identifier: Apache-2.0 */
/* The resolve pass: merge order, de-duplication, name binding, the
 * search path, and its errors (the exact texts are pinned by the case
 * files in tests/cases/resolve/). */
#include <criterion/criterion.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <unistd.h>

#include "context.h"

static char dir[64];
static nonoc_ctx *ctx;

static void put(const char *name, const char *text)
{
	char path[256];
	FILE *f;

	snprintf(path, sizeof(path), "%s/%s", dir, name);
	f = fopen(path, "w");
	cr_assert_not_null(f);
	fputs(text, f);
	fclose(f);
}

static void setup(void)
{
	snprintf(dir, sizeof(dir), "/tmp/nono-resolve.XXXXXX");
	cr_assert_not_null(mkdtemp(dir));
	ctx = nonoc_new();
	nonoc_stop_after(ctx, "resolve");
}

static void teardown(void)
{
	char cmd[128];

	nonoc_free(ctx);
	snprintf(cmd, sizeof(cmd), "rm -rf '%s'", dir);
	cr_assert_eq(system(cmd), 0);
}

static struct nono_policy *check(const char *root)
{
	char path[256];

	snprintf(path, sizeof(path), "%s/%s", dir, root);
	int src = nonoc_add_file(ctx, path);

	cr_assert_geq(src, 0);
	nonoc_check(ctx, src);
	cr_assert_eq(ctx->npolicies, 1);
	return ctx->policies[0];
}

static const char *base(struct nono_policy *p, size_t i)
{
	const char *n = nono_source_get(ctx, p->files[i])->name, *s = strrchr(n, '/');

	return s ? s + 1 : n;
}

TestSuite(resolve, .init = setup, .fini = teardown);

Test(resolve, uses_come_first_in_the_order_written_and_once)
{
	put("root.nono", "policy \"r\" version 1\nuse \"./a.inc\"\nuse \"./b.inc\"\nfs read \"/root-rule\"\n");
	put("a.inc", "use \"./c.inc\"\nfs read \"/a\"\n");
	put("b.inc", "use \"./c.inc\"\nfs read \"/b\"\n");
	put("c.inc", "fs read \"/c\"\n");
	struct nono_policy *p = check("root.nono");

	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_eq(p->nfiles, 4, "c.inc is loaded once");
	cr_assert_str_eq(base(p, 0), "c.inc");
	cr_assert_str_eq(base(p, 1), "a.inc");
	cr_assert_str_eq(base(p, 2), "b.inc");
	cr_assert_str_eq(base(p, 3), "root.nono");
	cr_assert_eq(p->globals.n, 4);
	cr_assert_str_eq(p->globals.v[0]->arg.s, "/c");
	cr_assert_str_eq(p->globals.v[3]->arg.s, "/root-rule");
}

Test(resolve, domains_are_bound_agent_first)
{
	put("root.nono", "policy \"r\" version 1\ntool t1 { exec \"/bin/t1\"\n fs read \"/x\" }\n"
			 "agent { exec \"/bin/a\"\n measure prompt \"p.txt\"\n quota { pids 8 }\n net none }\n"
			 "tool t2 { exec \"/bin/t2\" }\nquota { memory 64MiB }\n");
	struct nono_policy *p = check("root.nono");

	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_eq(p->ndomains, 3);
	cr_assert(p->domains[0].is_agent);
	cr_assert_str_eq(p->domains[0].exec->arg.s, "/bin/a");
	cr_assert_eq(p->domains[0].measures.n, 1);
	cr_assert_eq(p->domains[0].quotas.n, 1);
	cr_assert_eq(p->domains[0].rules.n, 1);
	cr_assert_str_eq(p->domains[1].name, "t1");
	cr_assert_str_eq(p->domains[2].name, "t2");
	cr_assert_eq(p->quotas.n, 1);
	cr_assert_not_null(nono_policy_domain(p, "t2"));
	cr_assert_null(nono_policy_domain(p, "t3"));
}

Test(resolve, implicit_agent_when_none_is_declared)
{
	put("root.nono", "policy \"r\" version 1\nfs read \"/x\"\n");
	struct nono_policy *p = check("root.nono");

	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_eq(p->ndomains, 1);
	cr_assert_null(p->domains[0].decl);
	cr_assert_str_eq(p->domains[0].name, "agent");
}

Test(resolve, std_comes_from_the_library_unless_the_search_path_has_it)
{
	put("root.nono", "policy \"r\" version 1\nuse \"std/base\"\n");
	struct nono_policy *p = check("root.nono");

	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_str_eq(nono_source_get(ctx, p->files[0])->name, "std/base.nono");
	cr_assert_gt(p->globals.n, 10, "the embedded base policy has rules");

	nonoc_free(ctx);
	ctx = nonoc_new();
	nonoc_stop_after(ctx, "resolve");
	put("base.nono", "fs read \"/overridden\"\n");
	nonoc_add_search_path(ctx, dir);
	p = check("root.nono");
	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_eq(p->globals.n, 1);
	cr_assert_str_eq(p->globals.v[0]->arg.s, "/overridden");
}

Test(resolve, a_used_files_header_and_mode_do_not_replace_the_roots)
{
	put("root.nono", "policy \"root\" version 3\nuse \"./lib.inc\"\nmode enforce\n");
	put("lib.inc", "policy \"lib\" version 9\nmode audit\n");
	struct nono_policy *p = check("root.nono");

	cr_assert_eq(ctx->nerrors, 0);
	cr_assert_str_eq(p->header->name.s, "root");
	cr_assert_eq(p->mode->sub, NONO_MODE_ENFORCE);
}

Test(resolve, errors_have_their_codes)
{
	put("root.nono", "policy \"r\" version 1\nuse \"std/nope\"\nuse \"./loop.inc\"\n"
			 "tool t { exec \"/a\" }\ntool t { exec \"/b\" }\ntool u { fs read \"/x\" }\n");
	put("loop.inc", "use \"./root.nono\"\n");
	check("root.nono");
	enum nono_code want[] = { NONO_E040, NONO_E041, NONO_E043, NONO_E048 };
	size_t i = 0;

	for (struct nonoc_diag *d = ctx->diags; d; d = d->next, i++) {
		cr_assert_lt(i, 4, "unexpected extra diagnostic: %s", d->msg);
		cr_assert_eq(d->code, want[i], "diagnostic %zu: %s", i, d->msg);
	}
	cr_assert_eq(i, 4);
}
