/* ioctl(2) requests: names for the tty, DRM, AMD KFD and NVIDIA
 * families, strace's _IOC(...) form for the rest.
 *
 * The _IOC encoding itself (field widths, direction values) differs
 * between architectures, so it is taken apart with <asm/ioctl.h>'s own
 * macros. Requests are matched on the whole number when the header that
 * defines them can be included (tty); requests transcribed from headers
 * that cannot (DRM, KFD, NVIDIA) are stored with size 0 and matched on
 * direction, type and number, because the sizes of their structs vary
 * between architectures (struct drm_version is 64 bytes on 64-bit, 36
 * on 32-bit).
 */
#include <asm/ioctl.h>
#include <asm/termios.h> /* struct winsize, termios2: sizes in TIOCGWINSZ, TCGETS2 */
#include <asm/ioctls.h>

#include "dec.h"

/* An entry with a direction but size 0 matches any size. */
static int ioctl_match(uint32_t cmd, uint32_t e)
{
	const uint32_t size_mask = (uint32_t)_IOC_SIZEMASK << _IOC_SIZESHIFT;

	if (cmd == e)
		return 1;
	return _IOC_DIR(e) != _IOC_NONE && _IOC_SIZE(e) == 0 &&
	       (cmd & ~size_mask) == e;
}

static const char *ioctl_lookup(uint32_t cmd, const struct flag *tab,
				size_t n)
{
	size_t i;

	for (i = 0; i < n; i++)
		if (ioctl_match(cmd, (uint32_t)tab[i].value))
			return tab[i].name;
	return NULL;
}

/* ---- tty and generic file ioctls ------------------------------------------ */

/* Transcribed from <asm/ioctls.h> (<asm-generic/ioctls.h> on most
 * architectures). FIONREAD comes before its alias TIOCINQ; the serial
 * RS485/ISO7816 requests, which need <linux/serial.h>'s structs, are
 * left out. */
static const struct flag tty_ioctls[] = {
	FLAG(TCGETS),      FLAG(TCSETS),      FLAG(TCSETSW),
	FLAG(TCSETSF),     FLAG(TCGETA),      FLAG(TCSETA),
	FLAG(TCSETAW),     FLAG(TCSETAF),     FLAG(TCSBRK),
	FLAG(TCXONC),      FLAG(TCFLSH),      FLAG(TIOCEXCL),
	FLAG(TIOCNXCL),    FLAG(TIOCSCTTY),   FLAG(TIOCGPGRP),
	FLAG(TIOCSPGRP),   FLAG(TIOCOUTQ),    FLAG(TIOCSTI),
	FLAG(TIOCGWINSZ),  FLAG(TIOCSWINSZ),  FLAG(TIOCMGET),
	FLAG(TIOCMBIS),    FLAG(TIOCMBIC),    FLAG(TIOCMSET),
	FLAG(TIOCGSOFTCAR), FLAG(TIOCSSOFTCAR), FLAG(FIONREAD),
	FLAG(TIOCLINUX),   FLAG(TIOCCONS),    FLAG(TIOCGSERIAL),
	FLAG(TIOCSSERIAL), FLAG(TIOCPKT),     FLAG(FIONBIO),
	FLAG(TIOCNOTTY),   FLAG(TIOCSETD),    FLAG(TIOCGETD),
	FLAG(TCSBRKP),     FLAG(TIOCSBRK),    FLAG(TIOCCBRK),
	FLAG(TIOCGSID),
#ifdef TCGETS2
	FLAG(TCGETS2),     FLAG(TCSETS2),     FLAG(TCSETSW2),
	FLAG(TCSETSF2),
#endif
	FLAG(TIOCGPTN),    FLAG(TIOCSPTLCK),
#ifdef TIOCGDEV
	FLAG(TIOCGDEV),
#endif
#ifdef TIOCSIG
	FLAG(TIOCSIG),
#endif
#ifdef TIOCVHANGUP
	FLAG(TIOCVHANGUP),
#endif
#ifdef TIOCGPKT
	FLAG(TIOCGPKT),    FLAG(TIOCGPTLCK),  FLAG(TIOCGEXCL),
#endif
#ifdef TIOCGPTPEER
	FLAG(TIOCGPTPEER),
#endif
	FLAG(FIONCLEX),    FLAG(FIOCLEX),     FLAG(FIOASYNC),
#ifdef FIOQSIZE
	FLAG(FIOQSIZE),
#endif
	FLAG(TIOCMIWAIT),  FLAG(TIOCGICOUNT),
};

/* ---- DRM core ------------------------------------------------------------- */

/* Transcribed from the kernel's include/uapi/drm/drm.h, which Debian
 * ships in libdrm-dev rather than linux-libc-dev: DRM_IOCTL_BASE is 'd'
 * and DRM_IO/DRM_IOR/DRM_IOW/DRM_IOWR(nr, type) are _IO/_IOR/_IOW/_IOWR
 * of it. The header's expression is kept beside each entry; the struct
 * is dropped (size 0, so any size matches). Numbers 0x40..0x9f
 * (DRM_COMMAND_BASE..DRM_COMMAND_END) belong to each driver and are not
 * named: the fd's path does not say which driver it is. */
#define DRM_IO_(nr)   _IOC(_IOC_NONE, 'd', (nr), 0)
#define DRM_IOR_(nr)  _IOC(_IOC_READ, 'd', (nr), 0)
#define DRM_IOW_(nr)  _IOC(_IOC_WRITE, 'd', (nr), 0)
#define DRM_IOWR_(nr) _IOC(_IOC_READ | _IOC_WRITE, 'd', (nr), 0)

