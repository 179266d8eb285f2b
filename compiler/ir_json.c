/* SPDX-License-Identifier: Apache-2.0 */
/* The IR as canonical JSON: the bundle's `.nono.ir` section (indent 0) and
 * `nonoc --dump-ir` (indent 2). Keys are written in a fixed order and every
 * value is derived from the IR alone, so the same IR gives the same bytes. */
#include <arpa/inet.h>
#include <stdio.h>
#include <string.h>

#include "ir.h"
#include "json.h"

static const char *anchor_name(uint8_t a)
{
	switch (a) {
	case NONO_ANCHOR_ROOT: return "/";
	case NONO_ANCHOR_HOME: return "~";
	case NONO_ANCHOR_WORKDIR: return "$WORKDIR";
	default: return "relative";
	}
}

static void access_list(struct json_writer *w, uint8_t acc)
{
	json_array_begin(w);
	if (acc & NONO_ACC_READ)
		json_string(w, "read");
	if (acc & NONO_ACC_WRITE)
		json_string(w, "write");
	if (acc & NONO_ACC_EXEC)
		json_string(w, "exec");
	json_array_end(w);
}

static void hex(struct json_writer *w, const uint8_t *b, size_t n)
{
	char buf[129];

	for (size_t i = 0; i < n && i < 64; i++)
		snprintf(buf + 2 * i, 3, "%02x", b[i]);
	buf[2 * (n < 64 ? n : 64)] = '\0';
	json_string(w, buf);
}

static void address(struct json_writer *w, const struct nono_ir_net *r)
{
	char buf[INET6_ADDRSTRLEN + 8];

	if (r->family == 0) {
		json_string(w, "any");
		return;
	}
	inet_ntop(r->family == 4 ? AF_INET : AF_INET6, r->addr, buf, sizeof(buf));
	size_t n = strlen(buf);

	snprintf(buf + n, sizeof(buf) - n, "/%u", r->prefix);
	json_string(w, buf);
}

static void quota(struct json_writer *w, const struct nono_ir_quota *q)
{
	json_object_begin(w);
	if (q->memory) json_key_uint(w, "memory_bytes", q->memory);
	if (q->cpu_millis) json_key_uint(w, "cpu_millicores", q->cpu_millis);
	if (q->pids) json_key_uint(w, "pids", q->pids);
	if (q->io_read) json_key_uint(w, "io_read_bytes_per_s", q->io_read);
	if (q->io_write) json_key_uint(w, "io_write_bytes_per_s", q->io_write);
	if (q->wall_ms) json_key_uint(w, "wall_ms", q->wall_ms);
	if (q->files) json_key_uint(w, "files", q->files);
	json_object_end(w);
}

static void domain(struct json_writer *w, const struct nono_ir_domain *d)
{
	json_object_begin(w);
	json_key_uint(w, "id", d->id);
	json_key_string(w, "name", d->name);
	json_key(w, "agent");
	json_bool(w, d->is_agent);
	json_key(w, "exec");
	if (d->exec) {
		json_object_begin(w);
		json_key_string(w, "anchor", anchor_name(d->exec_anchor));
		json_key_string(w, "path", d->exec);
		if (d->exec_pinned) {
			json_key(w, "sha256");
			hex(w, d->exec_sha256, 32);
		}
		json_object_end(w);
	} else {
		json_null(w);
	}
	json_key(w, "fs");
	json_array_begin(w);
	for (size_t i = 0; i < d->nfs; i++) {
		const struct nono_ir_fs *f = &d->fs[i];

		json_object_begin(w);
		json_key_uint(w, "rule", f->rule);
		json_key_string(w, "effect", f->effect == NONO_IR_DENY ? "deny" : "allow");
		json_key(w, "access");
		access_list(w, f->access);
		json_key_string(w, "anchor", anchor_name(f->anchor));
		json_key_string(w, "base", f->base);
		json_key_string(w, "pattern", f->pattern);
		json_object_end(w);
	}
	json_array_end(w);
	json_key(w, "net_none");
	json_bool(w, d->net_none);
	json_key(w, "net");
	json_array_begin(w);
	for (size_t i = 0; i < d->nnet; i++) {
		const struct nono_ir_net *r = &d->net[i];
		static const char *const protos[] = { "any", "tcp", "udp" };

		json_object_begin(w);
		json_key_uint(w, "rule", r->rule);
		json_key_string(w, "effect", r->effect == NONO_IR_DENY ? "deny" : "allow");
		json_key_string(w, "op", r->op == NONO_IR_BIND ? "bind" : "connect");
		json_key_string(w, "proto", protos[r->proto < 3 ? r->proto : 0]);
		json_key(w, "address");
		address(w, r);
		json_key_uint(w, "port_lo", r->port_lo);
		json_key_uint(w, "port_hi", r->port_hi);
		json_object_end(w);
	}
	json_array_end(w);
	json_key(w, "unix");
	json_array_begin(w);
	for (size_t i = 0; i < d->nunix; i++)
		json_string(w, d->unix_paths[i]);
	json_array_end(w);
	json_key(w, "signal_children");
	json_bool(w, d->signal_children);
	json_key(w, "ptrace");
	json_bool(w, d->ptrace);
	json_key(w, "env");
	json_array_begin(w);
	for (size_t i = 0; i < d->nenv; i++) {
		json_object_begin(w);
		json_key_string(w, "name", d->env[i].name);
		json_key(w, "value");
		json_string(w, d->env[i].value);
		json_key_uint(w, "rule", d->env[i].rule);
		json_object_end(w);
	}
	json_array_end(w);
	json_key(w, "quota");
	quota(w, &d->quota);
	json_object_end(w);
}

