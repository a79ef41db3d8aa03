// OpenSSL's libcrypto from Debian's libssl-dev: HMAC-SHA256 signing of
// Jupyter messages and a constant-time comparison of signatures.
#include <openssl/hmac.h>
#include <openssl/evp.h>
#include <openssl/crypto.h>
