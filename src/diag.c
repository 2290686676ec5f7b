/* Diagnostics to stderr: see diag.h. */
#include <stdarg.h>
#include <string.h>
#include <unistd.h>

#include "diag.h"
#include "fmt.h"

static int verbose_level;

void diag_set_verbose(int level)
{
	verbose_level = level;
}

int diag_verbose(void)
{
	return verbose_level;
}

static void emit(const char *kind, const char *fmt, va_list ap)
{
	char line[1024];
	int n = fmt_snprintf(line, sizeof(line), "aitrace-min: %s", kind);

	if (n < 0)
		return;
	fmt_vsnprintf(line + n, sizeof(line) - (size_t)n - 1, fmt, ap);
	n = (int)strlen(line);
	line[n++] = '\n';
	/* stderr may be closed or a full pipe: nothing better to do */
	if (write(STDERR_FILENO, line, (size_t)n) < 0)
		return;
}

#define DIAG_BODY(kind)             \
	va_list ap;                 \
	va_start(ap, fmt);          \
	emit(kind, fmt, ap);        \
	va_end(ap)

void diag_error(const char *fmt, ...)
{
	DIAG_BODY("");
}

void diag_hint(const char *fmt, ...)
{
	DIAG_BODY("hint: ");
}

void diag_note(const char *fmt, ...)
{
	DIAG_BODY("");
}

void diag_info(const char *fmt, ...)
{
	if (verbose_level < 1)
		return;
	DIAG_BODY("");
}

void diag_block(const char *title, const char *text)
{
	const char *line = text, *nl;

	diag_note("%s:", title);
	while (line && *line) {
		nl = strchr(line, '\n');
		diag_note("  %.*s", nl ? (int)(nl - line) : (int)strlen(line),
			  line);
		line = nl ? nl + 1 : NULL;
	}
}
