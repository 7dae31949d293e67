#include "harness/data/sha256.h"

#include <cerrno>
#include <cstdio>
#include <cstring>
#include <memory>
#include <vector>

#include <openssl/evp.h>

#include "harness/data/registry.h"

namespace harness {

Sha256::Sha256() : ctx_(EVP_MD_CTX_new(), EVP_MD_CTX_free) {
  if (!ctx_ || EVP_DigestInit_ex(ctx_.get(), EVP_sha256(), nullptr) != 1) {
    throw DatasetError("sha256: OpenSSL cannot start a SHA-256 digest");
  }
}

void Sha256::update(const void* data, size_t size) { EVP_DigestUpdate(ctx_.get(), data, size); }

std::string Sha256::hex() {
  unsigned char digest[EVP_MAX_MD_SIZE];
  unsigned int length = 0;
  EVP_DigestFinal_ex(ctx_.get(), digest, &length);
  static const char kDigits[] = "0123456789abcdef";
  std::string out;
  for (unsigned int i = 0; i < length; ++i) {
    out += kDigits[digest[i] >> 4];
    out += kDigits[digest[i] & 0xF];
  }
  return out;
}

std::string sha256_file(const std::string& path) {
  constexpr size_t kBlock = 1 << 20;
  std::unique_ptr<FILE, int (*)(FILE*)> file(std::fopen(path.c_str(), "rb"), std::fclose);
  if (!file) throw DatasetError(path + ": cannot open for sha256: " + std::strerror(errno));
  Sha256 digest;
  std::vector<char> block(kBlock);
  while (size_t got = std::fread(block.data(), 1, block.size(), file.get())) digest.update(block.data(), got);
  if (std::ferror(file.get())) throw DatasetError(path + ": read error while computing sha256");
  return digest.hex();
}

std::string sha256_bytes(std::string_view bytes) {
  Sha256 digest;
  digest.update(bytes.data(), bytes.size());
  return digest.hex();
}

}  // namespace harness
