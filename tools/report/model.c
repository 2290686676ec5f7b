/* Model formats by magic bytes. What each check requires:
 *
 * GGUF         "GGUF", u32 version 1..3, then tensor and metadata counts
 *              (u32 in v1, u64 after); general.architecture and
 *              general.name are read from the first 64 metadata pairs.
 * ggml         u32 magic 'ggml', 'ggmf' or 'ggjt' (llama.cpp before GGUF).
 * safetensors  u64 LE header length N, 2 <= N <= 100 MiB, N + 8 <= size;
 *              the N bytes are a JSON object whose members (but
 *              __metadata__) are objects with "dtype"; the largest end of
 *              data_offsets + 8 + N must equal the size, else "truncated".
 * zip          "PK\3\4" at 0; the central directory (found from the end,
 *              zip64 too) names the entries: <dir>/data.pkl: torch.save;
 *              <dir>/code/ or <dir>/constants.pkl as well: TorchScript;
 *              config.json + model.weights.h5: Keras 3; only *.npy: npz.
 *              Without a readable directory (a cut file) the first
 *              entry's name decides, and the file is "truncated".
 * pickle       0x80 then protocol 2..5; torch.save's older format starts
 *              with the pickled magic number 0x1950a86a20f9469cfc6c.
 *              Protocols 0 and 1 have no signature and are not detected.
 * ONNX         protobuf has no magic: the top-level fields of the file are
 *              walked as an onnx.ModelProto (field numbers and wire types
 *              of onnx.proto: 1 ir_version varint, 2-4 strings, 5 varint,
 *              6 string, 7 graph, 8 opset_import, 14, 20, 25 messages).
 *              It is ONNX when field 1 comes first with a value 1..100,
 *              every field has a known number and its wire type, every
 *              length stays inside the file, a graph (7) and an
 *              opset_import (8) are present, and the walk ends exactly at
 *              the end of the file. A random file passes with a
 *              probability far below 2^-40; a cut ONNX file fails.
 * TFLite       FlatBuffer identifier "TFL3" at offset 4 and a root
 *              offset (u32 at 0) inside the file.
 * HDF5         "\x89HDF\r\n\x1a\n" at 0. NumPy: "\x93NUMPY". ELF: "\x7fELF".
 */
#include <stdlib.h>
#include <string.h>

#include "fmt.h"
#include "json.h"
#include "model.h"

static const char *const names[MODEL_NFORMATS] = {
	[MODEL_UNKNOWN] = "unknown",
	[MODEL_GGUF] = "GGUF",
	[MODEL_GGML] = "ggml (pre-GGUF)",
	[MODEL_SAFETENSORS] = "safetensors",
	[MODEL_TORCH_ZIP] = "PyTorch zip (torch.save)",
	[MODEL_TORCHSCRIPT] = "TorchScript zip (torch.jit.save)",
	[MODEL_TORCH_LEGACY] = "PyTorch legacy pickle (torch.save)",
	[MODEL_PICKLE] = "pickle",
	[MODEL_ONNX] = "ONNX",
	[MODEL_TFLITE] = "TFLite",
	[MODEL_KERAS] = "Keras 3 zip",
	[MODEL_HDF5] = "HDF5",
	[MODEL_NUMPY] = "NumPy",
	[MODEL_ZIP] = "zip archive",
	[MODEL_ELF] = "ELF object",
};

const char *model_format_name(enum model_format f)
{
	return f < MODEL_NFORMATS ? names[f] : "?";
}

static uint32_t le32(const unsigned char *p)
{
	return (uint32_t)p[0] | (uint32_t)p[1] << 8 | (uint32_t)p[2] << 16 |
	       (uint32_t)p[3] << 24;
}

static uint64_t le64(const unsigned char *p)
{
	return (uint64_t)le32(p) | (uint64_t)le32(p + 4) << 32;
}

static uint16_t le16(const unsigned char *p)
{
	return (uint16_t)(p[0] | p[1] << 8);
}

/* exactly n bytes at off, else -1 */
static int get(const struct model_src *s, uint64_t off, void *buf, size_t n)
{
	long r;

	if (off > s->size || n > s->size - off)
		return -1;
	r = s->read(s->ctx, off, buf, n);
	return r == (long)n ? 0 : -1;
}

