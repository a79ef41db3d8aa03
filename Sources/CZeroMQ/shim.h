// libzmq from Debian's libzmq3-dev: the sockets of the Jupyter kernel.
//
// The header only: libzmq is opened with dlopen when `descent kernel` first
// needs it, not linked. Linked, it brought fifteen libraries (libstdc++,
// libsodium, libpgm, libnorm, Kerberos, ...) into every start of descent,
// and a `descent run -e` paid for their relocations (see Benchmarks/
// RESULTS.md, start-up). Every call below goes through a pointer looked up
// on first use; without the library they fail with ENOSYS and
// descent_zmq_available() says so.
#ifndef DESCENT_CZEROMQ_SHIM_H
#define DESCENT_CZEROMQ_SHIM_H

#include <dlfcn.h>
#include <errno.h>
#include <stddef.h>
#include <zmq.h>
// prctl(PR_SET_PDEATHSIG): the kernel ends with its parent. Here because
// Glibc's Swift module does not include <sys/prctl.h>.
#include <sys/prctl.h>

static inline int descent_set_parent_death_signal(int signal) {
  return prctl(PR_SET_PDEATHSIG, (unsigned long)signal, 0UL, 0UL, 0UL);
}

/// The symbol `name` of libzmq, opening the library the first time; NULL
/// when libzmq is not installed.
static inline void *descent_zmq_symbol(const char *name) {
  static void *library;
  if (!library) library = dlopen("libzmq.so.5", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libzmq.so", RTLD_NOW | RTLD_LOCAL);
  return library ? dlsym(library, name) : NULL;
}

/// Whether libzmq could be opened.
static inline int descent_zmq_available(void) { return descent_zmq_symbol("zmq_ctx_new") != NULL; }

/// zmq_errno, or ENOSYS without libzmq (the calls below then set nothing).
static inline int descent_zmq_errno(void) {
  static __typeof__(&zmq_errno) f;
  if (!f) f = (__typeof__(&zmq_errno))descent_zmq_symbol("zmq_errno");
  return f ? f() : ENOSYS;
}

static inline void *descent_zmq_ctx_new(void) {
  static __typeof__(&zmq_ctx_new) f;
  if (!f) f = (__typeof__(&zmq_ctx_new))descent_zmq_symbol("zmq_ctx_new");
  return f ? f() : NULL;
}

static inline int descent_zmq_ctx_shutdown(void *context) {
  static __typeof__(&zmq_ctx_shutdown) f;
  if (!f) f = (__typeof__(&zmq_ctx_shutdown))descent_zmq_symbol("zmq_ctx_shutdown");
  return f ? f(context) : -1;
}

static inline int descent_zmq_ctx_term(void *context) {
  static __typeof__(&zmq_ctx_term) f;
  if (!f) f = (__typeof__(&zmq_ctx_term))descent_zmq_symbol("zmq_ctx_term");
  return f ? f(context) : -1;
}

static inline void *descent_zmq_socket(void *context, int type) {
  static __typeof__(&zmq_socket) f;
  if (!f) f = (__typeof__(&zmq_socket))descent_zmq_symbol("zmq_socket");
  return f ? f(context, type) : NULL;
}

static inline int descent_zmq_setsockopt(void *socket, int option, const void *value, size_t length) {
  static __typeof__(&zmq_setsockopt) f;
  if (!f) f = (__typeof__(&zmq_setsockopt))descent_zmq_symbol("zmq_setsockopt");
  return f ? f(socket, option, value, length) : -1;
}

static inline int descent_zmq_bind(void *socket, const char *address) {
  static __typeof__(&zmq_bind) f;
  if (!f) f = (__typeof__(&zmq_bind))descent_zmq_symbol("zmq_bind");
  return f ? f(socket, address) : -1;
}

static inline int descent_zmq_close(void *socket) {
  static __typeof__(&zmq_close) f;
  if (!f) f = (__typeof__(&zmq_close))descent_zmq_symbol("zmq_close");
  return f ? f(socket) : -1;
}

static inline int descent_zmq_poll(zmq_pollitem_t *items, int count, long timeout) {
  static __typeof__(&zmq_poll) f;
  if (!f) f = (__typeof__(&zmq_poll))descent_zmq_symbol("zmq_poll");
  return f ? f(items, count, timeout) : -1;
}

static inline int descent_zmq_msg_init(zmq_msg_t *message) {
  static __typeof__(&zmq_msg_init) f;
  if (!f) f = (__typeof__(&zmq_msg_init))descent_zmq_symbol("zmq_msg_init");
  return f ? f(message) : -1;
}

static inline int descent_zmq_msg_close(zmq_msg_t *message) {
  static __typeof__(&zmq_msg_close) f;
  if (!f) f = (__typeof__(&zmq_msg_close))descent_zmq_symbol("zmq_msg_close");
  return f ? f(message) : -1;
}

static inline int descent_zmq_msg_recv(zmq_msg_t *message, void *socket, int flags) {
  static __typeof__(&zmq_msg_recv) f;
  if (!f) f = (__typeof__(&zmq_msg_recv))descent_zmq_symbol("zmq_msg_recv");
  return f ? f(message, socket, flags) : -1;
}

static inline void *descent_zmq_msg_data(zmq_msg_t *message) {
  static __typeof__(&zmq_msg_data) f;
  if (!f) f = (__typeof__(&zmq_msg_data))descent_zmq_symbol("zmq_msg_data");
  return f ? f(message) : NULL;
}

static inline int descent_zmq_msg_more(const zmq_msg_t *message) {
  static __typeof__(&zmq_msg_more) f;
  if (!f) f = (__typeof__(&zmq_msg_more))descent_zmq_symbol("zmq_msg_more");
  return f ? f(message) : 0;
}

static inline int descent_zmq_send(void *socket, const void *buffer, size_t length, int flags) {
  static __typeof__(&zmq_send) f;
  if (!f) f = (__typeof__(&zmq_send))descent_zmq_symbol("zmq_send");
  return f ? f(socket, buffer, length, flags) : -1;
}

static inline int descent_zmq_proxy(void *frontend, void *backend, void *capture) {
  static __typeof__(&zmq_proxy) f;
  if (!f) f = (__typeof__(&zmq_proxy))descent_zmq_symbol("zmq_proxy");
  return f ? f(frontend, backend, capture) : -1;
}

static inline const char *descent_zmq_strerror(int error) {
  static __typeof__(&zmq_strerror) f;
  if (!f) f = (__typeof__(&zmq_strerror))descent_zmq_symbol("zmq_strerror");
  return f ? f(error) : "libzmq is not installed";
}

#endif