static const struct flag drm_ioctls[] = {
	{ DRM_IOWR_(0x00), "DRM_IOCTL_VERSION" },      /* DRM_IOWR(0x00, struct drm_version) */
	{ DRM_IOWR_(0x01), "DRM_IOCTL_GET_UNIQUE" },   /* DRM_IOWR(0x01, struct drm_unique) */
	{ DRM_IOR_(0x02), "DRM_IOCTL_GET_MAGIC" },     /* DRM_IOR( 0x02, struct drm_auth) */
	{ DRM_IOWR_(0x03), "DRM_IOCTL_IRQ_BUSID" },    /* DRM_IOWR(0x03, struct drm_irq_busid) */
	{ DRM_IOWR_(0x04), "DRM_IOCTL_GET_MAP" },      /* DRM_IOWR(0x04, struct drm_map) */
	{ DRM_IOWR_(0x05), "DRM_IOCTL_GET_CLIENT" },   /* DRM_IOWR(0x05, struct drm_client) */
	{ DRM_IOR_(0x06), "DRM_IOCTL_GET_STATS" },     /* DRM_IOR( 0x06, struct drm_stats) */
	{ DRM_IOWR_(0x07), "DRM_IOCTL_SET_VERSION" },  /* DRM_IOWR(0x07, struct drm_set_version) */
	{ DRM_IOW_(0x08), "DRM_IOCTL_MODESET_CTL" },   /* DRM_IOW(0x08, struct drm_modeset_ctl) */
	{ DRM_IOW_(0x09), "DRM_IOCTL_GEM_CLOSE" },     /* DRM_IOW (0x09, struct drm_gem_close) */
	{ DRM_IOWR_(0x0a), "DRM_IOCTL_GEM_FLINK" },    /* DRM_IOWR(0x0a, struct drm_gem_flink) */
	{ DRM_IOWR_(0x0b), "DRM_IOCTL_GEM_OPEN" },     /* DRM_IOWR(0x0b, struct drm_gem_open) */
	{ DRM_IOWR_(0x0c), "DRM_IOCTL_GET_CAP" },      /* DRM_IOWR(0x0c, struct drm_get_cap) */
	{ DRM_IOW_(0x0d), "DRM_IOCTL_SET_CLIENT_CAP" }, /* DRM_IOW( 0x0d, struct drm_set_client_cap) */
	{ DRM_IOW_(0x10), "DRM_IOCTL_SET_UNIQUE" },    /* DRM_IOW( 0x10, struct drm_unique) */
	{ DRM_IOW_(0x11), "DRM_IOCTL_AUTH_MAGIC" },    /* DRM_IOW( 0x11, struct drm_auth) */
	{ DRM_IOWR_(0x12), "DRM_IOCTL_BLOCK" },        /* DRM_IOWR(0x12, struct drm_block) */
	{ DRM_IOWR_(0x13), "DRM_IOCTL_UNBLOCK" },      /* DRM_IOWR(0x13, struct drm_block) */
	{ DRM_IOW_(0x14), "DRM_IOCTL_CONTROL" },       /* DRM_IOW( 0x14, struct drm_control) */
	{ DRM_IOWR_(0x15), "DRM_IOCTL_ADD_MAP" },      /* DRM_IOWR(0x15, struct drm_map) */
	{ DRM_IOWR_(0x16), "DRM_IOCTL_ADD_BUFS" },     /* DRM_IOWR(0x16, struct drm_buf_desc) */
	{ DRM_IOW_(0x17), "DRM_IOCTL_MARK_BUFS" },     /* DRM_IOW( 0x17, struct drm_buf_desc) */
	{ DRM_IOWR_(0x18), "DRM_IOCTL_INFO_BUFS" },    /* DRM_IOWR(0x18, struct drm_buf_info) */
	{ DRM_IOWR_(0x19), "DRM_IOCTL_MAP_BUFS" },     /* DRM_IOWR(0x19, struct drm_buf_map) */
	{ DRM_IOW_(0x1a), "DRM_IOCTL_FREE_BUFS" },     /* DRM_IOW( 0x1a, struct drm_buf_free) */
	{ DRM_IOW_(0x1b), "DRM_IOCTL_RM_MAP" },        /* DRM_IOW( 0x1b, struct drm_map) */
	{ DRM_IOW_(0x1c), "DRM_IOCTL_SET_SAREA_CTX" }, /* DRM_IOW( 0x1c, struct drm_ctx_priv_map) */
	{ DRM_IOWR_(0x1d), "DRM_IOCTL_GET_SAREA_CTX" }, /* DRM_IOWR(0x1d, struct drm_ctx_priv_map) */
	{ DRM_IO_(0x1e), "DRM_IOCTL_SET_MASTER" },     /* DRM_IO(0x1e) */
	{ DRM_IO_(0x1f), "DRM_IOCTL_DROP_MASTER" },    /* DRM_IO(0x1f) */
	{ DRM_IOWR_(0x20), "DRM_IOCTL_ADD_CTX" },      /* DRM_IOWR(0x20, struct drm_ctx) */
	{ DRM_IOWR_(0x21), "DRM_IOCTL_RM_CTX" },       /* DRM_IOWR(0x21, struct drm_ctx) */
	{ DRM_IOW_(0x22), "DRM_IOCTL_MOD_CTX" },       /* DRM_IOW( 0x22, struct drm_ctx) */
	{ DRM_IOWR_(0x23), "DRM_IOCTL_GET_CTX" },      /* DRM_IOWR(0x23, struct drm_ctx) */
	{ DRM_IOW_(0x24), "DRM_IOCTL_SWITCH_CTX" },    /* DRM_IOW( 0x24, struct drm_ctx) */
	{ DRM_IOW_(0x25), "DRM_IOCTL_NEW_CTX" },       /* DRM_IOW( 0x25, struct drm_ctx) */
	{ DRM_IOWR_(0x26), "DRM_IOCTL_RES_CTX" },      /* DRM_IOWR(0x26, struct drm_ctx_res) */
	{ DRM_IOWR_(0x27), "DRM_IOCTL_ADD_DRAW" },     /* DRM_IOWR(0x27, struct drm_draw) */
	{ DRM_IOWR_(0x28), "DRM_IOCTL_RM_DRAW" },      /* DRM_IOWR(0x28, struct drm_draw) */
	{ DRM_IOWR_(0x29), "DRM_IOCTL_DMA" },          /* DRM_IOWR(0x29, struct drm_dma) */
	{ DRM_IOW_(0x2a), "DRM_IOCTL_LOCK" },          /* DRM_IOW( 0x2a, struct drm_lock) */
	{ DRM_IOW_(0x2b), "DRM_IOCTL_UNLOCK" },        /* DRM_IOW( 0x2b, struct drm_lock) */
	{ DRM_IOW_(0x2c), "DRM_IOCTL_FINISH" },        /* DRM_IOW( 0x2c, struct drm_lock) */
	{ DRM_IOWR_(0x2d), "DRM_IOCTL_PRIME_HANDLE_TO_FD" }, /* DRM_IOWR(0x2d, struct drm_prime_handle) */
	{ DRM_IOWR_(0x2e), "DRM_IOCTL_PRIME_FD_TO_HANDLE" }, /* DRM_IOWR(0x2e, struct drm_prime_handle) */
	{ DRM_IO_(0x30), "DRM_IOCTL_AGP_ACQUIRE" },    /* DRM_IO(  0x30) */
	{ DRM_IO_(0x31), "DRM_IOCTL_AGP_RELEASE" },    /* DRM_IO(  0x31) */
	{ DRM_IOW_(0x32), "DRM_IOCTL_AGP_ENABLE" },    /* DRM_IOW( 0x32, struct drm_agp_mode) */
	{ DRM_IOR_(0x33), "DRM_IOCTL_AGP_INFO" },      /* DRM_IOR( 0x33, struct drm_agp_info) */
	{ DRM_IOWR_(0x34), "DRM_IOCTL_AGP_ALLOC" },    /* DRM_IOWR(0x34, struct drm_agp_buffer) */
	{ DRM_IOW_(0x35), "DRM_IOCTL_AGP_FREE" },      /* DRM_IOW( 0x35, struct drm_agp_buffer) */
	{ DRM_IOW_(0x36), "DRM_IOCTL_AGP_BIND" },      /* DRM_IOW( 0x36, struct drm_agp_binding) */
	{ DRM_IOW_(0x37), "DRM_IOCTL_AGP_UNBIND" },    /* DRM_IOW( 0x37, struct drm_agp_binding) */
	{ DRM_IOWR_(0x38), "DRM_IOCTL_SG_ALLOC" },     /* DRM_IOWR(0x38, struct drm_scatter_gather) */
	{ DRM_IOW_(0x39), "DRM_IOCTL_SG_FREE" },       /* DRM_IOW( 0x39, struct drm_scatter_gather) */
	{ DRM_IOWR_(0x3a), "DRM_IOCTL_WAIT_VBLANK" },  /* DRM_IOWR(0x3a, union drm_wait_vblank) */
	{ DRM_IOWR_(0x3b), "DRM_IOCTL_CRTC_GET_SEQUENCE" }, /* DRM_IOWR(0x3b, struct drm_crtc_get_sequence) */
	{ DRM_IOWR_(0x3c), "DRM_IOCTL_CRTC_QUEUE_SEQUENCE" }, /* DRM_IOWR(0x3c, struct drm_crtc_queue_sequence) */
	{ DRM_IOW_(0x3f), "DRM_IOCTL_UPDATE_DRAW" },   /* DRM_IOW(0x3f, struct drm_update_draw) */
	{ DRM_IOWR_(0xA0), "DRM_IOCTL_MODE_GETRESOURCES" }, /* DRM_IOWR(0xA0, struct drm_mode_card_res) */
	{ DRM_IOWR_(0xA1), "DRM_IOCTL_MODE_GETCRTC" }, /* DRM_IOWR(0xA1, struct drm_mode_crtc) */
	{ DRM_IOWR_(0xA2), "DRM_IOCTL_MODE_SETCRTC" }, /* DRM_IOWR(0xA2, struct drm_mode_crtc) */
	{ DRM_IOWR_(0xA3), "DRM_IOCTL_MODE_CURSOR" },  /* DRM_IOWR(0xA3, struct drm_mode_cursor) */
	{ DRM_IOWR_(0xA4), "DRM_IOCTL_MODE_GETGAMMA" }, /* DRM_IOWR(0xA4, struct drm_mode_crtc_lut) */
	{ DRM_IOWR_(0xA5), "DRM_IOCTL_MODE_SETGAMMA" }, /* DRM_IOWR(0xA5, struct drm_mode_crtc_lut) */
	{ DRM_IOWR_(0xA6), "DRM_IOCTL_MODE_GETENCODER" }, /* DRM_IOWR(0xA6, struct drm_mode_get_encoder) */
	{ DRM_IOWR_(0xA7), "DRM_IOCTL_MODE_GETCONNECTOR" }, /* DRM_IOWR(0xA7, struct drm_mode_get_connector) */
	{ DRM_IOWR_(0xA8), "DRM_IOCTL_MODE_ATTACHMODE" }, /* DRM_IOWR(0xA8, struct drm_mode_mode_cmd) */
	{ DRM_IOWR_(0xA9), "DRM_IOCTL_MODE_DETACHMODE" }, /* DRM_IOWR(0xA9, struct drm_mode_mode_cmd) */
	{ DRM_IOWR_(0xAA), "DRM_IOCTL_MODE_GETPROPERTY" }, /* DRM_IOWR(0xAA, struct drm_mode_get_property) */
	{ DRM_IOWR_(0xAB), "DRM_IOCTL_MODE_SETPROPERTY" }, /* DRM_IOWR(0xAB, struct drm_mode_connector_set_property) */
	{ DRM_IOWR_(0xAC), "DRM_IOCTL_MODE_GETPROPBLOB" }, /* DRM_IOWR(0xAC, struct drm_mode_get_blob) */
	{ DRM_IOWR_(0xAD), "DRM_IOCTL_MODE_GETFB" },   /* DRM_IOWR(0xAD, struct drm_mode_fb_cmd) */
	{ DRM_IOWR_(0xAE), "DRM_IOCTL_MODE_ADDFB" },   /* DRM_IOWR(0xAE, struct drm_mode_fb_cmd) */
	{ DRM_IOWR_(0xAF), "DRM_IOCTL_MODE_RMFB" },    /* DRM_IOWR(0xAF, unsigned int) */
	{ DRM_IOWR_(0xB0), "DRM_IOCTL_MODE_PAGE_FLIP" }, /* DRM_IOWR(0xB0, struct drm_mode_crtc_page_flip) */
	{ DRM_IOWR_(0xB1), "DRM_IOCTL_MODE_DIRTYFB" }, /* DRM_IOWR(0xB1, struct drm_mode_fb_dirty_cmd) */
	{ DRM_IOWR_(0xB2), "DRM_IOCTL_MODE_CREATE_DUMB" }, /* DRM_IOWR(0xB2, struct drm_mode_create_dumb) */
	{ DRM_IOWR_(0xB3), "DRM_IOCTL_MODE_MAP_DUMB" }, /* DRM_IOWR(0xB3, struct drm_mode_map_dumb) */
	{ DRM_IOWR_(0xB4), "DRM_IOCTL_MODE_DESTROY_DUMB" }, /* DRM_IOWR(0xB4, struct drm_mode_destroy_dumb) */
	{ DRM_IOWR_(0xB5), "DRM_IOCTL_MODE_GETPLANERESOURCES" }, /* DRM_IOWR(0xB5, struct drm_mode_get_plane_res) */
	{ DRM_IOWR_(0xB6), "DRM_IOCTL_MODE_GETPLANE" }, /* DRM_IOWR(0xB6, struct drm_mode_get_plane) */
	{ DRM_IOWR_(0xB7), "DRM_IOCTL_MODE_SETPLANE" }, /* DRM_IOWR(0xB7, struct drm_mode_set_plane) */
	{ DRM_IOWR_(0xB8), "DRM_IOCTL_MODE_ADDFB2" },  /* DRM_IOWR(0xB8, struct drm_mode_fb_cmd2) */
	{ DRM_IOWR_(0xB9), "DRM_IOCTL_MODE_OBJ_GETPROPERTIES" }, /* DRM_IOWR(0xB9, struct drm_mode_obj_get_properties) */
	{ DRM_IOWR_(0xBA), "DRM_IOCTL_MODE_OBJ_SETPROPERTY" }, /* DRM_IOWR(0xBA, struct drm_mode_obj_set_property) */
	{ DRM_IOWR_(0xBB), "DRM_IOCTL_MODE_CURSOR2" }, /* DRM_IOWR(0xBB, struct drm_mode_cursor2) */
	{ DRM_IOWR_(0xBC), "DRM_IOCTL_MODE_ATOMIC" },  /* DRM_IOWR(0xBC, struct drm_mode_atomic) */
	{ DRM_IOWR_(0xBD), "DRM_IOCTL_MODE_CREATEPROPBLOB" }, /* DRM_IOWR(0xBD, struct drm_mode_create_blob) */
	{ DRM_IOWR_(0xBE), "DRM_IOCTL_MODE_DESTROYPROPBLOB" }, /* DRM_IOWR(0xBE, struct drm_mode_destroy_blob) */
	{ DRM_IOWR_(0xBF), "DRM_IOCTL_SYNCOBJ_CREATE" }, /* DRM_IOWR(0xBF, struct drm_syncobj_create) */
	{ DRM_IOWR_(0xC0), "DRM_IOCTL_SYNCOBJ_DESTROY" }, /* DRM_IOWR(0xC0, struct drm_syncobj_destroy) */
	{ DRM_IOWR_(0xC1), "DRM_IOCTL_SYNCOBJ_HANDLE_TO_FD" }, /* DRM_IOWR(0xC1, struct drm_syncobj_handle) */
	{ DRM_IOWR_(0xC2), "DRM_IOCTL_SYNCOBJ_FD_TO_HANDLE" }, /* DRM_IOWR(0xC2, struct drm_syncobj_handle) */
	{ DRM_IOWR_(0xC3), "DRM_IOCTL_SYNCOBJ_WAIT" }, /* DRM_IOWR(0xC3, struct drm_syncobj_wait) */
	{ DRM_IOWR_(0xC4), "DRM_IOCTL_SYNCOBJ_RESET" }, /* DRM_IOWR(0xC4, struct drm_syncobj_array) */
	{ DRM_IOWR_(0xC5), "DRM_IOCTL_SYNCOBJ_SIGNAL" }, /* DRM_IOWR(0xC5, struct drm_syncobj_array) */
	{ DRM_IOWR_(0xC6), "DRM_IOCTL_MODE_CREATE_LEASE" }, /* DRM_IOWR(0xC6, struct drm_mode_create_lease) */
	{ DRM_IOWR_(0xC7), "DRM_IOCTL_MODE_LIST_LESSEES" }, /* DRM_IOWR(0xC7, struct drm_mode_list_lessees) */
	{ DRM_IOWR_(0xC8), "DRM_IOCTL_MODE_GET_LEASE" }, /* DRM_IOWR(0xC8, struct drm_mode_get_lease) */
	{ DRM_IOWR_(0xC9), "DRM_IOCTL_MODE_REVOKE_LEASE" }, /* DRM_IOWR(0xC9, struct drm_mode_revoke_lease) */
	{ DRM_IOWR_(0xCA), "DRM_IOCTL_SYNCOBJ_TIMELINE_WAIT" }, /* DRM_IOWR(0xCA, struct drm_syncobj_timeline_wait) */
	{ DRM_IOWR_(0xCB), "DRM_IOCTL_SYNCOBJ_QUERY" }, /* DRM_IOWR(0xCB, struct drm_syncobj_timeline_array) */
	{ DRM_IOWR_(0xCC), "DRM_IOCTL_SYNCOBJ_TRANSFER" }, /* DRM_IOWR(0xCC, struct drm_syncobj_transfer) */
	{ DRM_IOWR_(0xCD), "DRM_IOCTL_SYNCOBJ_TIMELINE_SIGNAL" }, /* DRM_IOWR(0xCD, struct drm_syncobj_timeline_array) */
	{ DRM_IOWR_(0xCE), "DRM_IOCTL_MODE_GETFB2" },  /* DRM_IOWR(0xCE, struct drm_mode_fb_cmd2) */
	{ DRM_IOWR_(0xCF), "DRM_IOCTL_SYNCOBJ_EVENTFD" }, /* DRM_IOWR(0xCF, struct drm_syncobj_eventfd) */
	{ DRM_IOWR_(0xD0), "DRM_IOCTL_MODE_CLOSEFB" }, /* DRM_IOWR(0xD0, struct drm_mode_closefb) */
	{ DRM_IOWR_(0xD1), "DRM_IOCTL_SET_CLIENT_NAME" }, /* DRM_IOWR(0xD1, struct drm_set_client_name) */
	{ DRM_IOWR_(0xD2), "DRM_IOCTL_GEM_CHANGE_HANDLE" }, /* DRM_IOWR(0xD2, struct drm_gem_change_handle) */
};