static void detail(struct model_info *mi, const char *fmt, ...)
	__attribute__((format(printf, 2, 3)));
static void detail(struct model_info *mi, const char *fmt, ...)
{
	size_t len = strlen(mi->detail);
	va_list ap;

	va_start(ap, fmt);
	fmt_vsnprintf(mi->detail + len, sizeof(mi->detail) - len, fmt, ap);
	va_end(ap);
}

/* append raw file bytes (bounded); escaped on output */
static void detail_raw(struct model_info *mi, const unsigned char *p, size_t n)
{
	size_t len = strlen(mi->detail), room = sizeof(mi->detail) - 1 - len;
	size_t i;

	if (n > 48)
		n = 48;
	if (n > room)
		n = room;
	for (i = 0; i < n; i++) /* a NUL would end the C string early */
		mi->detail[len + i] = p[i] ? (char)p[i] : '?';
	mi->detail[len + n] = '\0';
}

/* ---- a buffered cursor over the source, for GGUF and ONNX ---------- */
struct cur {
	const struct model_src *s;
	uint64_t off;       /* next byte */
	unsigned char buf[4096];
	uint64_t boff;      /* file offset of buf[0] */
	size_t blen;
	int bad;
};

static int cur_bytes(struct cur *c, void *out, size_t n)
{
	unsigned char *o = out;

	while (n && !c->bad) {
		if (c->off >= c->boff && c->off < c->boff + c->blen) {
			size_t at = (size_t)(c->off - c->boff);
			size_t take = c->blen - at < n ? c->blen - at : n;
			if (o) {
				memcpy(o, c->buf + at, take);
				o += take;
			}
			c->off += take;
			n -= take;
			continue;
		}
		if (c->off >= c->s->size) {
			c->bad = 1;
			break;
		}
		{
			uint64_t left = c->s->size - c->off;
			size_t want = left < sizeof(c->buf) ? (size_t)left : sizeof(c->buf);
			long r = c->s->read(c->s->ctx, c->off, c->buf, want);
			if (r <= 0) {
				c->bad = 1;
				break;
			}
			c->boff = c->off;
			c->blen = (size_t)r;
		}
	}
	return c->bad ? -1 : 0;
}

static int cur_skip(struct cur *c, uint64_t n)
{
	if (c->bad || n > c->s->size - c->off) {
		c->bad = 1;
		return -1;
	}
	if (c->off + n >= c->boff + c->blen || c->off + n < c->boff)
		c->blen = 0; /* leaves the buffer: refill at the new offset */
	c->off += n;
	return 0;
}

static uint64_t cur_u64(struct cur *c)
{
	unsigned char b[8] = { 0 };
	cur_bytes(c, b, 8);
	return le64(b);
}

static uint32_t cur_u32(struct cur *c)
{
	unsigned char b[4] = { 0 };
	cur_bytes(c, b, 4);
	return le32(b);
}

/* ---- GGUF ------------------------------------------------------------ */
enum { GG_U8, GG_I8, GG_U16, GG_I16, GG_U32, GG_I32, GG_F32, GG_BOOL, GG_STR,
       GG_ARR, GG_U64, GG_I64, GG_F64 };

static uint64_t gguf_size(uint32_t type)
{
	static const unsigned char sz[] = { 1, 1, 2, 2, 4, 4, 4, 1, 0, 0, 8, 8, 8 };
	return type < sizeof(sz) ? sz[type] : 0;
}

static int gguf_skip_value(struct cur *c, uint32_t type, int version, int depth)
{
	if (type == GG_STR) {
		uint64_t n = version == 1 ? cur_u32(c) : cur_u64(c);
		return cur_skip(c, n);
	}
	if (type == GG_ARR) {
		uint32_t et = cur_u32(c);
		uint64_t n = version == 1 ? cur_u32(c) : cur_u64(c), i;
		if (depth > 2 || c->bad)
			return -1;
		if (et != GG_STR && et != GG_ARR) {
			if (!gguf_size(et) || n > c->s->size / gguf_size(et))
				return -1;
			return cur_skip(c, n * gguf_size(et));
		}
		for (i = 0; i < n && !c->bad; i++)
			if (gguf_skip_value(c, et, version, depth + 1))
				return -1;
		return c->bad ? -1 : 0;
	}
	if (!gguf_size(type))
		return -1;
	return cur_skip(c, gguf_size(type));
}

