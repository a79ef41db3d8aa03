// OpenSSL's libcrypto from Debian's libssl-dev: HMAC-SHA256 signing of
// Jupyter messages and a constant-time comparison of signatures.
//
// The header only: libcrypto is opened with dlopen when the kernel first
// signs a message, not linked, so that no other command loads it at
// start-up (as with libzmq, Sources/CZeroMQ/shim.h).
#ifndef DESCENT_COPENSSL_SHIM_H
#define DESCENT_COPENSSL_SHIM_H

#include <dlfcn.h>
#include <stddef.h>
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>

/// The symbol `name` of libcrypto, opening the library the first time;
/// NULL when it is not installed.
static inline void *descent_crypto_symbol(const char *name) {
  static void *library;
  if (!library) library = dlopen("libcrypto.so.3", RTLD_NOW | RTLD_LOCAL);
  if (!library) library = dlopen("libcrypto.so", RTLD_NOW | RTLD_LOCAL);
  return library ? dlsym(library, name) : NULL;
}

/// Whether libcrypto could be opened.
static inline int descent_crypto_available(void) { return descent_crypto_symbol("HMAC") != NULL; }

/// HMAC-SHA256 of `data` with `key` into `digest` (EVP_MAX_MD_SIZE bytes);
/// returns the digest's length, 0 on failure or without libcrypto.
static inline unsigned int descent_hmac_sha256(const void *key, int key_length, const unsigned char *data,
                                               size_t data_length, unsigned char *digest) {
  static __typeof__(&HMAC) hmac;
  static __typeof__(&EVP_sha256) sha256;
  if (!hmac) hmac = (__typeof__(&HMAC))descent_crypto_symbol("HMAC");
  if (!sha256) sha256 = (__typeof__(&EVP_sha256))descent_crypto_symbol("EVP_sha256");
  if (!hmac || !sha256) return 0;
  unsigned int length = 0;
  if (!hmac(sha256(), key, key_length, data, data_length, digest, &length)) return 0;
  return length;
}

/// CRYPTO_memcmp: compares in time that does not depend on the contents;
/// without libcrypto, -1 (never equal).
static inline int descent_crypto_memcmp(const void *a, const void *b, size_t length) {
  static __typeof__(&CRYPTO_memcmp) f;
  if (!f) f = (__typeof__(&CRYPTO_memcmp))descent_crypto_symbol("CRYPTO_memcmp");
  return f ? f(a, b, length) : -1;
}

#endif
