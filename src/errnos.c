/* errno names: see errnos.h. */
#include <stddef.h>

#include "errnos.h"

struct errno_name {
	int err;
	const char *name, *desc;
};

#define ERRNO_NAME(e, d) { e, #e, d },
static const struct errno_name table[] = {
#include "errno_names.h"
};
#undef ERRNO_NAME

static const struct errno_name *find(int err)
{
	size_t i;

	for (i = 0; i < sizeof(table) / sizeof(table[0]); i++)
		if (table[i].err == err)
			return &table[i];
	return NULL;
}

const char *errnos_name(int err)
{
	const struct errno_name *e = find(err);

	return e ? e->name : NULL;
}

const char *errnos_desc(int err)
{
	const struct errno_name *e = find(err);

	return e ? e->desc : NULL;
}