/* ---- AMD KFD (/dev/kfd) ---------------------------------------------------- */

/* Transcribed from <linux/kfd_ioctl.h> (linux-libc-dev 6.1), and
 * 0x24..0x26 from the kernel's newer include/uapi/linux/kfd_ioctl.h.
 * The header itself cannot be included: it includes <drm/drm.h>, which
 * linux-libc-dev does not ship. AMDKFD_IOCTL_BASE is 'K' and
 * AMDKFD_IOR/IOW/IOWR(nr, type) are _IOR/_IOW/_IOWR of it; the struct is
 * dropped (size 0, so any size matches). */
#define AMDKFD_IOR_(nr)  _IOC(_IOC_READ, 'K', (nr), 0)
#define AMDKFD_IOW_(nr)  _IOC(_IOC_WRITE, 'K', (nr), 0)
#define AMDKFD_IOWR_(nr) _IOC(_IOC_READ | _IOC_WRITE, 'K', (nr), 0)

static const struct flag kfd_ioctls[] = {
	{ AMDKFD_IOR_(0x01), "AMDKFD_IOC_GET_VERSION" }, /* AMDKFD_IOR(0x01, struct kfd_ioctl_get_version_args) */
	{ AMDKFD_IOWR_(0x02), "AMDKFD_IOC_CREATE_QUEUE" }, /* AMDKFD_IOWR(0x02, struct kfd_ioctl_create_queue_args) */
	{ AMDKFD_IOWR_(0x03), "AMDKFD_IOC_DESTROY_QUEUE" }, /* AMDKFD_IOWR(0x03, struct kfd_ioctl_destroy_queue_args) */
	{ AMDKFD_IOW_(0x04), "AMDKFD_IOC_SET_MEMORY_POLICY" }, /* AMDKFD_IOW(0x04, struct kfd_ioctl_set_memory_policy_args) */
	{ AMDKFD_IOWR_(0x05), "AMDKFD_IOC_GET_CLOCK_COUNTERS" }, /* AMDKFD_IOWR(0x05, struct kfd_ioctl_get_clock_counters_args) */
	{ AMDKFD_IOR_(0x06), "AMDKFD_IOC_GET_PROCESS_APERTURES" }, /* AMDKFD_IOR(0x06, struct kfd_ioctl_get_process_apertures_args) */
	{ AMDKFD_IOW_(0x07), "AMDKFD_IOC_UPDATE_QUEUE" }, /* AMDKFD_IOW(0x07, struct kfd_ioctl_update_queue_args) */
	{ AMDKFD_IOWR_(0x08), "AMDKFD_IOC_CREATE_EVENT" }, /* AMDKFD_IOWR(0x08, struct kfd_ioctl_create_event_args) */
	{ AMDKFD_IOW_(0x09), "AMDKFD_IOC_DESTROY_EVENT" }, /* AMDKFD_IOW(0x09, struct kfd_ioctl_destroy_event_args) */
	{ AMDKFD_IOW_(0x0A), "AMDKFD_IOC_SET_EVENT" }, /* AMDKFD_IOW(0x0A, struct kfd_ioctl_set_event_args) */
	{ AMDKFD_IOW_(0x0B), "AMDKFD_IOC_RESET_EVENT" }, /* AMDKFD_IOW(0x0B, struct kfd_ioctl_reset_event_args) */
	{ AMDKFD_IOWR_(0x0C), "AMDKFD_IOC_WAIT_EVENTS" }, /* AMDKFD_IOWR(0x0C, struct kfd_ioctl_wait_events_args) */
	{ AMDKFD_IOW_(0x0D), "AMDKFD_IOC_DBG_REGISTER_DEPRECATED" }, /* AMDKFD_IOW(0x0D, struct kfd_ioctl_dbg_register_args) */
	{ AMDKFD_IOW_(0x0E), "AMDKFD_IOC_DBG_UNREGISTER_DEPRECATED" }, /* AMDKFD_IOW(0x0E, struct kfd_ioctl_dbg_unregister_args) */
	{ AMDKFD_IOW_(0x0F), "AMDKFD_IOC_DBG_ADDRESS_WATCH_DEPRECATED" }, /* AMDKFD_IOW(0x0F, struct kfd_ioctl_dbg_address_watch_args) */
	{ AMDKFD_IOW_(0x10), "AMDKFD_IOC_DBG_WAVE_CONTROL_DEPRECATED" }, /* AMDKFD_IOW(0x10, struct kfd_ioctl_dbg_wave_control_args) */
	{ AMDKFD_IOWR_(0x11), "AMDKFD_IOC_SET_SCRATCH_BACKING_VA" }, /* AMDKFD_IOWR(0x11, struct kfd_ioctl_set_scratch_backing_va_args) */
	{ AMDKFD_IOWR_(0x12), "AMDKFD_IOC_GET_TILE_CONFIG" }, /* AMDKFD_IOWR(0x12, struct kfd_ioctl_get_tile_config_args) */
	{ AMDKFD_IOW_(0x13), "AMDKFD_IOC_SET_TRAP_HANDLER" }, /* AMDKFD_IOW(0x13, struct kfd_ioctl_set_trap_handler_args) */
	{ AMDKFD_IOWR_(0x14), "AMDKFD_IOC_GET_PROCESS_APERTURES_NEW" }, /* AMDKFD_IOWR(0x14, struct kfd_ioctl_get_process_apertures_new_args) */
	{ AMDKFD_IOW_(0x15), "AMDKFD_IOC_ACQUIRE_VM" }, /* AMDKFD_IOW(0x15, struct kfd_ioctl_acquire_vm_args) */
	{ AMDKFD_IOWR_(0x16), "AMDKFD_IOC_ALLOC_MEMORY_OF_GPU" }, /* AMDKFD_IOWR(0x16, struct kfd_ioctl_alloc_memory_of_gpu_args) */
	{ AMDKFD_IOW_(0x17), "AMDKFD_IOC_FREE_MEMORY_OF_GPU" }, /* AMDKFD_IOW(0x17, struct kfd_ioctl_free_memory_of_gpu_args) */
	{ AMDKFD_IOWR_(0x18), "AMDKFD_IOC_MAP_MEMORY_TO_GPU" }, /* AMDKFD_IOWR(0x18, struct kfd_ioctl_map_memory_to_gpu_args) */
	{ AMDKFD_IOWR_(0x19), "AMDKFD_IOC_UNMAP_MEMORY_FROM_GPU" }, /* AMDKFD_IOWR(0x19, struct kfd_ioctl_unmap_memory_from_gpu_args) */
	{ AMDKFD_IOW_(0x1A), "AMDKFD_IOC_SET_CU_MASK" }, /* AMDKFD_IOW(0x1A, struct kfd_ioctl_set_cu_mask_args) */
	{ AMDKFD_IOWR_(0x1B), "AMDKFD_IOC_GET_QUEUE_WAVE_STATE" }, /* AMDKFD_IOWR(0x1B, struct kfd_ioctl_get_queue_wave_state_args) */
	{ AMDKFD_IOWR_(0x1C), "AMDKFD_IOC_GET_DMABUF_INFO" }, /* AMDKFD_IOWR(0x1C, struct kfd_ioctl_get_dmabuf_info_args) */
	{ AMDKFD_IOWR_(0x1D), "AMDKFD_IOC_IMPORT_DMABUF" }, /* AMDKFD_IOWR(0x1D, struct kfd_ioctl_import_dmabuf_args) */
	{ AMDKFD_IOWR_(0x1E), "AMDKFD_IOC_ALLOC_QUEUE_GWS" }, /* AMDKFD_IOWR(0x1E, struct kfd_ioctl_alloc_queue_gws_args) */
	{ AMDKFD_IOWR_(0x1F), "AMDKFD_IOC_SMI_EVENTS" }, /* AMDKFD_IOWR(0x1F, struct kfd_ioctl_smi_events_args) */
	{ AMDKFD_IOWR_(0x20), "AMDKFD_IOC_SVM" }, /* AMDKFD_IOWR(0x20, struct kfd_ioctl_svm_args) */
	{ AMDKFD_IOWR_(0x21), "AMDKFD_IOC_SET_XNACK_MODE" }, /* AMDKFD_IOWR(0x21, struct kfd_ioctl_set_xnack_mode_args) */
	{ AMDKFD_IOWR_(0x22), "AMDKFD_IOC_CRIU_OP" }, /* AMDKFD_IOWR(0x22, struct kfd_ioctl_criu_args) */
	{ AMDKFD_IOWR_(0x23), "AMDKFD_IOC_AVAILABLE_MEMORY" }, /* AMDKFD_IOWR(0x23, struct kfd_ioctl_get_available_memory_args) */
	{ AMDKFD_IOWR_(0x24), "AMDKFD_IOC_EXPORT_DMABUF" }, /* AMDKFD_IOWR(0x24, struct kfd_ioctl_export_dmabuf_args) */
	{ AMDKFD_IOWR_(0x25), "AMDKFD_IOC_RUNTIME_ENABLE" }, /* AMDKFD_IOWR(0x25, struct kfd_ioctl_runtime_enable_args) */
	{ AMDKFD_IOWR_(0x26), "AMDKFD_IOC_DBG_TRAP" }, /* AMDKFD_IOWR(0x26, struct kfd_ioctl_dbg_trap_args) */
};

