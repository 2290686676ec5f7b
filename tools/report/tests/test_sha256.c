/* SHA-256 against the FIPS 180-4 example vectors (and NIST's long
 * messages), fed whole and byte by byte, and at the padding boundaries
 * (55, 56, 63, 64 bytes) against digests computed by sha256sum. */
#include "expect.h"
#include "sha256.h"

static const char *digest_of(const void *p, size_t n, size_t chunk)
{
	static char hex[65];
	struct sha256 c;
	unsigned char d[32];
	const unsigned char *b = p;
	size_t off;

	sha256_init(&c);
	for (off = 0; off < n; off += chunk)
		sha256_update(&c, b + off, n - off < chunk ? n - off : chunk);
	sha256_final(&c, d);
	sha256_hex(d, hex);
	return hex;
}

int main(void)
{
	static const char m448[] =
		"abcdbcdecdefdefgefghfghighijhijkijkljklmklmnlmnomnopnopq";
	static const char m896[] =
		"abcdefghbcdefghicdefghijdefghijkefghijklfghijklmghijklmn"
		"hijklmnoijklmnopjklmnopqklmnopqrlmnopqrsmnopqrstnopqrstu";
	static char million[1000000], a64[64];
	size_t chunk;

	memset(million, 'a', sizeof(million));
	memset(a64, 'a', sizeof(a64));
	EXPECT_STR(digest_of("", 0, 1),
		   "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855");
	for (chunk = 1; chunk <= 64; chunk *= 4) {
		EXPECT_STR(digest_of("abc", 3, chunk),
			   "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad");
		EXPECT_STR(digest_of(m448, 56, chunk),
			   "248d6a61d20638b8e5c026930c3e6039a33ce45964ff2167f6ecedd419db06c1");
		EXPECT_STR(digest_of(m896, 112, chunk),
			   "cf5b16a778af8380036ce59e7b0492370b249b11e8f07a51afac45037afee9d1");
	}
	EXPECT_STR(digest_of(million, sizeof(million), sizeof(million)),
		   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	EXPECT_STR(digest_of(million, sizeof(million), 1000),
		   "cdc76e5c9914fb9281a1c7e284d73e67f1809a48a497200e046d39ccc7112cd0");
	EXPECT_STR(digest_of(a64, 55, 7),
		   "9f4390f8d30c2dd92ec9f095b65e2b9ae9b0a925a5258e241c9f1e910f734318");
	EXPECT_STR(digest_of(a64, 56, 7),
		   "b35439a4ac6f0948b6d6f9e3c6af0f5f590ce20f1bde7090ef7970686ec6738a");
	EXPECT_STR(digest_of(a64, 63, 7),
		   "7d3e74a05d7db15bce4ad9ec0658ea98e3f06eeecf16b4c6fff2da457ddc2f34");
	EXPECT_STR(digest_of(a64, 64, 7),
		   "ffe054fe7ae0cb6dc65c3af9b61d5209f439851db43d0ba5997337df154668eb");
	return expect_summary("test_sha256");
}
