/* Format sniffing on files built in memory: each format, its cut and
 * corrupt variants, and files that only look alike. */
#include <stdlib.h>

#include "expect.h"
#include "model.h"

struct mem {
	unsigned char *p;
	size_t n, cap;
};

static long mem_read(void *ctx, uint64_t off, void *buf, size_t n)
{
	struct mem *m = ctx;

	if (off >= m->n)
		return 0;
	if (n > m->n - off)
		n = (size_t)(m->n - off);
	memcpy(buf, m->p + off, n);
	return (long)n;
}

static void put(struct mem *m, const void *p, size_t n)
{
	if (m->n + n > m->cap) {
		m->cap = (m->n + n) * 2 + 64;
		m->p = realloc(m->p, m->cap);
	}
	memcpy(m->p + m->n, p, n);
	m->n += n;
}

static void put_le(struct mem *m, uint64_t v, int bytes)
{
	unsigned char b[8];
	int i;

	for (i = 0; i < bytes; i++)
		b[i] = (unsigned char)(v >> (8 * i));
	put(m, b, (size_t)bytes);
}

static void put_zero(struct mem *m, size_t n)
{
	static const unsigned char z[64];

	put(m, z, n);
}

static void put_str(struct mem *m, const char *s)
{
	put(m, s, strlen(s));
}

static struct model_info mi;

static enum model_format sniff_n(struct mem *m, size_t n)
{
	struct model_src s = { n, mem_read, m };

	EXPECT_INT(model_sniff(&s, &mi), 0);
	return mi.fmt;
}

static enum model_format sniff(struct mem *m)
{
	return sniff_n(m, m->n);
}

/* a zip of stored entries with a central directory */
static void zip(struct mem *m, const char *const *names, int n, int with_cd)
{
	uint32_t offs[16];
	size_t cd;
	int i;

	m->n = 0;
	for (i = 0; i < n; i++) {
		offs[i] = (uint32_t)m->n;
		put_str(m, "PK\3\4");
		put_zero(m, 22);
		put_le(m, strlen(names[i]), 2);
		put_le(m, 0, 2);
		put_str(m, names[i]);
	}
	if (!with_cd)
		return;
	cd = m->n;
	for (i = 0; i < n; i++) {
		put_str(m, "PK\1\2");
		put_zero(m, 24);
		put_le(m, strlen(names[i]), 2);
		put_zero(m, 2 + 2 + 2 + 2 + 4);
		put_le(m, offs[i], 4);
		put_str(m, names[i]);
	}
	put_str(m, "PK\5\6");
	put_le(m, 0, 4);
	put_le(m, (uint64_t)n, 2);
	put_le(m, (uint64_t)n, 2);
	put_le(m, m->n - cd, 4);
	put_le(m, cd, 4);
	put_le(m, 0, 2);
}

/* protobuf helpers for the ONNX cases */
static void pb_varint(struct mem *m, uint64_t v)
{
	do {
		unsigned char b = v & 0x7f;
		v >>= 7;
		if (v)
			b |= 0x80;
		put(m, &b, 1);
	} while (v);
}

static void pb_bytes(struct mem *m, unsigned field, const char *s, size_t n)
{
	pb_varint(m, field << 3 | 2);
	pb_varint(m, n);
	put(m, s, n);
}