/* ---- NVIDIA (/dev/nvidiactl, /dev/nvidiaN) ---------------------------------- */

/* Transcribed from NVIDIA's open-gpu-kernel-modules, which no Linux
 * header carries: the request is _IOWR(NV_IOCTL_MAGIC, nr, <params>) with
 * NV_IOCTL_MAGIC 'F' (kernel-open/common/inc/nv-ioctl-numbers.h); the
 * driver reads the number and size and ignores the direction. The params
 * struct differs per escape, so only the number is matched. */
#define NV_IOCTL_MAGIC 'F'
#define NV_IOCTL_BASE 200 /* nv-ioctl-numbers.h */

static const struct flag nv_escapes[] = {
	/* src/nvidia/arch/nvalloc/unix/include/nv_escape.h */
	{ 0x27, "NV_ESC_RM_ALLOC_MEMORY" },
	{ 0x28, "NV_ESC_RM_ALLOC_OBJECT" },
	{ 0x29, "NV_ESC_RM_FREE" },
	{ 0x2A, "NV_ESC_RM_CONTROL" },
	{ 0x2B, "NV_ESC_RM_ALLOC" },
	{ 0x32, "NV_ESC_RM_CONFIG_GET" },
	{ 0x33, "NV_ESC_RM_CONFIG_SET" },
	{ 0x34, "NV_ESC_RM_DUP_OBJECT" },
	{ 0x35, "NV_ESC_RM_SHARE" },
	{ 0x37, "NV_ESC_RM_CONFIG_GET_EX" },
	{ 0x38, "NV_ESC_RM_CONFIG_SET_EX" },
	{ 0x39, "NV_ESC_RM_I2C_ACCESS" },
	{ 0x41, "NV_ESC_RM_IDLE_CHANNELS" },
	{ 0x4A, "NV_ESC_RM_VID_HEAP_CONTROL" },
	{ 0x4D, "NV_ESC_RM_ACCESS_REGISTRY" },
	{ 0x4E, "NV_ESC_RM_MAP_MEMORY" },
	{ 0x4F, "NV_ESC_RM_UNMAP_MEMORY" },
	{ 0x52, "NV_ESC_RM_GET_EVENT_DATA" },
	{ 0x54, "NV_ESC_RM_ALLOC_CONTEXT_DMA2" },
	{ 0x56, "NV_ESC_RM_ADD_VBLANK_CALLBACK" },
	{ 0x57, "NV_ESC_RM_MAP_MEMORY_DMA" },
	{ 0x58, "NV_ESC_RM_UNMAP_MEMORY_DMA" },
	{ 0x59, "NV_ESC_RM_BIND_CONTEXT_DMA" },
	{ 0x5C, "NV_ESC_RM_EXPORT_OBJECT_TO_FD" },
	{ 0x5D, "NV_ESC_RM_IMPORT_OBJECT_FROM_FD" },
	{ 0x5E, "NV_ESC_RM_UPDATE_DEVICE_MAPPING_INFO" },
	/* kernel-open/common/inc/nv-ioctl-numbers.h */
	{ NV_IOCTL_BASE + 0, "NV_ESC_CARD_INFO" },
	{ NV_IOCTL_BASE + 1, "NV_ESC_REGISTER_FD" },
	{ NV_IOCTL_BASE + 6, "NV_ESC_ALLOC_OS_EVENT" },
	{ NV_IOCTL_BASE + 7, "NV_ESC_FREE_OS_EVENT" },
	{ NV_IOCTL_BASE + 9, "NV_ESC_STATUS_CODE" },
	{ NV_IOCTL_BASE + 10, "NV_ESC_CHECK_VERSION_STR" },
	{ NV_IOCTL_BASE + 11, "NV_ESC_IOCTL_XFER_CMD" },
	{ NV_IOCTL_BASE + 12, "NV_ESC_ATTACH_GPUS_TO_FD" },
	{ NV_IOCTL_BASE + 13, "NV_ESC_QUERY_DEVICE_INTR" },
	{ NV_IOCTL_BASE + 14, "NV_ESC_SYS_PARAMS" },
	{ NV_IOCTL_BASE + 17, "NV_ESC_EXPORT_TO_DMABUF_FD" },
	{ NV_IOCTL_BASE + 18, "NV_ESC_WAIT_OPEN_COMPLETE" },
};

