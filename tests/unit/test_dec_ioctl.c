/* Unit tests for dec_ioctl.c: names per family, strace's generic _IOC
 * form for the rest, and the family a path stands for. Requests are
 * built with <asm/ioctl.h>'s _IOC() so the rows hold on every
 * architecture; the x86_64 rows pin raw numbers to strace 6.1's text. */
#include <asm/ioctl.h>
#include <asm/termios.h>
#include <asm/ioctls.h>

#include "dec.h"
#include "expect.h"

static char buf[256];
static struct sb sb;

static struct sb *fresh(void)
{
	sb_init(&sb, buf, sizeof(buf));
	return &sb;
}

#define OUT(call) ((call), buf)
#define IOCTL(cmd, fam) OUT(dec_ioctl_cmd(fresh(), (cmd), (fam)))

#define RW (_IOC_READ | _IOC_WRITE)

static void test_drm_core_requests_are_named(void)
{
	/* struct drm_version: 64 bytes on 64-bit */
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0x00, 64), IOCTL_DRM),
		   "DRM_IOCTL_VERSION");
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0x0c, 16), IOCTL_DRM),
		   "DRM_IOCTL_GET_CAP");
	EXPECT_STR(IOCTL(_IOC(_IOC_WRITE, 'd', 0x09, 8), IOCTL_DRM),
		   "DRM_IOCTL_GEM_CLOSE");
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0x2d, 12), IOCTL_DRM),
		   "DRM_IOCTL_PRIME_HANDLE_TO_FD");
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0xC3, 40), IOCTL_DRM),
		   "DRM_IOCTL_SYNCOBJ_WAIT");
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0xA0, 64), IOCTL_DRM),
		   "DRM_IOCTL_MODE_GETRESOURCES");
	EXPECT_STR(IOCTL(_IOC(_IOC_NONE, 'd', 0x1e, 0), IOCTL_DRM),
		   "DRM_IOCTL_SET_MASTER");
}

static void test_drm_names_do_not_depend_on_the_struct_size(void)
{
	/* the same request from a 32-bit process: struct drm_version is
	 * 36 bytes there */
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0x00, 36), IOCTL_DRM),
		   "DRM_IOCTL_VERSION");
	/* but the direction must match */
	EXPECT_STR(IOCTL(_IOC(_IOC_READ, 'd', 0x00, 64), IOCTL_DRM),
		   "_IOC(_IOC_READ, 0x64, 0, 0x40)");
	/* and a request without a direction matches only whole */
	EXPECT_STR(IOCTL(_IOC(_IOC_NONE, 'd', 0x1e, 4), IOCTL_DRM),
		   "_IOC(_IOC_NONE, 0x64, 0x1e, 0x4)");
}

static void test_drm_driver_requests_are_left_generic(void)
{
	/* DRM_IOCTL_AMDGPU_GEM_CREATE, or VIA's: the path does not say */
	EXPECT_STR(IOCTL(_IOC(RW, 'd', 0x40, 0x20), IOCTL_DRM),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x64, 0x40, 0x20)");
}

static void test_kfd_requests_are_named_on_dev_kfd_only(void)
{
	EXPECT_STR(IOCTL(_IOC(_IOC_READ, 'K', 0x01, 8), IOCTL_KFD),
		   "AMDKFD_IOC_GET_VERSION");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x16, 56), IOCTL_KFD),
		   "AMDKFD_IOC_ALLOC_MEMORY_OF_GPU");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x18, 24), IOCTL_KFD),
		   "AMDKFD_IOC_MAP_MEMORY_TO_GPU");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x14, 400), IOCTL_KFD),
		   "AMDKFD_IOC_GET_PROCESS_APERTURES_NEW");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x25, 16), IOCTL_KFD),
		   "AMDKFD_IOC_RUNTIME_ENABLE");
	/* 'K' is also the console keyboard's letter */
	EXPECT_STR(IOCTL(_IOC(_IOC_READ, 'K', 0x01, 8), IOCTL_ANY),
		   "_IOC(_IOC_READ, 0x4b, 0x1, 0x8)");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x01, 8), IOCTL_KFD),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x4b, 0x1, 0x8)");
	EXPECT_STR(IOCTL(_IOC(RW, 'K', 0x7f, 8), IOCTL_KFD),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x4b, 0x7f, 0x8)");
}

