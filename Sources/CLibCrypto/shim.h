// OpenSSL's libcrypto (Debian libssl-dev, which libpq-dev already depends on): the stable block's SHA-256.
#include <openssl/evp.h>
