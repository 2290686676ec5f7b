/* ioctl(2) requests: names for the tty, DRM, AMD KFD and NVIDIA
 * families, strace's _IOC(...) form for the rest.
 *
 * The _IOC encoding itself (field widths, direction values) differs
 * between architectures, so it is taken apart with <asm/ioctl.h>'s own
 * macros. Requests are matched on the whole number when the header that
 * defines them can be included (tty); requests transcribed from headers
 * that cannot (DRM, KFD, NVIDIA) are matched on direction, type and
 * number only, because the sizes of their structs vary between
 * architectures (struct drm_version is 64 bytes on 64-bit, 36 on
 * 32-bit).
 */
#include <asm/ioctl.h>
#include <asm/termios.h> /* struct winsize, termios2: sizes in TIOCGWINSZ, TCGETS2 */
#include <asm/ioctls.h>

#include "dec.h"

/* A driver's request without its struct: its direction and number, as a
 * table of one driver's requests stores it (the type letter is the
 * driver's). It matches a request of any size, but one without a
 * direction only with size 0, as the header defines it (_IO). */
#define DRIVER_REQ(dir, nr) ((dir) << 8 | (nr))

static int driver_name(struct sb *s, uint32_t cmd, unsigned type,
		       const struct flags *t)
{
	if (_IOC_TYPE(cmd) != type ||
	    (_IOC_DIR(cmd) == _IOC_NONE && _IOC_SIZE(cmd) != 0))
		return 0;
	return flags_name(s, t, DRIVER_REQ(_IOC_DIR(cmd), _IOC_NR(cmd)));
}

/* ---- tty and generic file ioctls ------------------------------------------ */

/* Requests that only some architectures' or kernels' headers define are
 * listed through a helper that is empty when the header lacks them. */
#ifdef TCGETS2
#define TCGETS2_(_, p) _(p, TCGETS2) _(p, TCSETS2) _(p, TCSETSW2) _(p, TCSETSF2)
#else
#define TCGETS2_(_, p)
#endif
#ifdef TIOCGDEV
#define TIOCGDEV_(_, p) _(p, TIOCGDEV)
#else
#define TIOCGDEV_(_, p)
#endif
#ifdef TIOCSIG
#define TIOCSIG_(_, p) _(p, TIOCSIG)
#else
#define TIOCSIG_(_, p)
#endif
#ifdef TIOCVHANGUP
#define TIOCVHANGUP_(_, p) _(p, TIOCVHANGUP)
#else
#define TIOCVHANGUP_(_, p)
#endif
#ifdef TIOCGPKT
#define TIOCGPKT_(_, p) _(p, TIOCGPKT) _(p, TIOCGPTLCK) _(p, TIOCGEXCL)
#else
#define TIOCGPKT_(_, p)
#endif
#ifdef TIOCGPTPEER
#define TIOCGPTPEER_(_, p) _(p, TIOCGPTPEER)
#else
#define TIOCGPTPEER_(_, p)
#endif
#ifdef FIOQSIZE
#define FIOQSIZE_(_, p) _(p, FIOQSIZE)
#else
#define FIOQSIZE_(_, p)
#endif

/* Transcribed from <asm/ioctls.h> (<asm-generic/ioctls.h> on most
 * architectures). FIONREAD comes before its alias TIOCINQ; the serial
 * RS485/ISO7816 requests, which need <linux/serial.h>'s structs, are
 * left out. */
#define TTY_IOCTLS(_, p)                                                      \
	_(p, TCGETS)       _(p, TCSETS)       _(p, TCSETSW)                   \
	_(p, TCSETSF)      _(p, TCGETA)       _(p, TCSETA)                    \
	_(p, TCSETAW)      _(p, TCSETAF)      _(p, TCSBRK)                    \
	_(p, TCXONC)       _(p, TCFLSH)       _(p, TIOCEXCL)                  \
	_(p, TIOCNXCL)     _(p, TIOCSCTTY)    _(p, TIOCGPGRP)                 \
	_(p, TIOCSPGRP)    _(p, TIOCOUTQ)     _(p, TIOCSTI)                   \
	_(p, TIOCGWINSZ)   _(p, TIOCSWINSZ)   _(p, TIOCMGET)                  \
	_(p, TIOCMBIS)     _(p, TIOCMBIC)     _(p, TIOCMSET)                  \
	_(p, TIOCGSOFTCAR) _(p, TIOCSSOFTCAR) _(p, FIONREAD)                  \
	_(p, TIOCLINUX)    _(p, TIOCCONS)     _(p, TIOCGSERIAL)               \
	_(p, TIOCSSERIAL)  _(p, TIOCPKT)      _(p, FIONBIO)                   \
	_(p, TIOCNOTTY)    _(p, TIOCSETD)     _(p, TIOCGETD)                  \
	_(p, TCSBRKP)      _(p, TIOCSBRK)     _(p, TIOCCBRK)                  \
	_(p, TIOCGSID)     TCGETS2_(_, p)     _(p, TIOCGPTN)                  \
	_(p, TIOCSPTLCK)   TIOCGDEV_(_, p)    TIOCSIG_(_, p)                  \
	TIOCVHANGUP_(_, p) TIOCGPKT_(_, p)    TIOCGPTPEER_(_, p)              \
	_(p, FIONCLEX)     _(p, FIOCLEX)      _(p, FIOASYNC)                  \
	FIOQSIZE_(_, p)    _(p, TIOCMIWAIT)   _(p, TIOCGICOUNT)
