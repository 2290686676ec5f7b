/* errno names: see errnos.h. */
#include <string.h>

#include "errnos.h"

/* The generated table as a string of "NAME\0description\0" pairs and the
 * numbers in the same order (no pointers: a third of the size). */
#define ERRNO_NAME(e, d) #e "\0" d "\0"
static const char text[] =
#include "errno_names.h"
	;
#undef ERRNO_NAME
#define ERRNO_NAME(e, d) e,
static const unsigned short numbers[] = {
#include "errno_names.h"
};
#undef ERRNO_NAME

/* The "NAME\0description" pair of err, or NULL. */
static const char *find(int err)
{
	const char *p = text;
	size_t i;

	for (i = 0; i < sizeof(numbers) / sizeof(numbers[0]); i++) {
		if (numbers[i] == err)
			return p;
		p += strlen(p) + 1; /* name */
		p += strlen(p) + 1; /* description */
	}
	return NULL;
}

const char *errnos_name(int err)
{
	return find(err);
}

const char *errnos_desc(int err)
{
	const char *p = find(err);

	return p ? p + strlen(p) + 1 : NULL;
}

const char *errnos_text(int err)
{
	const char *d = errnos_desc(err);

	return d && d[0] ? d : "unknown error";
}
