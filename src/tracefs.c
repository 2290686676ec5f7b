/* tracefs: see tracefs.h. */
#include <errno.h>
#include <fcntl.h>
#include <stdlib.h>
#include <string.h>
#include <sys/mount.h>
#include <sys/stat.h>
#include <sys/vfs.h>
#include <unistd.h>

#include "diag.h"
#include "tracefs.h"
#include "fmt.h"
#include "errnos.h"

/* from <linux/magic.h> */
#define TRACEFS_MAGIC_NR 0x74726163
#define DEBUGFS_MAGIC_NR 0x64626720
#define SYSFS_MAGIC_NR 0x62656572

static long fs_type(const char *path)
{
	struct statfs st;

	if (statfs(path, &st) != 0)
		return -errno;
	return (long)st.f_type;
}

/* 1 if root/events/syscalls is there, 0 if not, -EACCES if we may not
 * look (tracefs is root-only). */
static int has_events(const char *root)
{
	char path[300];

	fmt_snprintf(path, sizeof(path), "%s/events/syscalls", root);
	if (access(path, F_OK) == 0)
		return 1;
	return errno == EACCES ? -EACCES : 0;
}

static int denied(const char *root)
{
	diag_error("cannot read tracefs at %s: %s", root, errnos_text(EACCES));
	diag_hint("run as root");
	return -EACCES;
}

static int use(struct tracefs *t, const char *root)
{
	fmt_snprintf(t->root, sizeof(t->root), "%s", root);
	diag_info("using tracefs at %s", root);
	return 0;
}

static int mount_private(struct tracefs *t)
{
	static const char *const bases[] = { "/tmp", "/run", "/dev/shm", "/dev",
					     "." };
	char dir[256];
	size_t i;
	int err = ENOENT;

	for (i = 0; i < sizeof(bases) / sizeof(bases[0]); i++) {
		fmt_snprintf(dir, sizeof(dir), "%s/aitrace-min.tracefs.XXXXXX",
			 bases[i]);
		if (!mkdtemp(dir)) {
			err = errno;
			continue;
		}
		if (mount("nodev", dir, "tracefs", 0, NULL) == 0) {
			fmt_snprintf(t->root, sizeof(t->root), "%s", dir);
			t->mounted = t->private_mount = 1;
			diag_note("mounted tracefs at %s (private, removed at exit): /sys is not mounted",
				  dir);
			return 0;
		}
		err = errno;
		rmdir(dir);
		if (err == EPERM || err == ENODEV)
			break; /* another directory will not help */
	}
	diag_error("cannot mount tracefs: %s", errnos_text(err));
	if (err == EPERM)
		diag_hint("run as root (CAP_SYS_ADMIN is needed to mount tracefs)");
	else if (err == ENODEV)
		diag_hint("this kernel has no tracefs (CONFIG_TRACING)");
	return -err;
}

int tracefs_open(struct tracefs *t)
{
	const char *std = "/sys/kernel/tracing";
	const char *dbg = "/sys/kernel/debug/tracing";
	long type;

	memset(t, 0, sizeof(*t));
	if (fs_type(std) == TRACEFS_MAGIC_NR) {
		int r = has_events(std);

		if (r > 0)
			return use(t, std);
		if (r < 0)
			return denied(std);
	}
	type = fs_type(dbg); /* may automount tracefs under debugfs */
	if (type == TRACEFS_MAGIC_NR || type == DEBUGFS_MAGIC_NR) {
		int r = has_events(dbg);

		if (r > 0)
			return use(t, dbg);
		if (r < 0)
			return denied(dbg);
	}

	if (fs_type("/sys") == SYSFS_MAGIC_NR && access(std, F_OK) == 0) {
		if (mount("nodev", std, "tracefs", 0, NULL) == 0) {
			fmt_snprintf(t->root, sizeof(t->root), "%s", std);
			t->mounted = 1;
			diag_note("mounted tracefs at %s", std);
			return 0;
		}
		if (errno == EPERM || errno == EACCES) {
			diag_error("cannot mount tracefs at %s: %s", std,
				   errnos_text(errno));
			diag_hint("run as root, or mount it first: mount -t tracefs tracefs %s",
				  std);
			return -EPERM;
		}
		if (errno == ENODEV) {
			diag_error("cannot mount tracefs at %s: %s", std,
				   errnos_text(errno));
			diag_hint("this kernel has no tracefs (CONFIG_TRACING)");
			return -ENODEV;
		}
	}
	return mount_private(t);
}

void tracefs_close(struct tracefs *t)
{
	if (t->private_mount) {
		if (umount2(t->root, MNT_DETACH) == 0)
			rmdir(t->root);
		t->private_mount = t->mounted = 0;
	}
}

long tracefs_read(const struct tracefs *t, const char *rel, char *buf,
		  size_t cap)
{
	char path[512];
	size_t len = 0;
	int fd;

	fmt_snprintf(path, sizeof(path), "%s/%s", t->root, rel);
	fd = open(path, O_RDONLY | O_CLOEXEC);
	if (fd < 0)
		return -errno;
	while (len + 1 < cap) {
		ssize_t n = read(fd, buf + len, cap - 1 - len);

		if (n < 0 && errno == EINTR)
			continue;
		if (n < 0) {
			int err = errno;

			close(fd);
			return -err;
		}
		if (n == 0)
			break;
		len += (size_t)n;
	}
	close(fd);
	buf[len] = '\0';
	return len + 1 >= cap ? -EFBIG : (long)len;
}

int tracefs_format(const struct tracefs *t, const char *group,
		   const char *event, struct tpformat *fmt)
{
	char rel[256], text[8192], err[160];
	long n;

	fmt_snprintf(rel, sizeof(rel), "events/%s/%s/format", group, event);
	n = tracefs_read(t, rel, text, sizeof(text));
	if (n == -ENOENT)
		return -ENOENT;
	if (n < 0) {
		diag_error("cannot read %s/%s: %s", t->root, rel,
			   errnos_text((int)-n));
		return (int)n;
	}
	if (tpformat_parse(fmt, text, (size_t)n, err, sizeof(err)) != 0) {
		diag_error("cannot parse %s/%s: %s", t->root, rel, err);
		return -EINVAL;
	}
	if (!fmt->id) {
		/* very old kernels print no ID: line in format; read id */
		char id[32];

		fmt_snprintf(rel, sizeof(rel), "events/%s/%s/id", group, event);
		unsigned long v;

		if (tracefs_read(t, rel, id, sizeof(id)) > 0 &&
		    fmt_parse_ulong(id, 0xffffffffu, &v, NULL) == 0)
			fmt->id = (unsigned)v;
	}
	if (!fmt->id) {
		diag_error("cannot find the id of event %s/%s", group, event);
		return -EINVAL;
	}
	return 0;
}