FLAGS_TABLE(tty_ioctls, uint32_t, , TTY_IOCTLS);

/* ---- DRM core ------------------------------------------------------------- */

/* Transcribed from the kernel's include/uapi/drm/drm.h, which Debian
 * ships in libdrm-dev rather than linux-libc-dev: DRM_IOCTL_BASE is 'd'
 * and DRM_IO/DRM_IOR/DRM_IOW/DRM_IOWR(nr, type) are _IO/_IOR/_IOW/_IOWR
 * of it. Each entry keeps the header's expression without its struct,
 * which is named in the comment beside it. Numbers 0x40..0x9f
 * (DRM_COMMAND_BASE..DRM_COMMAND_END) belong to each driver and are not
 * named: the fd's path does not say which driver it is. */
#define DRM_IOCTL_BASE 'd'
#define DRM_IO_(nr)   DRIVER_REQ(_IOC_NONE, nr)
#define DRM_IOR_(nr)  DRIVER_REQ(_IOC_READ, nr)
#define DRM_IOW_(nr)  DRIVER_REQ(_IOC_WRITE, nr)
#define DRM_IOWR_(nr) DRIVER_REQ(_IOC_READ | _IOC_WRITE, nr)

#define DRM_IOCTLS(_)                                                                            \
	_(VERSION,                 DRM_IOWR_(0x00)) /* struct drm_version */                     \
	_(GET_UNIQUE,              DRM_IOWR_(0x01)) /* struct drm_unique */                      \
	_(GET_MAGIC,               DRM_IOR_(0x02))  /* struct drm_auth */                        \
	_(IRQ_BUSID,               DRM_IOWR_(0x03)) /* struct drm_irq_busid */                   \
	_(GET_MAP,                 DRM_IOWR_(0x04)) /* struct drm_map */                         \
	_(GET_CLIENT,              DRM_IOWR_(0x05)) /* struct drm_client */                      \
	_(GET_STATS,               DRM_IOR_(0x06))  /* struct drm_stats */                       \
	_(SET_VERSION,             DRM_IOWR_(0x07)) /* struct drm_set_version */                 \
	_(MODESET_CTL,             DRM_IOW_(0x08))  /* struct drm_modeset_ctl */                 \
	_(GEM_CLOSE,               DRM_IOW_(0x09))  /* struct drm_gem_close */                   \
	_(GEM_FLINK,               DRM_IOWR_(0x0a)) /* struct drm_gem_flink */                   \
	_(GEM_OPEN,                DRM_IOWR_(0x0b)) /* struct drm_gem_open */                    \
	_(GET_CAP,                 DRM_IOWR_(0x0c)) /* struct drm_get_cap */                     \
	_(SET_CLIENT_CAP,          DRM_IOW_(0x0d))  /* struct drm_set_client_cap */              \
	_(SET_UNIQUE,              DRM_IOW_(0x10))  /* struct drm_unique */                      \
	_(AUTH_MAGIC,              DRM_IOW_(0x11))  /* struct drm_auth */                        \
	_(BLOCK,                   DRM_IOWR_(0x12)) /* struct drm_block */                       \
	_(UNBLOCK,                 DRM_IOWR_(0x13)) /* struct drm_block */                       \
	_(CONTROL,                 DRM_IOW_(0x14))  /* struct drm_control */                     \
	_(ADD_MAP,                 DRM_IOWR_(0x15)) /* struct drm_map */                         \
	_(ADD_BUFS,                DRM_IOWR_(0x16)) /* struct drm_buf_desc */                    \
	_(MARK_BUFS,               DRM_IOW_(0x17))  /* struct drm_buf_desc */                    \
	_(INFO_BUFS,               DRM_IOWR_(0x18)) /* struct drm_buf_info */                    \
	_(MAP_BUFS,                DRM_IOWR_(0x19)) /* struct drm_buf_map */                     \
	_(FREE_BUFS,               DRM_IOW_(0x1a))  /* struct drm_buf_free */                    \
	_(RM_MAP,                  DRM_IOW_(0x1b))  /* struct drm_map */                         \
	_(SET_SAREA_CTX,           DRM_IOW_(0x1c))  /* struct drm_ctx_priv_map */                \
	_(GET_SAREA_CTX,           DRM_IOWR_(0x1d)) /* struct drm_ctx_priv_map */                \
	_(SET_MASTER,              DRM_IO_(0x1e))                                                \
	_(DROP_MASTER,             DRM_IO_(0x1f))                                                \
	_(ADD_CTX,                 DRM_IOWR_(0x20)) /* struct drm_ctx */                         \
	_(RM_CTX,                  DRM_IOWR_(0x21)) /* struct drm_ctx */                         \
	_(MOD_CTX,                 DRM_IOW_(0x22))  /* struct drm_ctx */                         \
	_(GET_CTX,                 DRM_IOWR_(0x23)) /* struct drm_ctx */                         \
	_(SWITCH_CTX,              DRM_IOW_(0x24))  /* struct drm_ctx */                         \
	_(NEW_CTX,                 DRM_IOW_(0x25))  /* struct drm_ctx */                         \
	_(RES_CTX,                 DRM_IOWR_(0x26)) /* struct drm_ctx_res */                     \
	_(ADD_DRAW,                DRM_IOWR_(0x27)) /* struct drm_draw */                        \
	_(RM_DRAW,                 DRM_IOWR_(0x28)) /* struct drm_draw */                        \
	_(DMA,                     DRM_IOWR_(0x29)) /* struct drm_dma */                         \
	_(LOCK,                    DRM_IOW_(0x2a))  /* struct drm_lock */                        \
	_(UNLOCK,                  DRM_IOW_(0x2b))  /* struct drm_lock */                        \
	_(FINISH,                  DRM_IOW_(0x2c))  /* struct drm_lock */                        \
	_(PRIME_HANDLE_TO_FD,      DRM_IOWR_(0x2d)) /* struct drm_prime_handle */                \
	_(PRIME_FD_TO_HANDLE,      DRM_IOWR_(0x2e)) /* struct drm_prime_handle */                \
	_(AGP_ACQUIRE,             DRM_IO_(0x30))                                                \
	_(AGP_RELEASE,             DRM_IO_(0x31))                                                \
	_(AGP_ENABLE,              DRM_IOW_(0x32))  /* struct drm_agp_mode */                    \
	_(AGP_INFO,                DRM_IOR_(0x33))  /* struct drm_agp_info */                    \
	_(AGP_ALLOC,               DRM_IOWR_(0x34)) /* struct drm_agp_buffer */                  \
	_(AGP_FREE,                DRM_IOW_(0x35))  /* struct drm_agp_buffer */                  \
	_(AGP_BIND,                DRM_IOW_(0x36))  /* struct drm_agp_binding */                 \
	_(AGP_UNBIND,              DRM_IOW_(0x37))  /* struct drm_agp_binding */                 \
	_(SG_ALLOC,                DRM_IOWR_(0x38)) /* struct drm_scatter_gather */              \
	_(SG_FREE,                 DRM_IOW_(0x39))  /* struct drm_scatter_gather */              \
	_(WAIT_VBLANK,             DRM_IOWR_(0x3a)) /* union drm_wait_vblank */                  \
	_(CRTC_GET_SEQUENCE,       DRM_IOWR_(0x3b)) /* struct drm_crtc_get_sequence */           \
	_(CRTC_QUEUE_SEQUENCE,     DRM_IOWR_(0x3c)) /* struct drm_crtc_queue_sequence */         \
	_(UPDATE_DRAW,             DRM_IOW_(0x3f))  /* struct drm_update_draw */                 \
	_(MODE_GETRESOURCES,       DRM_IOWR_(0xA0)) /* struct drm_mode_card_res */               \
	_(MODE_GETCRTC,            DRM_IOWR_(0xA1)) /* struct drm_mode_crtc */                   \
	_(MODE_SETCRTC,            DRM_IOWR_(0xA2)) /* struct drm_mode_crtc */                   \
	_(MODE_CURSOR,             DRM_IOWR_(0xA3)) /* struct drm_mode_cursor */                 \
	_(MODE_GETGAMMA,           DRM_IOWR_(0xA4)) /* struct drm_mode_crtc_lut */               \
	_(MODE_SETGAMMA,           DRM_IOWR_(0xA5)) /* struct drm_mode_crtc_lut */               \
	_(MODE_GETENCODER,         DRM_IOWR_(0xA6)) /* struct drm_mode_get_encoder */            \
	_(MODE_GETCONNECTOR,       DRM_IOWR_(0xA7)) /* struct drm_mode_get_connector */          \
	_(MODE_ATTACHMODE,         DRM_IOWR_(0xA8)) /* struct drm_mode_mode_cmd */               \
	_(MODE_DETACHMODE,         DRM_IOWR_(0xA9)) /* struct drm_mode_mode_cmd */               \
	_(MODE_GETPROPERTY,        DRM_IOWR_(0xAA)) /* struct drm_mode_get_property */           \
	_(MODE_SETPROPERTY,        DRM_IOWR_(0xAB)) /* struct drm_mode_connector_set_property */ \
	_(MODE_GETPROPBLOB,        DRM_IOWR_(0xAC)) /* struct drm_mode_get_blob */               \
	_(MODE_GETFB,              DRM_IOWR_(0xAD)) /* struct drm_mode_fb_cmd */                 \
	_(MODE_ADDFB,              DRM_IOWR_(0xAE)) /* struct drm_mode_fb_cmd */                 \
	_(MODE_RMFB,               DRM_IOWR_(0xAF)) /* unsigned int */                           \
	_(MODE_PAGE_FLIP,          DRM_IOWR_(0xB0)) /* struct drm_mode_crtc_page_flip */         \
	_(MODE_DIRTYFB,            DRM_IOWR_(0xB1)) /* struct drm_mode_fb_dirty_cmd */           \
	_(MODE_CREATE_DUMB,        DRM_IOWR_(0xB2)) /* struct drm_mode_create_dumb */            \
	_(MODE_MAP_DUMB,           DRM_IOWR_(0xB3)) /* struct drm_mode_map_dumb */               \
	_(MODE_DESTROY_DUMB,       DRM_IOWR_(0xB4)) /* struct drm_mode_destroy_dumb */           \
	_(MODE_GETPLANERESOURCES,  DRM_IOWR_(0xB5)) /* struct drm_mode_get_plane_res */          \
	_(MODE_GETPLANE,           DRM_IOWR_(0xB6)) /* struct drm_mode_get_plane */              \
	_(MODE_SETPLANE,           DRM_IOWR_(0xB7)) /* struct drm_mode_set_plane */              \
	_(MODE_ADDFB2,             DRM_IOWR_(0xB8)) /* struct drm_mode_fb_cmd2 */                \
	_(MODE_OBJ_GETPROPERTIES,  DRM_IOWR_(0xB9)) /* struct drm_mode_obj_get_properties */     \
	_(MODE_OBJ_SETPROPERTY,    DRM_IOWR_(0xBA)) /* struct drm_mode_obj_set_property */       \
	_(MODE_CURSOR2,            DRM_IOWR_(0xBB)) /* struct drm_mode_cursor2 */                \
	_(MODE_ATOMIC,             DRM_IOWR_(0xBC)) /* struct drm_mode_atomic */                 \
	_(MODE_CREATEPROPBLOB,     DRM_IOWR_(0xBD)) /* struct drm_mode_create_blob */            \
	_(MODE_DESTROYPROPBLOB,    DRM_IOWR_(0xBE)) /* struct drm_mode_destroy_blob */           \
	_(SYNCOBJ_CREATE,          DRM_IOWR_(0xBF)) /* struct drm_syncobj_create */              \
	_(SYNCOBJ_DESTROY,         DRM_IOWR_(0xC0)) /* struct drm_syncobj_destroy */             \
	_(SYNCOBJ_HANDLE_TO_FD,    DRM_IOWR_(0xC1)) /* struct drm_syncobj_handle */              \
	_(SYNCOBJ_FD_TO_HANDLE,    DRM_IOWR_(0xC2)) /* struct drm_syncobj_handle */              \
	_(SYNCOBJ_WAIT,            DRM_IOWR_(0xC3)) /* struct drm_syncobj_wait */                \
	_(SYNCOBJ_RESET,           DRM_IOWR_(0xC4)) /* struct drm_syncobj_array */               \
	_(SYNCOBJ_SIGNAL,          DRM_IOWR_(0xC5)) /* struct drm_syncobj_array */               \
	_(MODE_CREATE_LEASE,       DRM_IOWR_(0xC6)) /* struct drm_mode_create_lease */           \
	_(MODE_LIST_LESSEES,       DRM_IOWR_(0xC7)) /* struct drm_mode_list_lessees */           \
	_(MODE_GET_LEASE,          DRM_IOWR_(0xC8)) /* struct drm_mode_get_lease */              \
	_(MODE_REVOKE_LEASE,       DRM_IOWR_(0xC9)) /* struct drm_mode_revoke_lease */           \
	_(SYNCOBJ_TIMELINE_WAIT,   DRM_IOWR_(0xCA)) /* struct drm_syncobj_timeline_wait */       \
	_(SYNCOBJ_QUERY,           DRM_IOWR_(0xCB)) /* struct drm_syncobj_timeline_array */      \
	_(SYNCOBJ_TRANSFER,        DRM_IOWR_(0xCC)) /* struct drm_syncobj_transfer */            \
	_(SYNCOBJ_TIMELINE_SIGNAL, DRM_IOWR_(0xCD)) /* struct drm_syncobj_timeline_array */      \
	_(MODE_GETFB2,             DRM_IOWR_(0xCE)) /* struct drm_mode_fb_cmd2 */                \
	_(SYNCOBJ_EVENTFD,         DRM_IOWR_(0xCF)) /* struct drm_syncobj_eventfd */             \
	_(MODE_CLOSEFB,            DRM_IOWR_(0xD0)) /* struct drm_mode_closefb */                \
	_(SET_CLIENT_NAME,         DRM_IOWR_(0xD1)) /* struct drm_set_client_name */             \
	_(GEM_CHANGE_HANDLE,       DRM_IOWR_(0xD2)) /* struct drm_gem_change_handle */
