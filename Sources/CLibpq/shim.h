// libpq, PostgreSQL's C client library (Debian: libpq-dev), for the shared store.
#ifndef GONGZHI_LIBPQ_SHIM_H
#define GONGZHI_LIBPQ_SHIM_H

// pkg-config (libpq.pc) puts /usr/include/postgresql on the search path; Debian also
// ships the header under postgresql/ on the default path, used when it does not.
#if __has_include(<libpq-fe.h>)
#include <libpq-fe.h>
#else
#include <postgresql/libpq-fe.h>
#endif

#endif
