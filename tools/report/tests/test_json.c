/* The NDJSON reader on lines of our own log, on escapes, and on hostile
 * input: every prefix of a real line, deep nesting, junk bytes. */
#include <stdlib.h>

#include "expect.h"
#include "json.h"

static struct json_doc d;

static int parse(const char *text)
{
	static char buf[8192];
	size_t n = strlen(text);

	memcpy(buf, text, n + 1);
	return json_parse(&d, buf, n);
}

static const char line[] =
	"{\"type\":\"syscall\",\"seq\":7315,\"time_ns\":1796186197964448812,"
	"\"time\":\"1796186197.964448812\",\"cpu\":0,\"pid\":6827,\"tid\":6827,"
	"\"comm\":\"t\",\"syscall\":\"read\",\"nr\":0,\"args\":{\"fd\":{\"raw\":3,"
	"\"text\":\"3</etc/hostname>\",\"path\":\"/etc/hostname\",\"path_source\":"
	"\"seen\"},\"buf\":{\"raw\":\"0xffffffffff600000\",\"text\":\"0x7ffe3a43c3d0\"},"
	"\"count\":{\"raw\":64,\"text\":\"64\"}},\"ret\":-3,\"duration_ns\":1693,"
	"\"x\":[1,2.5,-0,1e3,true,false,null,[],{}]}";

int main(void)
{
	const struct json *r, *a, *fd, *c;
	int64_t i;
	size_t n, k;
	const char *s;
	char *big;

	/* a record of our log */
	EXPECT_INT(parse(line), 0);
	r = json_root(&d);
	EXPECT_TRUE(r && r->type == JSON_OBJ);
	EXPECT_TRUE(json_is(json_get(&d, r, "type"), "syscall"));
	EXPECT_INT(json_get_int(&d, r, "time_ns", &i), 0);
	EXPECT_TRUE(i == 1796186197964448812LL);
	EXPECT_INT(json_get_int(&d, r, "ret", &i), 0);
	EXPECT_INT(i, -3);
	a = json_get(&d, r, "args");
	fd = json_get(&d, a, "fd");
	EXPECT_STR(json_get_str(&d, fd, "path", &n), "/etc/hostname");
	EXPECT_INT(n, 13);
	EXPECT_INT(json_get_int(&d, json_get(&d, a, "buf"), "raw", &i), 0);
	EXPECT_TRUE((uint64_t)i == 0xffffffffff600000ULL);
	EXPECT_INT(json_get_int(&d, json_get(&d, a, "buf"), "text", &i), 0);
	EXPECT_TRUE(json_get(&d, r, "missing") == NULL);
	EXPECT_TRUE(json_get(&d, fd, "raw") && json_get(&d, fd, "raw")->is_int);
	c = json_get(&d, r, "x");
	EXPECT_INT(c->count, 9);
	c = json_first(&d, c);
	EXPECT_INT(c->i, 1);
	c = json_next(&d, c);
	EXPECT_TRUE(c->type == JSON_NUM && !c->is_int); /* 2.5 */
	c = json_next(&d, c);
	EXPECT_TRUE(c->is_int && c->i == 0); /* -0 */
	c = json_next(&d, c);
	EXPECT_TRUE(!c->is_int); /* 1e3 */
	EXPECT_INT(json_next(&d, c)->type, JSON_TRUE);

	/* every prefix of the line fails cleanly */
	for (k = 0; k < sizeof(line) - 1; k++) {
		char buf[sizeof(line)];
		memcpy(buf, line, k);
		if (json_parse(&d, buf, k) == 0) {
			EXPECT_TRUE(!"a prefix parsed");
			break;
		}
	}
	/* so does every single-byte corruption that breaks the syntax,
	 * without a crash (some still parse: a digit for a digit) */
	for (k = 0; k < sizeof(line) - 1; k++) {
		char buf[sizeof(line)];
		memcpy(buf, line, sizeof(line));
		buf[k] = (char)0xff;
		(void)json_parse(&d, buf, sizeof(line) - 1);
	}

	/* escapes: NUL, surrogate pair, lone surrogate, control chars */
	EXPECT_INT(parse("\"a\\u0000b\\n\\ud83d\\ude00\\udc00\\\"\\/\""), 0);
	s = json_str(json_root(&d), &n);
	EXPECT_INT(n, 13);
	EXPECT_MEM(s, "a\0b\n\xf0\x9f\x98\x80\xef\xbf\xbd\"/", 13);
	EXPECT_INT(parse("\"tab\there\""), -1);
	EXPECT_STR(d.err, "control character in string");
	EXPECT_INT(parse("\"\\x41\""), -1);
	EXPECT_INT(parse("\"\\u12\""), -1);
	EXPECT_INT(parse("{\"a\":1,}"), -1);
	EXPECT_INT(parse("{\"a\" 1}"), -1);
	EXPECT_INT(parse("[1 2]"), -1);
	EXPECT_INT(parse("01"), -1);
	EXPECT_INT(parse("-"), -1);
	EXPECT_INT(parse("1."), -1);
	EXPECT_INT(parse("tru"), -1);
	EXPECT_INT(parse("{} {}"), -1);
	EXPECT_STR(d.err, "text after the value");
	EXPECT_INT(parse(""), -1);
	EXPECT_INT(parse("  7 "), 0);

	/* integers: int64 limits, beyond them not an integer */
	EXPECT_INT(parse("[9223372036854775807,-9223372036854775808,"
			 "9223372036854775808,99999999999999999999]"), 0);
	c = json_first(&d, json_root(&d));
	EXPECT_TRUE(c->is_int && c->i == INT64_MAX);
	c = json_next(&d, c);
	EXPECT_TRUE(c->is_int && c->i == INT64_MIN);
	c = json_next(&d, c);
	EXPECT_TRUE(!c->is_int);
	EXPECT_INT(json_int(c, &i), -1);
	EXPECT_TRUE(!json_next(&d, c)->is_int);
	EXPECT_INT(parse("\"0xg\""), 0);
	EXPECT_INT(json_int(json_root(&d), &i), -1);

	/* a repeated key: the first wins */
	EXPECT_INT(parse("{\"k\":1,\"k\":2}"), 0);
	EXPECT_INT(json_get_int(&d, json_root(&d), "k", &i), 0);
	EXPECT_INT(i, 1);

	/* depth: 32 levels parse, 33 do not; 100000 fail without a crash */
	big = malloc(200001);
	memset(big, '[', 32);
	memset(big + 32, ']', 32);
	EXPECT_INT(json_parse(&d, big, 64), 0);
	memset(big, '[', 33);
	memset(big + 33, ']', 33);
	EXPECT_INT(json_parse(&d, big, 66), -1);
	EXPECT_STR(d.err, "nested too deeply");
	memset(big, '[', 100000);
	EXPECT_INT(json_parse(&d, big, 100000), -1);
	/* many values in one array */
	big[0] = '[';
	for (k = 0; k < 99999; k++) {
		big[1 + 2 * k] = '0';
		big[2 + 2 * k] = ',';
	}
	big[1 + 2 * k] = '0';
	big[2 + 2 * k] = ']';
	EXPECT_INT(json_parse(&d, big, 3 + 2 * k), 0);
	EXPECT_INT(json_root(&d)->count, 100000);
	free(big);
	json_free(&d);
	return expect_summary("test_json");
}