FLAGS_TABLE_OF(drm_ioctls, uint16_t, DRM_IOCTL_, DRM_IOCTLS);

/* ---- AMD KFD (/dev/kfd) ---------------------------------------------------- */

/* Transcribed from <linux/kfd_ioctl.h> (linux-libc-dev 6.1), and
 * 0x24..0x26 from the kernel's newer include/uapi/linux/kfd_ioctl.h.
 * The header itself cannot be included: it includes <drm/drm.h>, which
 * linux-libc-dev does not ship. AMDKFD_IOCTL_BASE is 'K' and
 * AMDKFD_IOR/IOW/IOWR(nr, type) are _IOR/_IOW/_IOWR of it; each entry
 * keeps the header's expression without its struct, as for DRM. */
#define AMDKFD_IOCTL_BASE 'K'
#define AMDKFD_IOR_(nr)  DRIVER_REQ(_IOC_READ, nr)
#define AMDKFD_IOW_(nr)  DRIVER_REQ(_IOC_WRITE, nr)
#define AMDKFD_IOWR_(nr) DRIVER_REQ(_IOC_READ | _IOC_WRITE, nr)

#define KFD_IOCTLS(_)                                                                                             \
	_(GET_VERSION,                  AMDKFD_IOR_(0x01))  /* struct kfd_ioctl_get_version_args */               \
	_(CREATE_QUEUE,                 AMDKFD_IOWR_(0x02)) /* struct kfd_ioctl_create_queue_args */              \
	_(DESTROY_QUEUE,                AMDKFD_IOWR_(0x03)) /* struct kfd_ioctl_destroy_queue_args */             \
	_(SET_MEMORY_POLICY,            AMDKFD_IOW_(0x04))  /* struct kfd_ioctl_set_memory_policy_args */         \
	_(GET_CLOCK_COUNTERS,           AMDKFD_IOWR_(0x05)) /* struct kfd_ioctl_get_clock_counters_args */        \
	_(GET_PROCESS_APERTURES,        AMDKFD_IOR_(0x06))  /* struct kfd_ioctl_get_process_apertures_args */     \
	_(UPDATE_QUEUE,                 AMDKFD_IOW_(0x07))  /* struct kfd_ioctl_update_queue_args */              \
	_(CREATE_EVENT,                 AMDKFD_IOWR_(0x08)) /* struct kfd_ioctl_create_event_args */              \
	_(DESTROY_EVENT,                AMDKFD_IOW_(0x09))  /* struct kfd_ioctl_destroy_event_args */             \
	_(SET_EVENT,                    AMDKFD_IOW_(0x0A))  /* struct kfd_ioctl_set_event_args */                 \
	_(RESET_EVENT,                  AMDKFD_IOW_(0x0B))  /* struct kfd_ioctl_reset_event_args */               \
	_(WAIT_EVENTS,                  AMDKFD_IOWR_(0x0C)) /* struct kfd_ioctl_wait_events_args */               \
	_(DBG_REGISTER_DEPRECATED,      AMDKFD_IOW_(0x0D))  /* struct kfd_ioctl_dbg_register_args */              \
	_(DBG_UNREGISTER_DEPRECATED,    AMDKFD_IOW_(0x0E))  /* struct kfd_ioctl_dbg_unregister_args */            \
	_(DBG_ADDRESS_WATCH_DEPRECATED, AMDKFD_IOW_(0x0F))  /* struct kfd_ioctl_dbg_address_watch_args */         \
	_(DBG_WAVE_CONTROL_DEPRECATED,  AMDKFD_IOW_(0x10))  /* struct kfd_ioctl_dbg_wave_control_args */          \
	_(SET_SCRATCH_BACKING_VA,       AMDKFD_IOWR_(0x11)) /* struct kfd_ioctl_set_scratch_backing_va_args */    \
	_(GET_TILE_CONFIG,              AMDKFD_IOWR_(0x12)) /* struct kfd_ioctl_get_tile_config_args */           \
	_(SET_TRAP_HANDLER,             AMDKFD_IOW_(0x13))  /* struct kfd_ioctl_set_trap_handler_args */          \
	_(GET_PROCESS_APERTURES_NEW,    AMDKFD_IOWR_(0x14)) /* struct kfd_ioctl_get_process_apertures_new_args */ \
	_(ACQUIRE_VM,                   AMDKFD_IOW_(0x15))  /* struct kfd_ioctl_acquire_vm_args */                \
	_(ALLOC_MEMORY_OF_GPU,          AMDKFD_IOWR_(0x16)) /* struct kfd_ioctl_alloc_memory_of_gpu_args */       \
	_(FREE_MEMORY_OF_GPU,           AMDKFD_IOW_(0x17))  /* struct kfd_ioctl_free_memory_of_gpu_args */        \
	_(MAP_MEMORY_TO_GPU,            AMDKFD_IOWR_(0x18)) /* struct kfd_ioctl_map_memory_to_gpu_args */         \
	_(UNMAP_MEMORY_FROM_GPU,        AMDKFD_IOWR_(0x19)) /* struct kfd_ioctl_unmap_memory_from_gpu_args */     \
	_(SET_CU_MASK,                  AMDKFD_IOW_(0x1A))  /* struct kfd_ioctl_set_cu_mask_args */               \
	_(GET_QUEUE_WAVE_STATE,         AMDKFD_IOWR_(0x1B)) /* struct kfd_ioctl_get_queue_wave_state_args */      \
	_(GET_DMABUF_INFO,              AMDKFD_IOWR_(0x1C)) /* struct kfd_ioctl_get_dmabuf_info_args */           \
	_(IMPORT_DMABUF,                AMDKFD_IOWR_(0x1D)) /* struct kfd_ioctl_import_dmabuf_args */             \
	_(ALLOC_QUEUE_GWS,              AMDKFD_IOWR_(0x1E)) /* struct kfd_ioctl_alloc_queue_gws_args */           \
	_(SMI_EVENTS,                   AMDKFD_IOWR_(0x1F)) /* struct kfd_ioctl_smi_events_args */                \
	_(SVM,                          AMDKFD_IOWR_(0x20)) /* struct kfd_ioctl_svm_args */                       \
	_(SET_XNACK_MODE,               AMDKFD_IOWR_(0x21)) /* struct kfd_ioctl_set_xnack_mode_args */            \
	_(CRIU_OP,                      AMDKFD_IOWR_(0x22)) /* struct kfd_ioctl_criu_args */                      \
	_(AVAILABLE_MEMORY,             AMDKFD_IOWR_(0x23)) /* struct kfd_ioctl_get_available_memory_args */      \
	_(EXPORT_DMABUF,                AMDKFD_IOWR_(0x24)) /* struct kfd_ioctl_export_dmabuf_args */             \
	_(RUNTIME_ENABLE,               AMDKFD_IOWR_(0x25)) /* struct kfd_ioctl_runtime_enable_args */            \
	_(DBG_TRAP,                     AMDKFD_IOWR_(0x26)) /* struct kfd_ioctl_dbg_trap_args */