static void gguf(const struct model_src *s, struct model_info *mi)
{
	struct cur *c = calloc(1, sizeof(*c));
	uint32_t version;
	uint64_t tensors, kvs, i;
	unsigned char key[64];

	if (!c)
		return;
	c->s = s;
	c->off = 4;
	version = cur_u32(c);
	if (c->bad || version < 1 || version > 3) {
		free(c);
		return;
	}
	mi->fmt = MODEL_GGUF;
	tensors = version == 1 ? cur_u32(c) : cur_u64(c);
	kvs = version == 1 ? cur_u32(c) : cur_u64(c);
	if (c->bad) {
		mi->truncated = 1;
		free(c);
		return;
	}
	detail(mi, "v%u, %llu tensors, %llu metadata keys", version,
	       (unsigned long long)tensors, (unsigned long long)kvs);
	for (i = 0; i < kvs && i < 64 && !c->bad; i++) {
		uint64_t klen = version == 1 ? cur_u32(c) : cur_u64(c);
		uint32_t type;
		int want = 0;

		if (c->bad || klen > c->s->size)
			break;
		if (klen < sizeof(key)) {
			cur_bytes(c, key, (size_t)klen);
			if (klen == 20 && !memcmp(key, "general.architecture", 20))
				want = 1;
			else if (klen == 12 && !memcmp(key, "general.name", 12))
				want = 2;
		} else {
			cur_skip(c, klen);
		}
		type = cur_u32(c);
		if (want && type == GG_STR && !c->bad) {
			uint64_t n = version == 1 ? cur_u32(c) : cur_u64(c);
			unsigned char v[48];
			size_t take = n < sizeof(v) ? (size_t)n : sizeof(v);
			if (c->bad || cur_bytes(c, v, take) || cur_skip(c, n - take))
				break;
			detail(mi, want == 1 ? ", arch " : ", name ");
			detail_raw(mi, v, take);
		} else if (gguf_skip_value(c, type, (int)version, 0)) {
			break;
		}
	}
	if (c->bad && i < kvs)
		mi->truncated = 1;
	free(c);
}

/* ---- safetensors ----------------------------------------------------- */
static void safetensors(const struct model_src *s, const unsigned char *head,
			struct model_info *mi)
{
	uint64_t n = le64(head), end = 0;
	char *h;
	struct json_doc d = { 0 };
	const struct json *root, *m;
	unsigned tensors = 0;
	const char *dtypes[4] = { 0 };
	size_t dlen[4] = { 0 };
	int ndt = 0, more_dt = 0, i;

	if (n < 2 || n > 100u << 20 || n > s->size - 8 || head[8] != '{')
		return;
	if (!(h = malloc((size_t)n + 1)))
		return;
	if (get(s, 8, h, (size_t)n) || json_parse(&d, h, (size_t)n) ||
	    !(root = json_root(&d)) || root->type != JSON_OBJ)
		goto out;
	for (m = json_first(&d, root); m; m = json_next(&d, m)) {
		const struct json *dt, *off, *e;
		size_t dl;
		const char *ds;

		if (m->klen == 12 && !memcmp(m->key, "__metadata__", 12))
			continue;
		if (!(dt = json_get(&d, m, "dtype")) || !(ds = json_str(dt, &dl)))
			goto out; /* not a tensor entry: not safetensors */
		tensors++;
		off = json_get(&d, m, "data_offsets");
		e = off ? json_first(&d, off) : NULL;
		e = e ? json_next(&d, e) : NULL;
		if (e && e->is_int && e->i > 0 && (uint64_t)e->i > end)
			end = (uint64_t)e->i;
		for (i = 0; i < ndt; i++)
			if (dlen[i] == dl && !memcmp(dtypes[i], ds, dl))
				break;
		if (i == ndt) {
			if (ndt < 4) {
				dtypes[ndt] = ds;
				dlen[ndt++] = dl;
			} else {
				more_dt = 1;
			}
		}
	}
	mi->fmt = MODEL_SAFETENSORS;
	detail(mi, "%u tensor%s", tensors, tensors == 1 ? "" : "s");
	for (i = 0; i < ndt; i++) {
		detail(mi, i ? "," : ", ");
		detail_raw(mi, (const unsigned char *)dtypes[i], dlen[i]);
	}
	if (more_dt)
		detail(mi, ",...");
	if (8 + n + end > s->size)
		mi->truncated = 1;
out:
	json_free(&d);
	free(h);
}

