// libedit's el_set, el_get and history are variadic C functions, which Swift
// does not import. These fixed-argument wrappers cover the calls the REPL
// makes; each is a one-line forward to the real call.
#ifndef DESCENT_CEDITLINE_SHIM_H
#define DESCENT_CEDITLINE_SHIM_H

#include <dlfcn.h>
#include <stdio.h>
#include <histedit.h>

// MARK: - Opening libedit on first use
//
// libedit is opened with dlopen when the REPL or `practice` first needs it,
// not linked: a `descent run` never reads a line, and loading libedit with
// its libtinfo, libbsd and libmd was about a sixth of the symbol
// relocations of the static build's start-up. Every libedit call below goes
// through a pointer looked up here; without the library, descent_el_init and
// descent_history_init return NULL and the callers read lines without
// editing.

/// The symbol `name` of libedit, opening the library the first time; NULL
/// when libedit is not installed.
static inline void *descent_libedit_symbol(const char *name) {
  static void *library;
  if (!library) library = dlopen("libedit.so.2", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libedit.so", RTLD_NOW | RTLD_LOCAL);
  return library ? dlsym(library, name) : NULL;
}

typedef int (*descent_el_set_function)(EditLine *, int, ...);
typedef int (*descent_history_function)(History *, HistEvent *, int, ...);

static inline descent_el_set_function descent_el_set_pointer(void) {
  return (descent_el_set_function)descent_libedit_symbol("el_set");
}

static inline descent_history_function descent_history_pointer(void) {
  return (descent_history_function)descent_libedit_symbol("history");
}

/// el_init, or NULL without libedit.
static inline EditLine *descent_el_init(const char *program, FILE *in, FILE *out, FILE *err) {
  EditLine *(*f)(const char *, FILE *, FILE *, FILE *) =
      (EditLine * (*)(const char *, FILE *, FILE *, FILE *)) descent_libedit_symbol("el_init");
  return f ? f(program, in, out, err) : NULL;
}

static inline void descent_el_end(EditLine *el) {
  void (*f)(EditLine *) = (void (*)(EditLine *))descent_libedit_symbol("el_end");
  if (f) f(el);
}

static inline const char *descent_el_gets(EditLine *el, int *count) {
  const char *(*f)(EditLine *, int *) = (const char *(*)(EditLine *, int *))descent_libedit_symbol("el_gets");
  if (!f) { *count = 0; return NULL; }
  return f(el, count);
}

static inline const LineInfo *descent_el_line(EditLine *el) {
  const LineInfo *(*f)(EditLine *) = (const LineInfo *(*)(EditLine *))descent_libedit_symbol("el_line");
  return f ? f(el) : NULL;
}

static inline void descent_el_cursor(EditLine *el, int count) {
  int (*f)(EditLine *, int) = (int (*)(EditLine *, int))descent_libedit_symbol("el_cursor");
  if (f) f(el, count);
}

static inline int descent_el_insertstr(EditLine *el, const char *text) {
  int (*f)(EditLine *, const char *) = (int (*)(EditLine *, const char *))descent_libedit_symbol("el_insertstr");
  return f ? f(el, text) : -1;
}

static inline void descent_el_push(EditLine *el, const char *text) {
  void (*f)(EditLine *, const char *) = (void (*)(EditLine *, const char *))descent_libedit_symbol("el_push");
  if (f) f(el, text);
}

/// libedit's own file-name completion (what Tab does inside strings).
static inline unsigned char descent_el_fn_complete(EditLine *el, int key) {
  unsigned char (*f)(EditLine *, int) = (unsigned char (*)(EditLine *, int))descent_libedit_symbol("_el_fn_complete");
  return f ? f(el, key) : CC_ERROR;
}

/// history_init, or NULL without libedit.
static inline History *descent_history_init(void) {
  History *(*f)(void) = (History * (*)(void)) descent_libedit_symbol("history_init");
  return f ? f() : NULL;
}

static inline void descent_history_end(History *h) {
  void (*f)(History *) = (void (*)(History *))descent_libedit_symbol("history_end");
  if (f) f(h);
}

// MARK: - Line editor

/// The prompt: libedit calls `prompt` before each line it reads.
static inline int descent_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_PROMPT, prompt) : -1;
}

/// "emacs" or "vi" key bindings.
static inline int descent_el_set_editor(EditLine *el, const char *mode) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_EDITOR, mode) : -1;
}

/// Connects a history list, so the arrow keys and Ctrl-R search it.
static inline int descent_el_set_history(EditLine *el, History *list) {
  // The first argument is libedit's history function itself, the second
  // the list it works on.
  descent_el_set_function set = descent_el_set_pointer();
  descent_history_function history_function = descent_history_pointer();
  return set && history_function ? set(el, EL_HIST, history_function, list) : -1;
}

/// Adds a named editor function that a key can be bound to.
static inline int descent_el_add_function(
    EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_ADDFN, name, help, function) : -1;
}

/// Binds a key ("^I", "^R") to an editor function by name.
static inline int descent_el_bind(EditLine *el, const char *key, const char *function) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_BIND, key, function, NULL) : -1;
}

/// Changes a terminal mode flag of the editing (-d) mode, as stty would: "-isig".
static inline int descent_el_set_edit_tty(EditLine *el, const char *flag) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_SETTY, "-d", flag, NULL) : -1;
}

/// A pointer the editor functions can get back (the Swift line editor).
static inline int descent_el_set_client_data(EditLine *el, void *data) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_CLIENTDATA, data) : -1;
}

/// The pointer set with descent_el_set_client_data, or NULL.
static inline void *descent_el_get_client_data(EditLine *el) {
  void *data = NULL;
  int (*get)(EditLine *, int, ...) = (int (*)(EditLine *, int, ...))descent_libedit_symbol("el_get");
  if (!get || get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/// Whether libedit installs its own signal handlers (we do not want it to).
static inline int descent_el_set_signal(EditLine *el, int on) {
  descent_el_set_function set = descent_el_set_pointer();
  return set ? set(el, EL_SIGNAL, on) : -1;
}

// MARK: - History

/// Keeps at most `size` entries.
static inline int descent_history_set_size(History *h, HistEvent *ev, int size) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_SETSIZE, size) : -1;
}

/// Skips an entry equal to the one before it.
static inline int descent_history_set_unique(History *h, HistEvent *ev, int unique) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_SETUNIQUE, unique) : -1;
}

/// Adds a line as the newest entry.
static inline int descent_history_enter(History *h, HistEvent *ev, const char *line) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_ENTER, line) : -1;
}

/// Reads entries from a file written by descent_history_save; -1 on failure.
static inline int descent_history_load(History *h, HistEvent *ev, const char *path) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_LOAD, path) : -1;
}

/// Writes every entry to a file; -1 on failure.
static inline int descent_history_save(History *h, HistEvent *ev, const char *path) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_SAVE, path) : -1;
}

/// Moves to the oldest entry (ev->str); -1 when empty.
static inline int descent_history_last(History *h, HistEvent *ev) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_LAST) : -1;
}

/// Moves one entry newer (ev->str); -1 at the newest.
static inline int descent_history_prev(History *h, HistEvent *ev) {
  descent_history_function history_function = descent_history_pointer();
  return history_function ? history_function(h, ev, H_PREV) : -1;
}

#endif
