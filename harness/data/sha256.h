// SHA-256 of files and byte strings (OpenSSL EVP), as lowercase hex: the checksum D4RL files are listed with.
#pragma once
#include <memory>
#include <string>
#include <string_view>

#include <openssl/evp.h>

namespace harness {

/// An incremental SHA-256: update with blocks, then take the hex digest once.
class Sha256 {
 public:
  Sha256();
  void update(const void* data, size_t size);
  std::string hex();

 private:
  std::unique_ptr<EVP_MD_CTX, void (*)(EVP_MD_CTX*)> ctx_;
};

/// SHA-256 of the file at `path`, read in 1 MiB blocks. Throws DatasetError when it cannot be read.
std::string sha256_file(const std::string& path);

/// SHA-256 of `bytes`.
std::string sha256_bytes(std::string_view bytes);

}  // namespace harness