/* ---- zip ------------------------------------------------------------- */
struct zipscan {
	int data_pkl, code, constants, npy, others, config_json, weights_h5;
	unsigned storages;
};

/* one entry name: what it says about the archive */
static void zip_name(struct zipscan *z, const unsigned char *p, size_t n)
{
	const unsigned char *slash = memchr(p, '/', n);
	size_t rest;

	if (n >= 4 && !memcmp(p + n - 4, ".npy", 4))
		z->npy++;
	else
		z->others++;
	if (n == 11 && !memcmp(p, "config.json", 11))
		z->config_json = 1;
	if (n == 16 && !memcmp(p, "model.weights.h5", 16))
		z->weights_h5 = 1;
	if (!slash)
		return;
	rest = n - (size_t)(slash + 1 - p);
	slash++;
	if (rest == 8 && !memcmp(slash, "data.pkl", 8))
		z->data_pkl = 1;
	else if (rest >= 5 && !memcmp(slash, "code/", 5))
		z->code = 1;
	else if (rest == 13 && !memcmp(slash, "constants.pkl", 13))
		z->constants = 1;
	else if (rest > 5 && !memcmp(slash, "data/", 5) &&
		 !memchr(slash + 5, '/', rest - 5))
		z->storages++;
}

/* the central directory: offset and size, from the (zip64) end record */
static int zip_directory(const struct model_src *s, uint64_t *cd_off,
			 uint64_t *cd_size, uint64_t *entries)
{
	size_t tail = s->size < 65557 ? (size_t)s->size : 65557, i;
	unsigned char *b = malloc(tail);
	uint64_t base = s->size - tail;
	int found = -1;

	if (!b)
		return -1;
	if (get(s, base, b, tail))
		goto out;
	for (i = tail >= 22 ? tail - 22 + 1 : 0; i-- > 0;) {
		if (memcmp(b + i, "PK\5\6", 4))
			continue;
		*entries = le16(b + i + 10);
		*cd_size = le32(b + i + 12);
		*cd_off = le32(b + i + 16);
		found = 0;
		if ((*cd_off == 0xffffffff || *entries == 0xffff) && i >= 20 &&
		    !memcmp(b + i - 20, "PK\6\7", 4)) {
			unsigned char z[56];
			uint64_t zoff = le64(b + i - 20 + 8);
			if (get(s, zoff, z, sizeof(z)) || memcmp(z, "PK\6\6", 4)) {
				found = -1;
				break;
			}
			*entries = le64(z + 32);
			*cd_size = le64(z + 40);
			*cd_off = le64(z + 48);
		}
		break;
	}
	if (!found && (*cd_off > s->size || *cd_size > s->size - *cd_off))
		found = -1;
out:
	free(b);
	return found;
}

