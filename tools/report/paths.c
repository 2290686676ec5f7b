/* Path classes: see paths.h. The tables are the evidence rules.c and
 * docs/ai-forensics.md describe; keep the three in step. */
#include <string.h>

#include "paths.h"

static int starts(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p);

	return n >= k && !memcmp(s, p, k);
}

static int has(const char *s, size_t n, const char *p)
{
	size_t k = strlen(p), i;

	for (i = 0; i + k <= n; i++)
		if (!memcmp(s + i, p, k))
			return 1;
	return 0;
}

const char *paths_base(const char *s, size_t n, size_t *bn)
{
	size_t i = n;

	while (i > 0 && s[i - 1] != '/')
		i--;
	*bn = n - i;
	return s + i;
}

int paths_pseudo(const char *s, size_t n)
{
	size_t i;

	if (starts(s, n, "/memfd:") || starts(s, n, "anon_inode:"))
		return 1;
	/* TYPE:[...] as /proc/PID/fd shows sockets, pipes, ... */
	for (i = 0; i < n && ((s[i] >= 'a' && s[i] <= 'z') || s[i] == '_'); i++)
		;
	return i > 0 && i + 2 < n && s[i] == ':' && s[i + 1] == '[' &&
	       s[n - 1] == ']';
}

int paths_regular(const char *s, size_t n)
{
	return n > 0 && !paths_pseudo(s, n) && !starts(s, n, "/dev/") &&
	       !starts(s, n, "/proc/") && !starts(s, n, "/sys/");
}

const char *paths_gpu(const char *s, size_t n)
{
	if (starts(s, n, "/dev/nvidia"))
		return "nvidia";
	if (starts(s, n, "/dev/dri/renderD") || starts(s, n, "/dev/dri/card"))
		return "dri";
	if (n == 8 && !memcmp(s, "/dev/kfd", 8))
		return "kfd";
	if (starts(s, n, "/dev/accel/"))
		return "accel";
	if (starts(s, n, "/dev/neuron"))
		return "neuron";
	return NULL;
}

static const struct {
	const char *prefix; /* of the file name */
	const char *family;
} libs[] = {
	{ "libtorch", "pytorch" },       { "libc10", "pytorch" },
	{ "libcaffe2", "pytorch" },      { "libshm.so", "pytorch" },
	{ "libcudart", "cuda" },         { "libcublas", "cuda" },
	{ "libcudnn", "cuda" },          { "libcufft", "cuda" },
	{ "libcurand", "cuda" },         { "libcusparse", "cuda" },
	{ "libcusolver", "cuda" },       { "libnccl", "cuda" },
	{ "libnvrtc", "cuda" },          { "libcuda.so", "cuda" },
	{ "libnvidia-ml", "cuda" },      { "libnvinfer", "tensorrt" },
	{ "libamdhip64", "rocm" },       { "libhipblas", "rocm" },
	{ "librocblas", "rocm" },        { "libMIOpen", "rocm" },
	{ "libhsa-runtime64", "rocm" },  { "librccl", "rocm" },
	{ "libonnxruntime", "onnxruntime" },
	{ "onnxruntime_pybind11_state", "onnxruntime" },
	{ "libggml", "ggml" },           { "libllama", "ggml" },
	{ "libwhisper", "ggml" },        { "libtensorflow", "tensorflow" },
	{ "_pywrap_tensorflow", "tensorflow" },
	{ "libtensorflowlite", "tflite" }, { "_pywrap_tflite", "tflite" },
	{ "_pywrap_tensorflow_interpreter", "tflite" },
	{ "xla_extension", "jax" },      { "libopenvino", "openvino" },
	{ "libdnnl", "onednn" },         { "libmkl_", "mkl" },
};

const char *paths_framework(const char *s, size_t n)
{
	size_t bn, i;
	const char *b = paths_base(s, n, &bn);

	if (!has(b, bn, ".so"))
		return NULL;
	for (i = 0; i < sizeof(libs) / sizeof(libs[0]); i++)
		if (starts(b, bn, libs[i].prefix))
			return libs[i].family;
	/* Python extension modules of the frameworks: torch/_C.cpython-*.so */
	if (starts(b, bn, "_C.") && has(s, n, "/torch/"))
		return "pytorch";
	if (has(s, n, "/llama_cpp/"))
		return "ggml";
	return NULL;
}