/* Transcribed from NVIDIA's kernel-open/nvidia-uvm/uvm_ioctl.h and
 * uvm_linux_ioctl.h: on Linux UVM_IOCTL_BASE(i) is plain i, not an
 * _IOC encoding, so these match whole. */
static const struct flag uvm_ioctls[] = {
	{ 0x30000001, "UVM_INITIALIZE" },
	{ 0x30000002, "UVM_DEINITIALIZE" },
	{ 1, "UVM_RESERVE_VA" },
	{ 2, "UVM_RELEASE_VA" },
	{ 3, "UVM_REGION_COMMIT" },
	{ 4, "UVM_REGION_DECOMMIT" },
	{ 5, "UVM_REGION_SET_STREAM" },
	{ 6, "UVM_SET_STREAM_RUNNING" },
	{ 7, "UVM_SET_STREAM_STOPPED" },
	{ 9, "UVM_RUN_TEST" },
	{ 10, "UVM_ADD_SESSION" },
	{ 11, "UVM_REMOVE_SESSION" },
	{ 12, "UVM_ENABLE_COUNTERS" },
	{ 13, "UVM_MAP_COUNTER" },
	{ 14, "UVM_CREATE_EVENT_QUEUE" },
	{ 15, "UVM_REMOVE_EVENT_QUEUE" },
	{ 16, "UVM_MAP_EVENT_QUEUE" },
	{ 17, "UVM_EVENT_CTRL" },
	{ 18, "UVM_REGISTER_MPS_SERVER" },
	{ 19, "UVM_REGISTER_MPS_CLIENT" },
	{ 20, "UVM_GET_GPU_UUID_TABLE" },
	{ 23, "UVM_CREATE_RANGE_GROUP" },
	{ 24, "UVM_DESTROY_RANGE_GROUP" },
	{ 25, "UVM_REGISTER_GPU_VASPACE" },
	{ 26, "UVM_UNREGISTER_GPU_VASPACE" },
	{ 27, "UVM_REGISTER_CHANNEL" },
	{ 28, "UVM_UNREGISTER_CHANNEL" },
	{ 29, "UVM_ENABLE_PEER_ACCESS" },
	{ 30, "UVM_DISABLE_PEER_ACCESS" },
	{ 31, "UVM_SET_RANGE_GROUP" },
	{ 33, "UVM_MAP_EXTERNAL_ALLOCATION" },
	{ 34, "UVM_FREE" },
	{ 35, "UVM_MEM_MAP" },
	{ 36, "UVM_DEBUG_ACCESS_MEMORY" },
	{ 37, "UVM_REGISTER_GPU" },
	{ 38, "UVM_UNREGISTER_GPU" },
	{ 39, "UVM_PAGEABLE_MEM_ACCESS" },
	{ 40, "UVM_PREVENT_MIGRATION_RANGE_GROUPS" },
	{ 41, "UVM_ALLOW_MIGRATION_RANGE_GROUPS" },
	{ 42, "UVM_SET_PREFERRED_LOCATION" },
	{ 43, "UVM_UNSET_PREFERRED_LOCATION" },
	{ 44, "UVM_ENABLE_READ_DUPLICATION" },
	{ 45, "UVM_DISABLE_READ_DUPLICATION" },
	{ 46, "UVM_SET_ACCESSED_BY" },
	{ 47, "UVM_UNSET_ACCESSED_BY" },
	{ 51, "UVM_MIGRATE" },
	{ 53, "UVM_MIGRATE_RANGE_GROUP" },
	{ 54, "UVM_ENABLE_SYSTEM_WIDE_ATOMICS" },
	{ 55, "UVM_DISABLE_SYSTEM_WIDE_ATOMICS" },
	{ 56, "UVM_TOOLS_INIT_EVENT_TRACKER" },
	{ 57, "UVM_TOOLS_SET_NOTIFICATION_THRESHOLD" },
	{ 58, "UVM_TOOLS_EVENT_QUEUE_ENABLE_EVENTS" },
	{ 59, "UVM_TOOLS_EVENT_QUEUE_DISABLE_EVENTS" },
	{ 60, "UVM_TOOLS_ENABLE_COUNTERS" },
	{ 61, "UVM_TOOLS_DISABLE_COUNTERS" },
	{ 62, "UVM_TOOLS_READ_PROCESS_MEMORY" },
	{ 63, "UVM_TOOLS_WRITE_PROCESS_MEMORY" },
	{ 64, "UVM_TOOLS_GET_PROCESSOR_UUID_TABLE" },
	{ 65, "UVM_MAP_DYNAMIC_PARALLELISM_REGION" },
	{ 66, "UVM_UNMAP_EXTERNAL" },
	{ 67, "UVM_TOOLS_FLUSH_EVENTS" },
	{ 68, "UVM_ALLOC_SEMAPHORE_POOL" },
	{ 69, "UVM_CLEAN_UP_ZOMBIE_RESOURCES" },
	{ 70, "UVM_PAGEABLE_MEM_ACCESS_ON_GPU" },
	{ 71, "UVM_POPULATE_PAGEABLE" },
	{ 72, "UVM_VALIDATE_VA_RANGE" },
	{ 73, "UVM_CREATE_EXTERNAL_RANGE" },
	{ 74, "UVM_MAP_EXTERNAL_SPARSE" },
	{ 2047, "UVM_IS_8_SUPPORTED" },
};