static void zip(const struct model_src *s, const unsigned char *head,
		size_t hlen, struct model_info *mi)
{
	struct zipscan z = { 0 };
	uint64_t cd_off, cd_size, entries = 0, at = 0, k = 0;
	unsigned char *cd = NULL;

	mi->fmt = MODEL_ZIP;
	if (zip_directory(s, &cd_off, &cd_size, &entries) == 0 &&
	    cd_size <= 64u << 20 && (cd = malloc((size_t)cd_size + 1)) &&
	    !get(s, cd_off, cd, (size_t)cd_size)) {
		for (; k < entries && at + 46 <= cd_size; k++) {
			size_t nl, el, cl;

			if (memcmp(cd + at, "PK\1\2", 4))
				break;
			nl = le16(cd + at + 28);
			el = le16(cd + at + 30);
			cl = le16(cd + at + 32);
			if (at + 46 + nl > cd_size)
				break;
			zip_name(&z, cd + at + 46, nl);
			at += 46 + nl + el + cl;
		}
		if (k < entries)
			mi->truncated = 1;
	}
	if (!k) {
		/* no directory (a cut file) or none that reads: the first
		 * entry's name decides */
		size_t nl = hlen >= 30 ? le16(head + 26) : 0;
		mi->truncated = 1;
		if (30 + nl <= hlen)
			zip_name(&z, head + 30, nl);
		entries = 0;
	}
	free(cd);
	if (z.data_pkl && (z.code || z.constants)) {
		mi->fmt = MODEL_TORCHSCRIPT;
	} else if (z.data_pkl) {
		mi->fmt = MODEL_TORCH_ZIP;
		detail(mi, "%u storage%s", z.storages, z.storages == 1 ? "" : "s");
	} else if (z.config_json && z.weights_h5) {
		mi->fmt = MODEL_KERAS;
	} else if (z.npy && !z.others) {
		mi->fmt = MODEL_NUMPY;
		detail(mi, "npz, %d arrays", z.npy);
	} else if (entries) {
		detail(mi, "%llu entries, no */data.pkl", (unsigned long long)entries);
	}
	if (mi->fmt == MODEL_TORCH_ZIP || mi->fmt == MODEL_TORCHSCRIPT)
		mi->runs_code = 1;
}

/* ---- ONNX: walk protobuf fields as a ModelProto ----------------------- */
static int varint(struct cur *c, uint64_t *v)
{
	unsigned char b;
	int shift;

	*v = 0;
	for (shift = 0; shift < 64; shift += 7) {
		if (cur_bytes(c, &b, 1))
			return -1;
		*v |= (uint64_t)(b & 0x7f) << shift;
		if (!(b & 0x80))
			return 0;
	}
	return -1;
}

static void onnx(const struct model_src *s, struct model_info *mi)
{
	struct cur *c = calloc(1, sizeof(*c));
	uint64_t tag, v, ir = 0;
	int fields = 0, graph = 0, opset = 0;
	unsigned char producer[48];
	size_t plen = 0;

	if (!c)
		return;
	c->s = s;
	while (c->off < s->size) {
		unsigned field, wire;

		if (varint(c, &tag))
			goto out;
		field = (unsigned)(tag >> 3);
		wire = (unsigned)(tag & 7);
		if (fields == 0 && field != 1)
			goto out;
		switch (field) {
		case 1: case 5:
			if (wire != 0 || varint(c, &v))
				goto out;
			if (field == 1) {
				if (fields || v < 1 || v > 100)
					goto out;
				ir = v;
			}
			break;
		case 2: case 3: case 4: case 6: case 7: case 8:
		case 14: case 20: case 25:
			if (wire != 2 || varint(c, &v) || v > s->size - c->off)
				goto out;
			if (field == 2 && !plen) {
				plen = v < sizeof(producer) ? (size_t)v : sizeof(producer);
				if (cur_bytes(c, producer, plen))
					goto out;
				v -= plen;
			}
			graph |= field == 7 && v > 0;
			opset |= field == 8;
			if (cur_skip(c, v))
				goto out;
			break;
		default:
			goto out;
		}
		fields++;
	}
	if (c->off == s->size && graph && opset) {
		mi->fmt = MODEL_ONNX;
		detail(mi, "ir_version %llu", (unsigned long long)ir);
		if (plen) {
			detail(mi, ", producer ");
			detail_raw(mi, producer, plen);
		}
	}
out:
	free(c);
}

