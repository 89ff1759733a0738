/*
 * relais.c: shared definitions.
 */
#include "relais.h"

const char *
relais_strerror(int r)
{
	switch (r) {
	case RELAIS_OK:
		return ("success");
	case RELAIS_ERR_NOMEM:
		return ("out of memory");
	case RELAIS_ERR_DB:
		return ("database error");
	case RELAIS_ERR_NOTFOUND:
		return ("not found");
	case RELAIS_ERR_INVALID:
		return ("invalid input");
	case RELAIS_ERR_TOOBIG:
		return ("too long");
	case RELAIS_ERR_DENIED:
		return ("permission denied");
	case RELAIS_ERR_SYSTEM:
		return ("system error");
	case RELAIS_ERR_EXISTS:
		return ("already exists");
	case RELAIS_ERR_BUSY:
		return ("database busy");
	case RELAIS_ERR_TOOSHORT:
		return ("too short");
	}
	return ("unknown error");
}
