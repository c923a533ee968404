// libxlsxwriter (Debian's libxlsxwriter-dev) writes the XLSX exports: the OOXML
// package, shared strings, styles and print setup, in C, well tested against Excel.
#ifndef GONGZHI_XLSXWRITER_SHIM_H
#define GONGZHI_XLSXWRITER_SHIM_H

#include <xlsxwriter.h>

// Paper size 9 is A4 in the OOXML numbering (ECMA-376 §18.3.1.63).
static inline uint8_t gz_paper_a4(void) { return 9; }

#endif