/* ---- the dispatcher --------------------------------------------------- */
int model_sniff(const struct model_src *s, struct model_info *mi)
{
	unsigned char h[512];
	size_t hlen = s->size < sizeof(h) ? (size_t)s->size : sizeof(h);
	static const unsigned char torch_magic[] = {
		0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20,
		0x6a, 0xa8, 0x50, 0x19,
	};
	uint32_t m;

	memset(mi, 0, sizeof(*mi));
	if (hlen && get(s, 0, h, hlen))
		return -1;
	memset(h + hlen, 0, sizeof(h) - hlen);
	m = le32(h);
	if (hlen >= 8 && !memcmp(h, "GGUF", 4))
		gguf(s, mi);
	else if (hlen >= 4 && (m == 0x67676d6c || m == 0x67676d66 || m == 0x67676a74))
		mi->fmt = MODEL_GGML;
	else if (hlen >= 4 && !memcmp(h, "PK\3\4", 4))
		zip(s, h, hlen, mi);
	else if (hlen >= 8 && !memcmp(h, "\x89HDF\r\n\x1a\n", 8))
		mi->fmt = MODEL_HDF5;
	else if (hlen >= 6 && !memcmp(h, "\x93NUMPY", 6))
		mi->fmt = MODEL_NUMPY;
	else if (hlen >= 4 && !memcmp(h, "\x7f" "ELF", 4))
		mi->fmt = MODEL_ELF;
	else if (hlen >= 8 && !memcmp(h + 4, "TFL3", 4) && le32(h) < s->size)
		mi->fmt = MODEL_TFLITE;
	else if (hlen >= sizeof(torch_magic) &&
		 !memcmp(h, torch_magic, sizeof(torch_magic)))
		mi->fmt = MODEL_TORCH_LEGACY;
	else if (hlen >= 3 && h[0] == 0x80 && h[1] >= 2 && h[1] <= 5) {
		mi->fmt = MODEL_PICKLE;
		detail(mi, "protocol %d", h[1]);
	}
	if (mi->fmt == MODEL_UNKNOWN && hlen >= 9 && h[8] == '{')
		safetensors(s, h, mi);
	if (mi->fmt == MODEL_UNKNOWN && hlen >= 2 && h[0] == 0x08)
		onnx(s, mi);
	if (mi->fmt == MODEL_TORCH_LEGACY || mi->fmt == MODEL_PICKLE)
		mi->runs_code = 1;
	mi->is_model = mi->fmt != MODEL_UNKNOWN && mi->fmt != MODEL_ZIP &&
		       mi->fmt != MODEL_ELF && mi->fmt != MODEL_PICKLE;
	return 0;
}

/* ---- names ------------------------------------------------------------ */
static const struct {
	const char *suffix;
	enum model_ext kind;
} exts[] = {
	{ ".safetensors", MODEL_EXT_STRONG }, { ".gguf", MODEL_EXT_STRONG },
	{ ".ggml", MODEL_EXT_STRONG },        { ".pt", MODEL_EXT_STRONG },
	{ ".onnx", MODEL_EXT_STRONG },
	/* .pth: PyTorch weights, but also Python's site-packages .pth files */
	{ ".pth", MODEL_EXT_WEAK },
	{ ".tflite", MODEL_EXT_STRONG },      { ".mlmodel", MODEL_EXT_STRONG },
	{ ".ckpt", MODEL_EXT_STRONG },        { ".keras", MODEL_EXT_STRONG },
	{ ".llamafile", MODEL_EXT_STRONG },   { ".pte", MODEL_EXT_STRONG },
	{ ".engine", MODEL_EXT_STRONG },      { ".mar", MODEL_EXT_STRONG },
	{ ".bin", MODEL_EXT_WEAK },           { ".pkl", MODEL_EXT_WEAK },
	{ ".pickle", MODEL_EXT_WEAK },        { ".h5", MODEL_EXT_WEAK },
	{ ".hdf5", MODEL_EXT_WEAK },          { ".pb", MODEL_EXT_WEAK },
	{ ".npz", MODEL_EXT_WEAK },           { ".npy", MODEL_EXT_WEAK },
	{ ".joblib", MODEL_EXT_WEAK },
};

enum model_ext model_ext(const char *path, size_t n, const char **suffix)
{
	size_t i, k;

	if (suffix)
		*suffix = NULL;
	for (i = 0; i < sizeof(exts) / sizeof(exts[0]); i++) {
		size_t sl = strlen(exts[i].suffix);
		if (n <= sl || path[n - sl - 1] == '/')
			continue;
		for (k = 0; k < sl; k++) {
			char c = path[n - sl + k];
			if (c >= 'A' && c <= 'Z')
				c = (char)(c - 'A' + 'a');
			if (c != exts[i].suffix[k])
				break;
		}
		if (k == sl) {
			if (suffix)
				*suffix = exts[i].suffix;
			return exts[i].kind;
		}
	}
	return MODEL_EXT_NONE;
}