FLAGS_TABLE_OF(kfd_ioctls, uint16_t, AMDKFD_IOC_, KFD_IOCTLS);

/* ---- NVIDIA (/dev/nvidiactl, /dev/nvidiaN) ---------------------------------- */

/* Transcribed from NVIDIA's open-gpu-kernel-modules, which no Linux
 * header carries: the request is _IOWR(NV_IOCTL_MAGIC, nr, <params>) with
 * NV_IOCTL_MAGIC 'F' (kernel-open/common/inc/nv-ioctl-numbers.h); the
 * driver reads the number and size and ignores the direction. The params
 * struct differs per escape, so only the number is matched. */
#define NV_IOCTL_MAGIC 'F'
#define NV_IOCTL_BASE 200 /* nv-ioctl-numbers.h */

#define NV_ESCAPES(_)                                          \
	/* src/nvidia/arch/nvalloc/unix/include/nv_escape.h */ \
	_(RM_ALLOC_MEMORY,               0x27)                 \
	_(RM_ALLOC_OBJECT,               0x28)                 \
	_(RM_FREE,                       0x29)                 \
	_(RM_CONTROL,                    0x2A)                 \
	_(RM_ALLOC,                      0x2B)                 \
	_(RM_CONFIG_GET,                 0x32)                 \
	_(RM_CONFIG_SET,                 0x33)                 \
	_(RM_DUP_OBJECT,                 0x34)                 \
	_(RM_SHARE,                      0x35)                 \
	_(RM_CONFIG_GET_EX,              0x37)                 \
	_(RM_CONFIG_SET_EX,              0x38)                 \
	_(RM_I2C_ACCESS,                 0x39)                 \
	_(RM_IDLE_CHANNELS,              0x41)                 \
	_(RM_VID_HEAP_CONTROL,           0x4A)                 \
	_(RM_ACCESS_REGISTRY,            0x4D)                 \
	_(RM_MAP_MEMORY,                 0x4E)                 \
	_(RM_UNMAP_MEMORY,               0x4F)                 \
	_(RM_GET_EVENT_DATA,             0x52)                 \
	_(RM_ALLOC_CONTEXT_DMA2,         0x54)                 \
	_(RM_ADD_VBLANK_CALLBACK,        0x56)                 \
	_(RM_MAP_MEMORY_DMA,             0x57)                 \
	_(RM_UNMAP_MEMORY_DMA,           0x58)                 \
	_(RM_BIND_CONTEXT_DMA,           0x59)                 \
	_(RM_EXPORT_OBJECT_TO_FD,        0x5C)                 \
	_(RM_IMPORT_OBJECT_FROM_FD,      0x5D)                 \
	_(RM_UPDATE_DEVICE_MAPPING_INFO, 0x5E)                 \
	/* kernel-open/common/inc/nv-ioctl-numbers.h */        \
	_(CARD_INFO,                     NV_IOCTL_BASE + 0)    \
	_(REGISTER_FD,                   NV_IOCTL_BASE + 1)    \
	_(ALLOC_OS_EVENT,                NV_IOCTL_BASE + 6)    \
	_(FREE_OS_EVENT,                 NV_IOCTL_BASE + 7)    \
	_(STATUS_CODE,                   NV_IOCTL_BASE + 9)    \
	_(CHECK_VERSION_STR,             NV_IOCTL_BASE + 10)   \
	_(IOCTL_XFER_CMD,                NV_IOCTL_BASE + 11)   \
	_(ATTACH_GPUS_TO_FD,             NV_IOCTL_BASE + 12)   \
	_(QUERY_DEVICE_INTR,             NV_IOCTL_BASE + 13)   \
	_(SYS_PARAMS,                    NV_IOCTL_BASE + 14)   \
	_(EXPORT_TO_DMABUF_FD,           NV_IOCTL_BASE + 17)   \
	_(WAIT_OPEN_COMPLETE,            NV_IOCTL_BASE + 18)