/* The rule table: rule id -> where it was written. Kept apart from the
 * enforcement IR so that two spellings of one policy (nono and YAML) give
 * byte-identical `.nono.ir`, BPF, seccomp and Landlock sections; only this
 * table (`.nono.rules`) and the manifest's source digests differ. */
static void write_rules(struct json_writer *w, const struct nono_ir *ir)
{
	json_array_begin(w);
	for (size_t i = 0; i < ir->nrules; i++) {
		json_object_begin(w);
		json_key_string(w, "file", ir->rules[i].file);
		json_key_uint(w, "line", ir->rules[i].line);
		json_key_uint(w, "col", ir->rules[i].col);
		json_key_string(w, "text", ir->rules[i].text);
		json_object_end(w);
	}
	json_array_end(w);
}

void nono_ir_write_rules_json(const struct nono_ir *ir, FILE *out)
{
	struct json_writer w;

	json_init(&w, out, 0);
	write_rules(&w, ir);
	json_finish(&w);
}

void nono_ir_write_json(const struct nono_ir *ir, FILE *out, int indent, int with_rules)
{
	static const char *const layers[] = { "bpf-lsm", "landlock", "seccomp", "cgroups" };
	struct json_writer w;

	json_init(&w, out, indent);
	json_object_begin(&w);
	json_key_uint(&w, "ir_version", 1);
	json_key_string(&w, "policy", ir->name);
	json_key_uint(&w, "version", ir->version);
	json_key_string(&w, "mode", ir->audit ? "audit" : "enforce");
	json_key(&w, "require");
	json_array_begin(&w);
	for (unsigned i = 0; i < 4; i++)
		if (ir->require & (1u << i))
			json_string(&w, layers[i]);
	json_array_end(&w);
	json_key_uint(&w, "landlock_min_abi", ir->landlock_min);
	json_key(&w, "quota");
	quota(&w, &ir->quota);
	json_key(&w, "domains");
	json_array_begin(&w);
	for (size_t i = 0; i < ir->ndomains; i++)
		domain(&w, &ir->domains[i]);
	json_array_end(&w);
	json_key(&w, "transitions");
	json_array_begin(&w);
	for (size_t i = 0; i < ir->ntransitions; i++) {
		json_object_begin(&w);
		json_key_string(&w, "anchor", anchor_name(ir->transitions[i].anchor));
		json_key_string(&w, "path", ir->transitions[i].path);
		json_key_uint(&w, "domain", ir->transitions[i].domain);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "syscalls");
	json_array_begin(&w);
	for (size_t a = 0; a < ir->nsys; a++) {
		const struct nono_ir_sys *s = &ir->sys[a];

		json_object_begin(&w);
		json_key_string(&w, "arch", s->arch);
		json_key_uint(&w, "audit_arch", s->audit_arch);
		json_key(&w, "ranges");
		json_array_begin(&w);
		for (size_t i = 0; i < s->nranges; i++) {
			json_object_begin(&w);
			json_key_uint(&w, "lo", s->ranges[i].lo);
			json_key_uint(&w, "hi", s->ranges[i].hi);
			json_key_uint(&w, "action", s->ranges[i].action);
			json_key_uint(&w, "rule", s->ranges[i].rule);
			json_object_end(&w);
		}
		json_array_end(&w);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "measures");
	json_array_begin(&w);
	for (size_t i = 0; i < ir->nmeasures; i++) {
		json_object_begin(&w);
		json_key_string(&w, "kind", ir->measures[i].kind);
		json_key_string(&w, "path", ir->measures[i].path);
		json_key(&w, "sha256");
		hex(&w, ir->measures[i].sha256, 32);
		json_key_string(&w, "source", ir->measures[i].computed ? "measured" : "pinned");
		json_key_uint(&w, "rule", ir->measures[i].rule);
		json_object_end(&w);
	}
	json_array_end(&w);
	json_key(&w, "mounts");
	json_array_begin(&w);
	for (size_t i = 0; i < ir->nmounts; i++) {
		json_object_begin(&w);
		json_key_string(&w, "anchor", anchor_name(ir->mounts[i].anchor));
		json_key_string(&w, "path", ir->mounts[i].path);
		json_key_string(&w, "kind", ir->mounts[i].kind == NONO_MNT_MASK ? "mask" : "bind");
		json_key(&w, "access");
		access_list(&w, ir->mounts[i].access);
		json_object_end(&w);
	}
	json_array_end(&w);
	if (with_rules) {
		json_key(&w, "rules");
		write_rules(&w, ir);
	}
	json_object_end(&w);
	json_finish(&w);
}
