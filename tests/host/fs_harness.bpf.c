/* SPDX-License-Identifier: Apache-2.0 */
/*
 * Appended by tests/host/bpf_fs.c to the emitted C of a test policy: the
 * generated file decision (nono_fs_check and the glob code it calls) run
 * from a tracepoint program, which this kernel loads (BPF-LSM it does not),
 * so the verifier checks that code here and the test can ask it questions.
 *
 * Trigger: fchdir(fd) by the test process. The program finds the struct
 * file of fd in the caller's fd table and stores nono_fs_check()'s packed
 * result for (harness_in.domain, harness_in.req) in harness_out.
 */
struct nono_harness_in {
	__u32 tgid;   /* only this process triggers the harness */
	__u32 domain;
	__u32 req;
	__u32 reserved;
};

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, struct nono_harness_in);
} harness_in SEC(".maps");

struct {
	__uint(type, BPF_MAP_TYPE_ARRAY);
	__uint(max_entries, 1);
	__type(key, __u32);
	__type(value, __u64);
} harness_out SEC(".maps");

SEC("tracepoint/syscalls/sys_enter_fchdir")
int nono_harness_fchdir(struct trace_event_raw_sys_enter *ctx)
{
	struct task_struct *task = bpf_get_current_task_btf();
	struct nono_harness_in *in;
	struct files_struct *files;
	struct fdtable *fdt;
	struct file **fds, *f;
	struct dentry *d;
	struct vfsmount *m;
	__u32 key = 0;
	__u64 *out;
	long fd = (long)ctx->args[0];

	in = bpf_map_lookup_elem(&harness_in, &key);
	out = bpf_map_lookup_elem(&harness_out, &key);
	if (!in || !out || (__u32)(bpf_get_current_pid_tgid() >> 32) != in->tgid)
		return 0;
	*out = ~0ull;
	if (fd < 0 || fd >= 1024)
		return 0;
	NONO_RD(files, task->files);
	NONO_RD(fdt, files->fdt);
	NONO_RD(fds, fdt->fd);
	if (!fds)
		return 0;
	bpf_probe_read_kernel(&f, sizeof(f), &fds[fd & 1023]);
	if (!f)
		return 0;
	NONO_RD(d, f->f_path.dentry);
	NONO_RD(m, f->f_path.mnt);
	*out = nono_fs_check((__u64)d, (__u64)m, in->domain, in->req);
	return 0;
}