static void test_nvidia_escapes_are_named_on_nvidia_fds(void)
{
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 0x2a, 32), IOCTL_NVIDIA),
		   "NV_ESC_RM_CONTROL");
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 0x2b, 48), IOCTL_NVIDIA),
		   "NV_ESC_RM_ALLOC");
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 200, 0x900), IOCTL_NVIDIA),
		   "NV_ESC_CARD_INFO");
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 210, 72), IOCTL_NVIDIA),
		   "NV_ESC_CHECK_VERSION_STR");
}

static void test_unknown_nvidia_escapes_show_number_and_size(void)
{
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 0xff, 32), IOCTL_NVIDIA),
		   "NV_IOCTL(_IOC_READ|_IOC_WRITE, nr=0xff, size=0x20)");
	EXPECT_STR(IOCTL(_IOC(_IOC_NONE, 'F', 0x2a, 0), IOCTL_NVIDIA),
		   "NV_IOCTL(_IOC_NONE, nr=0x2a, size=0)");
	/* the same number on another fd: 'F' is also fbdev's letter */
	EXPECT_STR(IOCTL(_IOC(RW, 'F', 0x2a, 32), IOCTL_ANY),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20)");
	/* a tty request on an NVIDIA fd is still a tty request */
	EXPECT_STR(IOCTL(TCGETS, IOCTL_NVIDIA), "TCGETS");
}

static void test_nvidia_uvm_requests_are_plain_numbers(void)
{
	EXPECT_STR(IOCTL(0x30000001, IOCTL_NVIDIA_UVM), "UVM_INITIALIZE");
	EXPECT_STR(IOCTL(37, IOCTL_NVIDIA_UVM), "UVM_REGISTER_GPU");
	EXPECT_STR(IOCTL(33, IOCTL_NVIDIA_UVM),
		   "UVM_MAP_EXTERNAL_ALLOCATION");
#if _IOC_NONE == 0 /* 1 on mips, powerpc, sparc, alpha */
	EXPECT_STR(IOCTL(37, IOCTL_ANY), "_IOC(_IOC_NONE, 0, 0x25, 0)");
#endif
}

static void test_tty_requests_are_named_on_any_fd(void)
{
	/* isatty() is TCGETS, whatever the fd */
	EXPECT_STR(IOCTL(TCGETS, IOCTL_ANY), "TCGETS");
	EXPECT_STR(IOCTL(TCGETS, IOCTL_TTY), "TCGETS");
	EXPECT_STR(IOCTL(TCGETS, IOCTL_DRM), "TCGETS");
	EXPECT_STR(IOCTL(TIOCGWINSZ, IOCTL_TTY), "TIOCGWINSZ");
	EXPECT_STR(IOCTL(TIOCSWINSZ, IOCTL_TTY), "TIOCSWINSZ");
	EXPECT_STR(IOCTL(FIONREAD, IOCTL_ANY), "FIONREAD");
	EXPECT_STR(IOCTL(FIONBIO, IOCTL_ANY), "FIONBIO");
	EXPECT_STR(IOCTL(FIOCLEX, IOCTL_ANY), "FIOCLEX");
	EXPECT_STR(IOCTL(TIOCGPTN, IOCTL_TTY), "TIOCGPTN");
	EXPECT_STR(IOCTL(TCGETS2, IOCTL_TTY), "TCGETS2");
	EXPECT_STR(IOCTL(TIOCGPTPEER, IOCTL_TTY), "TIOCGPTPEER");
}

static void test_unknown_requests_take_strace_generic_form(void)
{
	EXPECT_STR(IOCTL(_IOC(RW, 0x46, 0x2a, 0x20), IOCTL_TTY),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20)");
	EXPECT_STR(IOCTL(_IOC(_IOC_NONE, 0x46, 0x2a, 0), IOCTL_ANY),
		   "_IOC(_IOC_NONE, 0x46, 0x2a, 0)");
	EXPECT_STR(IOCTL(_IOC(_IOC_WRITE, 0x99, 0x2a, 0), IOCTL_ANY),
		   "_IOC(_IOC_WRITE, 0x99, 0x2a, 0)");
#if _IOC_NONE == 0
	EXPECT_STR(IOCTL(0, IOCTL_ANY), "_IOC(_IOC_NONE, 0, 0, 0)");
#else
	EXPECT_STR(IOCTL(0, IOCTL_ANY), "_IOC(0, 0, 0, 0)");
#endif
}

