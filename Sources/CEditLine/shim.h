// libedit's el_set, el_get and history are variadic C functions, which Swift
// does not import. These fixed-argument wrappers cover the calls the REPL
// makes; each is a one-line forward to the real call.
#ifndef DESCENT_CEDITLINE_SHIM_H
#define DESCENT_CEDITLINE_SHIM_H

#include <stdio.h>
#include <histedit.h>

// MARK: - Line editor

/// The prompt: libedit calls `prompt` before each line it reads.
static inline int descent_el_set_prompt(EditLine *el, char *(*prompt)(EditLine *)) {
  return el_set(el, EL_PROMPT, prompt);
}

/// "emacs" or "vi" key bindings.
static inline int descent_el_set_editor(EditLine *el, const char *mode) {
  return el_set(el, EL_EDITOR, mode);
}

/// Connects a history list, so the arrow keys and Ctrl-R search it.
static inline int descent_el_set_history(EditLine *el, History *list) {
  // The first argument is libedit's history function itself, the second
  // the list it works on.
  return el_set(el, EL_HIST, history, list);
}

/// Adds a named editor function that a key can be bound to.
static inline int descent_el_add_function(
    EditLine *el, const char *name, const char *help, unsigned char (*function)(EditLine *, int)) {
  return el_set(el, EL_ADDFN, name, help, function);
}

/// Binds a key ("^I", "^R") to an editor function by name.
static inline int descent_el_bind(EditLine *el, const char *key, const char *function) {
  return el_set(el, EL_BIND, key, function, NULL);
}

/// Changes a terminal mode flag of the editing (-d) mode, as stty would: "-isig".
static inline int descent_el_set_edit_tty(EditLine *el, const char *flag) {
  return el_set(el, EL_SETTY, "-d", flag, NULL);
}

/// A pointer the editor functions can get back (the Swift line editor).
static inline int descent_el_set_client_data(EditLine *el, void *data) {
  return el_set(el, EL_CLIENTDATA, data);
}

/// The pointer set with descent_el_set_client_data, or NULL.
static inline void *descent_el_get_client_data(EditLine *el) {
  void *data = NULL;
  if (el_get(el, EL_CLIENTDATA, &data) != 0) return NULL;
  return data;
}

/// Whether libedit installs its own signal handlers (we do not want it to).
static inline int descent_el_set_signal(EditLine *el, int on) {
  return el_set(el, EL_SIGNAL, on);
}

// MARK: - History

/// Keeps at most `size` entries.
static inline int descent_history_set_size(History *h, HistEvent *ev, int size) {
  return history(h, ev, H_SETSIZE, size);
}

/// Skips an entry equal to the one before it.
static inline int descent_history_set_unique(History *h, HistEvent *ev, int unique) {
  return history(h, ev, H_SETUNIQUE, unique);
}

/// Adds a line as the newest entry.
static inline int descent_history_enter(History *h, HistEvent *ev, const char *line) {
  return history(h, ev, H_ENTER, line);
}

/// Reads entries from a file written by descent_history_save; -1 on failure.
static inline int descent_history_load(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_LOAD, path);
}

/// Writes every entry to a file; -1 on failure.
static inline int descent_history_save(History *h, HistEvent *ev, const char *path) {
  return history(h, ev, H_SAVE, path);
}

/// Moves to the oldest entry (ev->str); -1 when empty.
static inline int descent_history_last(History *h, HistEvent *ev) {
  return history(h, ev, H_LAST);
}

/// Moves one entry newer (ev->str); -1 at the newest.
static inline int descent_history_prev(History *h, HistEvent *ev) {
  return history(h, ev, H_PREV);
}

#endif