/* ---- the generic form ------------------------------------------------------ */

/* From <asm/ioctl.h> (<asm-generic/ioctl.h> on most architectures):
 * _IOC_NONE is 0 there, a bit of its own on mips, powerpc, sparc and
 * alpha (where a zero direction field prints as 0, as strace has it). */
static const struct flag ioc_dirs[] = {
	FLAG(_IOC_NONE),
	FLAG(_IOC_READ),
	FLAG(_IOC_WRITE),
};

static void ioc_dir(struct sb *s, uint32_t dir)
{
	flags_print(s, dir, ioc_dirs, FLAGS_N(ioc_dirs),
		    _IOC_NONE == 0 ? "_IOC_NONE" : "0");
}

/* strace's _IOC(_IOC_READ|_IOC_WRITE, 0x46, 0x2a, 0x20) */
static void ioc_generic(struct sb *s, uint32_t cmd)
{
	sb_str(s, "_IOC(");
	ioc_dir(s, _IOC_DIR(cmd));
	sb_str(s, ", ");
	flags_hex(s, _IOC_TYPE(cmd));
	sb_str(s, ", ");
	flags_hex(s, _IOC_NR(cmd));
	sb_str(s, ", ");
	flags_hex(s, _IOC_SIZE(cmd));
	sb_char(s, ')');
}