int main(void)
{
	struct mem m = { 0 };
	const char *suffix;
	static const char st_json[] =
		"{\"__metadata__\":{\"format\":\"pt\"},"
		"\"w\":{\"dtype\":\"F16\",\"shape\":[2,2],\"data_offsets\":[0,8]},"
		"\"b\":{\"dtype\":\"F32\",\"shape\":[2],\"data_offsets\":[8,16]}}";
	static const char graph[] = "\x0a\x03" "abc"; /* a node, opaque here */
	static const char opset[] = "\x10\x11";
	static const unsigned char legacy[] = {
		0x80, 0x02, 0x8a, 0x0a, 0x6c, 0xfc, 0x9c, 0x46, 0xf9, 0x20,
		0x6a, 0xa8, 0x50, 0x19, 0x2e, 0x80, 0x02, 0x4d, 0xe9, 0x03, 0x2e,
	};
	unsigned char junk[4096];
	size_t i;

	/* GGUF v3 with an architecture and a name */
	put_str(&m, "GGUF");
	put_le(&m, 3, 4);
	put_le(&m, 291, 8);
	put_le(&m, 3, 8);
	put_le(&m, 14, 8);
	put_str(&m, "some.u32.value");
	put_le(&m, 4, 4);
	put_le(&m, 7, 4);
	put_le(&m, 20, 8);
	put_str(&m, "general.architecture");
	put_le(&m, 8, 4);
	put_le(&m, 5, 8);
	put_str(&m, "llama");
	put_le(&m, 12, 8);
	put_str(&m, "general.name");
	put_le(&m, 8, 4);
	put_le(&m, 6, 8);
	put_str(&m, "ti\x1b[ny");
	EXPECT_INT(sniff(&m), MODEL_GGUF);
	EXPECT_STR(mi.detail, "v3, 291 tensors, 3 metadata keys, arch llama, name ti\x1b[ny");
	EXPECT_INT(mi.is_model, 1);
	EXPECT_INT(mi.truncated, 0);
	EXPECT_INT(sniff_n(&m, 60), MODEL_GGUF);
	EXPECT_INT(mi.truncated, 1);
	m.p[4] = 9; /* version 9 does not exist */
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);

	/* ggml before GGUF */
	m.n = 0;
	put_le(&m, 0x67676a74, 4);
	put_le(&m, 1, 4);
	EXPECT_INT(sniff(&m), MODEL_GGML);

	/* safetensors: whole, cut, with a non-tensor member, bad JSON */
	m.n = 0;
	put_le(&m, sizeof(st_json) - 1, 8);
	put_str(&m, st_json);
	put_le(&m, 0, 8);
	put_le(&m, 0, 8);
	EXPECT_INT(sniff(&m), MODEL_SAFETENSORS);
	EXPECT_STR(mi.detail, "2 tensors, F16,F32");
	EXPECT_INT(mi.truncated, 0);
	EXPECT_INT(sniff_n(&m, m.n - 1), MODEL_SAFETENSORS);
	EXPECT_INT(mi.truncated, 1);
	EXPECT_INT(sniff_n(&m, 40), MODEL_UNKNOWN); /* header cut */
	m.p[8 + 40] = 'X'; /* breaks the JSON */
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	m.n = 0;
	put_le(&m, 9, 8);
	put_str(&m, "{\"a\":1}  ");
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);

	/* zip: torch.save, TorchScript, Keras 3, npz, other, cut */
	{
		static const char *const torch[] = { "tiny/data.pkl", "tiny/data/0",
			"tiny/data/1", "tiny/version" };
		static const char *const script[] = { "m/data.pkl", "m/code/__torch__.py",
			"m/constants.pkl", "m/version" };
		static const char *const keras[] = { "metadata.json", "config.json",
			"model.weights.h5" };
		static const char *const npz[] = { "a.npy", "b.npy" };
		static const char *const other[] = { "README", "x/data.pkl.txt" };

		zip(&m, torch, 4, 1);
		EXPECT_INT(sniff(&m), MODEL_TORCH_ZIP);
		EXPECT_STR(mi.detail, "2 storages");
		EXPECT_INT(mi.runs_code, 1);
		EXPECT_INT(mi.is_model, 1);
		EXPECT_INT(mi.truncated, 0);
		zip(&m, torch, 4, 0);
		EXPECT_INT(sniff(&m), MODEL_TORCH_ZIP);
		EXPECT_INT(mi.truncated, 1);
		zip(&m, script, 4, 1);
		EXPECT_INT(sniff(&m), MODEL_TORCHSCRIPT);
		zip(&m, keras, 3, 1);
		EXPECT_INT(sniff(&m), MODEL_KERAS);
		zip(&m, npz, 2, 1);
		EXPECT_INT(sniff(&m), MODEL_NUMPY);
		zip(&m, other, 2, 1);
		EXPECT_INT(sniff(&m), MODEL_ZIP);
		EXPECT_INT(mi.is_model, 0);
		EXPECT_STR(mi.detail, "2 entries, no */data.pkl");
		/* a directory that claims more than the file holds */
		zip(&m, torch, 4, 1);
		m.p[m.n - 6] = 0x7f;
		EXPECT_INT(sniff(&m), MODEL_TORCH_ZIP);
		EXPECT_INT(mi.truncated, 1);
	}

	/* pickles */
	m.n = 0;
	put(&m, legacy, sizeof(legacy));
	EXPECT_INT(sniff(&m), MODEL_TORCH_LEGACY);
	EXPECT_INT(mi.runs_code, 1);
	m.n = 0;
	put_str(&m, "\x80\x04\x95\x10");
	EXPECT_INT(sniff(&m), MODEL_PICKLE);
	EXPECT_STR(mi.detail, "protocol 4");
	EXPECT_INT(mi.is_model, 0);

	/* ONNX: whole; without opset; cut; a field out of place */
	m.n = 0;
	pb_varint(&m, 1 << 3);
	pb_varint(&m, 8);
	pb_bytes(&m, 2, "pytorch", 7);
	pb_bytes(&m, 3, "1.13", 4);
	pb_bytes(&m, 7, graph, sizeof(graph) - 1);
	pb_bytes(&m, 8, opset, sizeof(opset) - 1);
	EXPECT_INT(sniff(&m), MODEL_ONNX);
	EXPECT_STR(mi.detail, "ir_version 8, producer pytorch");
	EXPECT_INT(sniff_n(&m, m.n - 1), MODEL_UNKNOWN);
	m.n -= sizeof(opset) + 1;
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	m.n = 0;
	pb_bytes(&m, 2, "pytorch", 7);
	pb_varint(&m, 1 << 3);
	pb_varint(&m, 8);
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	m.n = 0;
	pb_varint(&m, 1 << 3);
	pb_varint(&m, 8);
	pb_bytes(&m, 9, "x", 1); /* no field 9 in ModelProto */
	pb_bytes(&m, 7, graph, sizeof(graph) - 1);
	pb_bytes(&m, 8, opset, sizeof(opset) - 1);
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);

	/* TFLite, HDF5, NumPy, ELF */
	m.n = 0;
	put_le(&m, 16, 4);
	put_str(&m, "TFL3");
	put_zero(&m, 16);
	EXPECT_INT(sniff(&m), MODEL_TFLITE);
	m.p[0] = 0xff; /* root offset out of the file */
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	m.n = 0;
	put(&m, "\x89HDF\r\n\x1a\n\0\0", 10);
	EXPECT_INT(sniff(&m), MODEL_HDF5);
	m.n = 0;
	put(&m, "\x93NUMPY\x01\x00", 8);
	EXPECT_INT(sniff(&m), MODEL_NUMPY);
	m.n = 0;
	put(&m, "\x7f" "ELF\x02\x01\x01", 7);
	EXPECT_INT(sniff(&m), MODEL_ELF);
	EXPECT_INT(mi.is_model, 0);

	/* empty, tiny, random: unknown, no crash */
	m.n = 0;
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	put_str(&m, "G");
	EXPECT_INT(sniff(&m), MODEL_UNKNOWN);
	srand(7);
	for (i = 0; i < 2000; i++) {
		size_t k, len = (size_t)rand() % sizeof(junk);
		for (k = 0; k < len; k++)
			junk[k] = (unsigned char)rand();
		if (i % 4 == 0)
			junk[0] = 0x08; /* walks as protobuf */
		if (i % 4 == 1)
			memcpy(junk, "GGUF\3\0\0\0", len > 8 ? 8 : len);
		if (i % 4 == 2)
			memcpy(junk, "PK\3\4", len > 4 ? 4 : len);
		m.n = 0;
		put(&m, junk, len);
		(void)sniff(&m);
	}

	/* names */
	EXPECT_INT(model_ext("/m/model.safetensors", 20, &suffix), MODEL_EXT_STRONG);
	EXPECT_STR(suffix, ".safetensors");
	EXPECT_INT(model_ext("/m/W.GGUF", 9, &suffix), MODEL_EXT_STRONG);
	EXPECT_INT(model_ext("tiny.pt", 7, &suffix), MODEL_EXT_STRONG);
	EXPECT_INT(model_ext("pytorch_model.bin", 17, &suffix), MODEL_EXT_WEAK);
	EXPECT_INT(model_ext("/m/model.safetensors.tmp", 24, &suffix), MODEL_EXT_NONE);
	EXPECT_TRUE(suffix == NULL);
	EXPECT_INT(model_ext("/m/.pt", 6, &suffix), MODEL_EXT_NONE);
	EXPECT_INT(model_ext(".pt", 3, &suffix), MODEL_EXT_NONE);
	EXPECT_INT(model_ext("/usr/lib/libc.so.6", 18, &suffix), MODEL_EXT_NONE);
	EXPECT_STR(model_format_name(MODEL_TORCH_ZIP), "PyTorch zip (torch.save)");
	free(m.p);
	return expect_summary("test_model");
}
