#ifndef WM_CLIBPQ_SHIM_H
#define WM_CLIBPQ_SHIM_H

#include <libpq-fe.h>

/* Swift does not import character-literal macros such as PG_DIAG_SQLSTATE: re-export them. */
static const int WM_PG_DIAG_SQLSTATE = PG_DIAG_SQLSTATE;
static const int WM_PG_DIAG_MESSAGE_PRIMARY = PG_DIAG_MESSAGE_PRIMARY;
static const int WM_PG_DIAG_MESSAGE_DETAIL = PG_DIAG_MESSAGE_DETAIL;
static const int WM_PG_DIAG_MESSAGE_HINT = PG_DIAG_MESSAGE_HINT;
static const int WM_PG_DIAG_CONSTRAINT_NAME = PG_DIAG_CONSTRAINT_NAME;
static const int WM_PG_DIAG_SEVERITY_NONLOCALIZED = PG_DIAG_SEVERITY_NONLOCALIZED;

#endif