static void nv_ioctl(struct sb *s, uint32_t cmd)
{
	const char *name = NULL;

	if (_IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE))
		name = flags_lookup(_IOC_NR(cmd), nv_escapes,
				    FLAGS_N(nv_escapes));
	if (name) {
		sb_str(s, name);
		return;
	}
	sb_str(s, "NV_IOCTL(");
	ioc_dir(s, _IOC_DIR(cmd));
	sb_str(s, ", nr=");
	flags_hex(s, _IOC_NR(cmd));
	sb_str(s, ", size=");
	flags_hex(s, _IOC_SIZE(cmd));
	sb_char(s, ')');
}

void dec_ioctl_cmd(struct sb *s, uint32_t cmd, enum dec_ioctl_family fam)
{
	const char *name = NULL;

	switch (fam) {
	case IOCTL_DRM:
	case IOCTL_ANY:
		name = ioctl_lookup(cmd, drm_ioctls, FLAGS_N(drm_ioctls));
		break;
	case IOCTL_KFD:
		name = ioctl_lookup(cmd, kfd_ioctls, FLAGS_N(kfd_ioctls));
		break;
	case IOCTL_NVIDIA:
		if (_IOC_TYPE(cmd) == NV_IOCTL_MAGIC) {
			nv_ioctl(s, cmd);
			return;
		}
		break;
	case IOCTL_NVIDIA_UVM:
		name = flags_lookup(cmd, uvm_ioctls, FLAGS_N(uvm_ioctls));
		break;
	case IOCTL_TTY:
		break;
	}
	/* tty and FIO* requests work on any fd (isatty() is TCGETS) */
	if (!name)
		name = ioctl_lookup(cmd, tty_ioctls, FLAGS_N(tty_ioctls));
	if (name)
		sb_str(s, name);
	else
		ioc_generic(s, cmd);
}

