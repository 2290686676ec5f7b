/* Model file formats, told by their magic bytes rather than their name.
 * Pure logic: the bytes come through a read callback, so a test feeds
 * memory and the report feeds pread(2). Every string that model_sniff
 * copies into detail comes from the file: escape it for output. */
#ifndef REPORT_MODEL_H
#define REPORT_MODEL_H

#include <stddef.h>
#include <stdint.h>

enum model_format {
	MODEL_UNKNOWN,      /* no magic we know */
	MODEL_GGUF,         /* llama.cpp GGUF: "GGUF", version 1-3 */
	MODEL_GGML,         /* llama.cpp's older ggml/ggmf/ggjt files */
	MODEL_SAFETENSORS,  /* u64 LE header length, JSON header */
	MODEL_TORCH_ZIP,    /* torch.save (>= 1.6): zip with <dir>/data.pkl */
	MODEL_TORCHSCRIPT,  /* torch.jit.save: zip with <dir>/code/ */
	MODEL_TORCH_LEGACY, /* torch.save's older pickle stream */
	MODEL_PICKLE,       /* any other pickle, protocol 2-5 */
	MODEL_ONNX,         /* protobuf ModelProto (heuristic, model.c) */
	MODEL_TFLITE,       /* FlatBuffer with identifier "TFL3" */
	MODEL_KERAS,        /* Keras 3 zip: config.json + model.weights.h5 */
	MODEL_HDF5,         /* HDF5 (Keras .h5 weights among others) */
	MODEL_NUMPY,        /* .npy array, or .npz (zip of .npy) */
	/* not model formats, named to explain a mismatch */
	MODEL_ZIP,          /* a zip archive that none of the above claims */
	MODEL_ELF,          /* an ELF object (a shared library) */
	MODEL_NFORMATS
};

struct model_info {
	enum model_format fmt;
	int is_model;       /* the format holds weights or a graph */
	int runs_code;      /* loading it unpickles: it can run code */
	int truncated;      /* the format says the file should be longer */
	char detail[200];   /* e.g. "v3, 291 tensors, arch llama" */
};

/* Read up to n bytes at off into buf; return the count read (short at
 * the end of the file) or -1. */
typedef long (*model_read_fn)(void *ctx, uint64_t off, void *buf, size_t n);

struct model_src {
	uint64_t size;
	model_read_fn read;
	void *ctx;
};

/* Tell the format of src. Returns 0 (info filled; fmt may be
 * MODEL_UNKNOWN) or -1 when src could not be read. */
int model_sniff(const struct model_src *src, struct model_info *info);

/* A short name: "GGUF", "safetensors", "PyTorch zip (torch.save)", ... */
const char *model_format_name(enum model_format f);

/* What a file's name suggests. */
enum model_ext {
	MODEL_EXT_NONE,
	MODEL_EXT_WEAK,   /* also used for other data (.bin, .pkl, .h5):
			   * a model only when the magic confirms it */
	MODEL_EXT_STRONG, /* used for models only (.safetensors, .gguf, ...) */
};
/* The suffix matched is stored in *suffix (".safetensors"), NULL if none.
 * Case-insensitive; "model.safetensors.tmp" is not a match. */
enum model_ext model_ext(const char *path, size_t n, const char **suffix);

#endif