#ifdef __x86_64__
static void test_x86_64_numbers_read_as_strace_prints_them(void)
{
	EXPECT_STR(IOCTL(0x5401, IOCTL_ANY), "TCGETS");
	EXPECT_STR(IOCTL(0x5413, IOCTL_TTY), "TIOCGWINSZ");
	EXPECT_STR(IOCTL(0x541b, IOCTL_ANY), "FIONREAD");
	EXPECT_STR(IOCTL(0x802c542a, IOCTL_TTY), "TCGETS2");
	EXPECT_STR(IOCTL(0xc0406400, IOCTL_DRM), "DRM_IOCTL_VERSION");
	EXPECT_STR(IOCTL(0x80084b01, IOCTL_KFD), "AMDKFD_IOC_GET_VERSION");
	EXPECT_STR(IOCTL(0xc020462a, IOCTL_NVIDIA), "NV_ESC_RM_CONTROL");
	EXPECT_STR(IOCTL(0x12345678, IOCTL_ANY),
		   "_IOC(_IOC_NONE, 0x56, 0x78, 0x1234)");
	EXPECT_STR(IOCTL(0xc0084b01, IOCTL_ANY),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0x4b, 0x1, 0x8)");
	EXPECT_STR(IOCTL(0xffffffff, IOCTL_ANY),
		   "_IOC(_IOC_READ|_IOC_WRITE, 0xff, 0xff, 0x3fff)");
}
#endif

static void test_the_family_follows_the_fd_path(void)
{
	EXPECT_INT(dec_ioctl_family("/dev/dri/renderD128"), IOCTL_DRM);
	EXPECT_INT(dec_ioctl_family("/dev/dri/card0"), IOCTL_DRM);
	EXPECT_INT(dec_ioctl_family("/dev/kfd"), IOCTL_KFD);
	EXPECT_INT(dec_ioctl_family("/dev/kfd2"), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family("/dev/nvidiactl"), IOCTL_NVIDIA);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia0"), IOCTL_NVIDIA);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia12"), IOCTL_NVIDIA);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia-uvm"), IOCTL_NVIDIA_UVM);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia-uvm-tools"),
		   IOCTL_NVIDIA_UVM);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia-modeset"), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family("/dev/nvidia"), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family("/dev/tty"), IOCTL_TTY);
	EXPECT_INT(dec_ioctl_family("/dev/ttyS0"), IOCTL_TTY);
	EXPECT_INT(dec_ioctl_family("/dev/pts/3"), IOCTL_TTY);
	EXPECT_INT(dec_ioctl_family("/dev/ptmx"), IOCTL_TTY);
	EXPECT_INT(dec_ioctl_family("/dev/console"), IOCTL_TTY);
	EXPECT_INT(dec_ioctl_family("/dev/null"), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family("/tmp/dev/kfd"), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family(""), IOCTL_ANY);
	EXPECT_INT(dec_ioctl_family(NULL), IOCTL_ANY);
}

static void test_output_stays_within_a_small_builder(void)
{
	const uint32_t cmd = _IOC(RW, 0x46, 0x2a, 0x20);
	char full[128], small[128];
	struct sb s;
	size_t cap, n;

	sb_init(&s, full, sizeof(full));
	dec_ioctl_cmd(&s, cmd, IOCTL_NVIDIA);
	n = s.len;
	for (cap = 1; cap <= n + 1; cap++) {
		memset(small, '#', sizeof(small));
		sb_init(&s, small, cap);
		dec_ioctl_cmd(&s, cmd, IOCTL_NVIDIA);
		EXPECT_TRUE(s.len < cap && small[s.len] == '\0');
		EXPECT_TRUE(strncmp(small, full, s.len) == 0);
		EXPECT_INT(s.cut, cap <= n);
		EXPECT_TRUE(small[cap] == '#');
	}
}

int main(void)
{
	test_drm_core_requests_are_named();
	test_drm_names_do_not_depend_on_the_struct_size();
	test_drm_driver_requests_are_left_generic();
	test_kfd_requests_are_named_on_dev_kfd_only();
	test_nvidia_escapes_are_named_on_nvidia_fds();
	test_unknown_nvidia_escapes_show_number_and_size();
	test_nvidia_uvm_requests_are_plain_numbers();
	test_tty_requests_are_named_on_any_fd();
	test_unknown_requests_take_strace_generic_form();
#ifdef __x86_64__
	test_x86_64_numbers_read_as_strace_prints_them();
#endif
	test_the_family_follows_the_fd_path();
	test_output_stays_within_a_small_builder();
	return expect_summary("test_dec_ioctl");
}
