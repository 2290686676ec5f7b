/* Path classes: the tables rules.c and docs/ai-forensics.md rely on. */
#include "expect.h"
#include "paths.h"

#define P(s) s, sizeof(s) - 1

int main(void)
{
	size_t bn;

	EXPECT_TRUE(paths_pseudo(P("socket:[31896]")));
	EXPECT_TRUE(paths_pseudo(P("pipe:[12]")));
	EXPECT_TRUE(paths_pseudo(P("anon_inode:[eventfd]")));
	EXPECT_TRUE(paths_pseudo(P("/memfd:jit (deleted)")));
	EXPECT_TRUE(!paths_pseudo(P("/tmp/socket:[1]")));
	EXPECT_TRUE(!paths_pseudo(P("a:[")));
	EXPECT_TRUE(paths_regular(P("/tmp/x")));
	EXPECT_TRUE(paths_regular(P("tiny.pt")));
	EXPECT_TRUE(!paths_regular(P("/dev/null")));
	EXPECT_TRUE(!paths_regular(P("/proc/self/maps")));
	EXPECT_TRUE(paths_regular(P("/tmp/a\0b")));
	EXPECT_TRUE(!paths_regular("", 0));
	EXPECT_STR(paths_gpu(P("/dev/nvidia0")), "nvidia");
	EXPECT_STR(paths_gpu(P("/dev/nvidiactl")), "nvidia");
	EXPECT_STR(paths_gpu(P("/dev/nvidia-uvm")), "nvidia");
	EXPECT_STR(paths_gpu(P("/dev/dri/renderD128")), "dri");
	EXPECT_STR(paths_gpu(P("/dev/dri/card0")), "dri");
	EXPECT_STR(paths_gpu(P("/dev/kfd")), "kfd");
	EXPECT_STR(paths_gpu(P("/dev/accel/accel0")), "accel");
	EXPECT_STR(paths_gpu(P("/dev/neuron0")), "neuron");
	EXPECT_TRUE(!paths_gpu(P("/dev/kfd0")));
	EXPECT_TRUE(!paths_gpu(P("/dev/null")));
	EXPECT_STR(paths_framework(P("/lib/x86_64-linux-gnu/libtorch_cpu.so.1.13")), "pytorch");
	EXPECT_STR(paths_framework(P("/usr/lib/python3/dist-packages/torch/_C.cpython-311-x86_64-linux-gnu.so")), "pytorch");
	EXPECT_STR(paths_framework(P("/usr/lib/libcudart.so.12")), "cuda");
	EXPECT_STR(paths_framework(P("/opt/ort/libonnxruntime.so.1.17.0")), "onnxruntime");
	EXPECT_STR(paths_framework(P("/opt/llama/libggml-base.so")), "ggml");
	EXPECT_STR(paths_framework(P("/x/libtensorflow_framework.so.2")), "tensorflow");
	EXPECT_TRUE(!paths_framework(P("/x/libtorch_notes.txt")));
	EXPECT_TRUE(!paths_framework(P("/lib/libc.so.6")));
	EXPECT_TRUE(!paths_framework(P("/other/_C.cpython-311.so")));
	EXPECT_STR(paths_base(P("/a/b/c.so"), &bn), "c.so");
	EXPECT_INT(bn, 4);
	EXPECT_INT((paths_base(P("noslash"), &bn), bn), 7);
	return expect_summary("test_paths");
}