FLAGS_TABLE_OF(nv_escapes, uint8_t, NV_ESC_, NV_ESCAPES);

/* Transcribed from NVIDIA's kernel-open/nvidia-uvm/uvm_linux_ioctl.h,
 * then uvm_ioctl.h, where UVM_IOCTL_BASE(i) is plain i on Linux, not an
 * _IOC encoding: these match whole. Two tables, so that the second's
 * values fit 16 bits. */
#define UVM_LINUX_IOCTLS(_) _(INITIALIZE, 0x30000001) _(DEINITIALIZE, 0x30000002)
FLAGS_TABLE_OF(uvm_linux_ioctls, uint32_t, UVM_, UVM_LINUX_IOCTLS);

#define UVM_IOCTLS(_)                             \
	_(RESERVE_VA,                       1)    \
	_(RELEASE_VA,                       2)    \
	_(REGION_COMMIT,                    3)    \
	_(REGION_DECOMMIT,                  4)    \
	_(REGION_SET_STREAM,                5)    \
	_(SET_STREAM_RUNNING,               6)    \
	_(SET_STREAM_STOPPED,               7)    \
	_(RUN_TEST,                         9)    \
	_(ADD_SESSION,                      10)   \
	_(REMOVE_SESSION,                   11)   \
	_(ENABLE_COUNTERS,                  12)   \
	_(MAP_COUNTER,                      13)   \
	_(CREATE_EVENT_QUEUE,               14)   \
	_(REMOVE_EVENT_QUEUE,               15)   \
	_(MAP_EVENT_QUEUE,                  16)   \
	_(EVENT_CTRL,                       17)   \
	_(REGISTER_MPS_SERVER,              18)   \
	_(REGISTER_MPS_CLIENT,              19)   \
	_(GET_GPU_UUID_TABLE,               20)   \
	_(CREATE_RANGE_GROUP,               23)   \
	_(DESTROY_RANGE_GROUP,              24)   \
	_(REGISTER_GPU_VASPACE,             25)   \
	_(UNREGISTER_GPU_VASPACE,           26)   \
	_(REGISTER_CHANNEL,                 27)   \
	_(UNREGISTER_CHANNEL,               28)   \
	_(ENABLE_PEER_ACCESS,               29)   \
	_(DISABLE_PEER_ACCESS,              30)   \
	_(SET_RANGE_GROUP,                  31)   \
	_(MAP_EXTERNAL_ALLOCATION,          33)   \
	_(FREE,                             34)   \
	_(MEM_MAP,                          35)   \
	_(DEBUG_ACCESS_MEMORY,              36)   \
	_(REGISTER_GPU,                     37)   \
	_(UNREGISTER_GPU,                   38)   \
	_(PAGEABLE_MEM_ACCESS,              39)   \
	_(PREVENT_MIGRATION_RANGE_GROUPS,   40)   \
	_(ALLOW_MIGRATION_RANGE_GROUPS,     41)   \
	_(SET_PREFERRED_LOCATION,           42)   \
	_(UNSET_PREFERRED_LOCATION,         43)   \
	_(ENABLE_READ_DUPLICATION,          44)   \
	_(DISABLE_READ_DUPLICATION,         45)   \
	_(SET_ACCESSED_BY,                  46)   \
	_(UNSET_ACCESSED_BY,                47)   \
	_(MIGRATE,                          51)   \
	_(MIGRATE_RANGE_GROUP,              53)   \
	_(ENABLE_SYSTEM_WIDE_ATOMICS,       54)   \
	_(DISABLE_SYSTEM_WIDE_ATOMICS,      55)   \
	_(TOOLS_INIT_EVENT_TRACKER,         56)   \
	_(TOOLS_SET_NOTIFICATION_THRESHOLD, 57)   \
	_(TOOLS_EVENT_QUEUE_ENABLE_EVENTS,  58)   \
	_(TOOLS_EVENT_QUEUE_DISABLE_EVENTS, 59)   \
	_(TOOLS_ENABLE_COUNTERS,            60)   \
	_(TOOLS_DISABLE_COUNTERS,           61)   \
	_(TOOLS_READ_PROCESS_MEMORY,        62)   \
	_(TOOLS_WRITE_PROCESS_MEMORY,       63)   \
	_(TOOLS_GET_PROCESSOR_UUID_TABLE,   64)   \
	_(MAP_DYNAMIC_PARALLELISM_REGION,   65)   \
	_(UNMAP_EXTERNAL,                   66)   \
	_(TOOLS_FLUSH_EVENTS,               67)   \
	_(ALLOC_SEMAPHORE_POOL,             68)   \
	_(CLEAN_UP_ZOMBIE_RESOURCES,        69)   \
	_(PAGEABLE_MEM_ACCESS_ON_GPU,       70)   \
	_(POPULATE_PAGEABLE,                71)   \
	_(VALIDATE_VA_RANGE,                72)   \
	_(CREATE_EXTERNAL_RANGE,            73)   \
	_(MAP_EXTERNAL_SPARSE,              74)   \
	_(IS_8_SUPPORTED,                   2047)