/* ---- family from the fd's path --------------------------------------------- */

static int prefix(const char *path, const char *p)
{
	return strncmp(path, p, strlen(p)) == 0;
}

/* "/dev/nvidia" followed by one or more digits and nothing else */
static int nvidia_minor(const char *rest)
{
	if (!*rest)
		return 0;
	for (; *rest; rest++)
		if (*rest < '0' || *rest > '9')
			return 0;
	return 1;
}

enum dec_ioctl_family dec_ioctl_family(const char *path)
{
	if (!path)
		return IOCTL_ANY;
	if (prefix(path, "/dev/dri/"))
		return IOCTL_DRM;
	if (strcmp(path, "/dev/kfd") == 0)
		return IOCTL_KFD;
	if (prefix(path, "/dev/nvidia-uvm"))
		return IOCTL_NVIDIA_UVM;
	if (strcmp(path, "/dev/nvidiactl") == 0 ||
	    (prefix(path, "/dev/nvidia") &&
	     nvidia_minor(path + strlen("/dev/nvidia"))))
		return IOCTL_NVIDIA;
	if (prefix(path, "/dev/tty") || prefix(path, "/dev/pts/") ||
	    strcmp(path, "/dev/ptmx") == 0 || strcmp(path, "/dev/console") == 0)
		return IOCTL_TTY;
	return IOCTL_ANY;
}
