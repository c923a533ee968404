// SwiftPM drops the feature macros that pkg-config would pass, so define them
// here, before any include, to get the wide-character ncurses API.
#ifndef GONGZHI_NCURSES_SHIM_H
#define GONGZHI_NCURSES_SHIM_H

// NCURSES_WIDECHAR alone declares the wide-character API (cchar_t, setcchar,
// wget_wch). _XOPEN_SOURCE or _GNU_SOURCE would do it too, but they change glibc's
// fd_set member names and then clash with the Glibc module Swift already loaded.
#define NCURSES_WIDECHAR 1

#include <locale.h>
#include <wchar.h>
#include <stdlib.h>
#include <signal.h>
#include <langinfo.h>
#include <stdio.h>
#include <errno.h>
#include <unistd.h>
#include <ncursesw/curses.h>

// Macros do not import into Swift: wrap each one the program uses.
static inline attr_t gz_a_normal(void) { return A_NORMAL; }
static inline attr_t gz_a_bold(void) { return A_BOLD; }
static inline attr_t gz_a_dim(void) { return A_DIM; }
static inline attr_t gz_a_reverse(void) { return A_REVERSE; }
static inline attr_t gz_a_underline(void) { return A_UNDERLINE; }
static inline attr_t gz_a_italic(void) { return A_ITALIC; }
static inline attr_t gz_a_blink(void) { return A_BLINK; }

static inline int gz_colors(void) { return COLORS; }
static inline WINDOW *gz_stdscr(void) { return stdscr; }
static inline void gz_getmaxyx(WINDOW *w, int *y, int *x) { int yy, xx; getmaxyx(w, yy, xx); *y = yy; *x = xx; }

static inline int gz_key_f(int n) { return KEY_F(n); }
static inline int gz_key_resize(void) { return KEY_RESIZE; }
static inline int gz_key_mouse(void) { return KEY_MOUSE; }

static inline mmask_t gz_button1_pressed(void) { return BUTTON1_PRESSED; }
static inline mmask_t gz_button1_released(void) { return BUTTON1_RELEASED; }
static inline mmask_t gz_button4_pressed(void) { return BUTTON4_PRESSED; }
static inline mmask_t gz_button5_pressed(void) { return BUTTON5_PRESSED; }

// Put one styled, possibly wide, grapheme at (y, x). `text` is a NUL-terminated
// wide string holding the base character plus any combining marks.
static inline int gz_put_cell(int y, int x, const wchar_t *text, attr_t attrs, short pair) {
  cchar_t c;
  if (setcchar(&c, text, attrs, pair, NULL) != OK) return ERR;
  return mvadd_wch(y, x, &c);
}

// Signals: the handler only records which signal came, so the event loop can end
// cleanly and restore the terminal. No SA_RESTART, so a blocking read returns.
static volatile sig_atomic_t gz_pending_signal = 0;
static void gz_on_signal(int sig) { gz_pending_signal = sig; }
static inline void gz_install_signal_handlers(void) {
  struct sigaction sa;
  sa.sa_handler = gz_on_signal;
  sigemptyset(&sa.sa_mask);
  sa.sa_flags = 0;
  sigaction(SIGTERM, &sa, NULL);
  sigaction(SIGHUP, &sa, NULL);
  sigaction(SIGINT, &sa, NULL);
  sigaction(SIGQUIT, &sa, NULL);
}
static inline int gz_take_signal(void) { int s = gz_pending_signal; gz_pending_signal = 0; return s; }

// On a crash, put the terminal back before dying; then let the default action run.
static void gz_on_fatal(int sig) {
  endwin();
  signal(sig, SIG_DFL);
  raise(sig);
}
static inline void gz_install_fatal_handlers(void) {
  signal(SIGSEGV, gz_on_fatal);
  signal(SIGBUS, gz_on_fatal);
  signal(SIGABRT, gz_on_fatal);
  signal(SIGILL, gz_on_fatal);
  signal(SIGFPE, gz_on_fatal);
  signal(SIGTRAP, gz_on_fatal);
}

static inline int gz_read_key(wint_t *out) { return wget_wch(stdscr, out); }
static inline int gz_get_mouse(int *x, int *y, mmask_t *state) {
  MEVENT ev;
  if (getmouse(&ev) != OK) return ERR;
  *x = ev.x; *y = ev.y; *state = ev.bstate;
  return OK;
}
static inline int gz_key_code_yes(void) { return KEY_CODE_YES; }
static inline const char *gz_codeset(void) { return nl_langinfo(CODESET); }


#endif