FLAGS_TABLE_OF(uvm_ioctls, uint16_t, UVM_, UVM_IOCTLS);

/* ---- the generic form ------------------------------------------------------ */

/* From <asm/ioctl.h> (<asm-generic/ioctl.h> on most architectures):
 * _IOC_NONE is 0 there, a bit of its own on mips, powerpc, sparc and
 * alpha (where a zero direction field prints as 0, as strace has it). */
#define IOC_DIRS(_, p) _(p, NONE) _(p, READ) _(p, WRITE)
FLAGS_TABLE(ioc_dirs, uint8_t, _IOC_, IOC_DIRS);

static void ioc_dir(struct sb *s, uint32_t dir)
{
	flags_print(s, dir, ioc_dirs, _IOC_NONE == 0 ? "_IOC_NONE" : "0");
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
	if (_IOC_DIR(cmd) == (_IOC_READ | _IOC_WRITE) &&
	    flags_name(s, nv_escapes, _IOC_NR(cmd)))
		return;
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
	int named = 0;

	switch (fam) {
	case IOCTL_DRM:
	case IOCTL_ANY:
		named = driver_name(s, cmd, DRM_IOCTL_BASE, drm_ioctls);
		break;
	case IOCTL_KFD:
		named = driver_name(s, cmd, AMDKFD_IOCTL_BASE, kfd_ioctls);
		break;
	case IOCTL_NVIDIA:
		if (_IOC_TYPE(cmd) == NV_IOCTL_MAGIC) {
			nv_ioctl(s, cmd);
			return;
		}
		break;
	case IOCTL_NVIDIA_UVM:
		named = flags_name(s, uvm_linux_ioctls, cmd) ||
			flags_name(s, uvm_ioctls, cmd);
		break;
	case IOCTL_TTY:
		break;
	}
	/* tty and FIO* requests work on any fd (isatty() is TCGETS) */
	if (!named && !flags_name(s, tty_ioctls, cmd))
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
