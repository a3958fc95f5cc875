#ifndef WM_CCMARK_SHIM_H
#define WM_CCMARK_SHIM_H

#include <cmark.h>

#endif
